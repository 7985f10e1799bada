package io.mp4j.ipc.region;

import io.mp4j.ipc.RegionFormatException;
import io.mp4j.ipc.liveness.ProcessIdentity;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

import static io.mp4j.ipc.layout.RegionHeaderDescriptor.*;

/**
 * The header of a region file as read at one moment, with the file's length then. Immutable.
 *
 * @param magic          the first eight bytes.
 * @param versionMajor   layout major version.
 * @param versionMinor   layout minor version.
 * @param kindCode       kind code, see {@link RegionKind#code()}.
 * @param headerLength   header length in bytes.
 * @param totalLength    total length the header claims, in bytes.
 * @param creator        the process that created the file.
 * @param creationTimeMs when it was created, epoch milliseconds.
 * @param ready          the ready word.
 * @param fileLength     the file's actual length when read.
 */
public record RegionHeader(
    long magic,
    int versionMajor,
    int versionMinor,
    int kindCode,
    int headerLength,
    long totalLength,
    ProcessIdentity creator,
    long creationTimeMs,
    int ready,
    long fileLength)
{
    /**
     * Reads a header from a buffer holding at least {@link io.mp4j.ipc.layout.RegionHeaderDescriptor#HEADER_LENGTH}
     * bytes. The ready word is read first with acquire ordering, pairing with the creator's release store, so the
     * other fields are the initialised ones whenever it reads {@code READY_VALUE}.
     *
     * @param buffer     the header bytes.
     * @param fileLength the file's length.
     * @return the header.
     */
    public static RegionHeader read(final UnsafeBuffer buffer, final long fileLength)
    {
        final int ready = buffer.getIntAcquire(READY_OFFSET);
        return new RegionHeader(
            buffer.getLong(MAGIC_OFFSET),
            buffer.getInt(VERSION_MAJOR_OFFSET),
            buffer.getInt(VERSION_MINOR_OFFSET),
            buffer.getInt(KIND_OFFSET),
            buffer.getInt(HEADER_LENGTH_OFFSET),
            buffer.getLong(TOTAL_LENGTH_OFFSET),
            new ProcessIdentity(buffer.getLong(CREATOR_PID_OFFSET), buffer.getLong(CREATOR_START_TIME_OFFSET)),
            buffer.getLong(CREATION_TIME_OFFSET),
            ready,
            fileLength);
    }

    /**
     * @return true if the creator has marked the region ready.
     */
    public boolean isReady()
    {
        return ready == READY_VALUE;
    }

    /**
     * @return the kind, or null if the code is unknown.
     */
    public RegionKind kind()
    {
        return RegionKind.fromCode(kindCode);
    }

    /**
     * Checks every field of a ready header, in the order a reader relies on them.
     *
     * @param file         the file, for messages.
     * @param expectedKind the kind the caller wants, or null for any known kind.
     * @throws RegionFormatException naming the first field that is wrong.
     */
    public void validate(final Path file, final RegionKind expectedKind)
    {
        if (magic != MAGIC)
        {
            throw new RegionFormatException(file, "magic", String.format(
                "0x%016x is not an mp4j region's 0x%016x (a foreign or corrupt file)", magic, MAGIC));
        }
        if (!isReady())
        {
            throw new RegionFormatException(file, "ready", String.format("0x%08x, not ready", ready));
        }
        if (versionMajor != VERSION_MAJOR)
        {
            throw new RegionFormatException(file, "version", "layout " + versionMajor + "." + versionMinor +
                " is not readable by this mp4j, which reads " + VERSION_MAJOR + ".x");
        }
        final RegionKind kind = kind();
        if (kind == null)
        {
            throw new RegionFormatException(file, "kind", "unknown kind code " + kindCode);
        }
        if (expectedKind != null && kind != expectedKind)
        {
            throw new RegionFormatException(file, "kind", kind + " where " + expectedKind + " was expected");
        }
        if (headerLength != HEADER_LENGTH)
        {
            throw new RegionFormatException(file, "headerLength", headerLength + " bytes, expected " + HEADER_LENGTH);
        }
        if (totalLength < HEADER_LENGTH)
        {
            throw new RegionFormatException(file, "totalLength", totalLength + " bytes is shorter than the header");
        }
        if (totalLength != fileLength)
        {
            throw new RegionFormatException(file, "length", "the file is " + fileLength +
                " bytes but its header says " + totalLength + (fileLength < totalLength ? " (truncated)" : ""));
        }
    }
}
