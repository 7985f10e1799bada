package io.mp4j.ipc.region;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.RegionFormatException;
import io.mp4j.ipc.liveness.ProcessIdentity;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import static io.mp4j.ipc.layout.RegionHeaderDescriptor.*;

/**
 * Creates, attaches and inspects region files. The steps are numbered in {@code docs/LAYOUT.md}.
 *
 * <p>Create-or-attach is race-free across processes: the file is created with {@code O_CREAT|O_EXCL}, so exactly
 * one process initialises it; the others attach and wait for its ready word, up to a timeout. The creator writes
 * the whole header (ready word 0) in one write, allocates every page of the file (so a full file system fails
 * here, with a clear message, and never later as a SIGBUS), maps it, initialises the body, and stores the ready
 * word last with release ordering. An attacher checks the file type, its length and every header field before it
 * maps the body.
 *
 * <p>Threading: all methods may be called from any thread of any process.
 */
public final class RegionFiles
{
    /** Files are readable and writable by their owner only. */
    public static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

    /** Space directories are usable by their owner only. */
    public static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

    /** Largest region: the body is addressed by int offsets. */
    public static final long MAX_TOTAL_LENGTH = Integer.MAX_VALUE - 8;

    private static final int ZERO_CHUNK_LENGTH = 1 << 20;
    private static final long MAX_WAIT_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private RegionFiles()
    {
    }

    /**
     * Creates the region if no file has its name, else attaches to the existing one.
     *
     * @param directory   the space directory; created (mode 0700) if missing.
     * @param name        the region name, validated by {@link Names}.
     * @param kind        the kind to create, or to expect when attaching.
     * @param totalLength the file length, header included; an existing file of another length is refused.
     * @param initialiser writes the body's initial state, on create only, before the ready word is published.
     * @param timeoutMs   how long to wait for another creator's ready word.
     * @return the mapped region; {@link Region#created()} says which happened.
     */
    public static Region createOrAttach(
        final Path directory,
        final String name,
        final RegionKind kind,
        final long totalLength,
        final Consumer<AtomicBuffer> initialiser,
        final long timeoutMs)
    {
        return createOrAttach(directory, name, kind, totalLength, initialiser, timeoutMs, true);
    }

    /**
     * Creates the region if no file has its name, else attaches to the existing one.
     *
     * @param directory   the space directory; created (mode 0700) if missing.
     * @param name        the region name, validated by {@link Names}.
     * @param kind        the kind to create, or to expect when attaching.
     * @param totalLength the file length, header included, if this call creates it.
     * @param initialiser writes the body's initial state, on create only, before the ready word is published.
     * @param timeoutMs   how long to wait for another creator's ready word.
     * @param sameLength  true to refuse an existing file of another length; false for kinds whose shape is read
     *                    from the body on attach.
     * @return the mapped region; {@link Region#created()} says which happened.
     */
    public static Region createOrAttach(
        final Path directory,
        final String name,
        final RegionKind kind,
        final long totalLength,
        final Consumer<AtomicBuffer> initialiser,
        final long timeoutMs,
        final boolean sameLength)
    {
        final Path file = regionFile(directory, name);
        checkTotalLength(file, totalLength);
        while (true)
        {
            final Region created = tryCreate(directory, file, kind, totalLength, initialiser);
            if (created != null)
            {
                return created;
            }
            try
            {
                return attachFile(file, kind, sameLength ? totalLength : -1, timeoutMs);
            }
            catch (final NoSuchFileException ex)
            {
                // Unlinked between our create attempt and our attach: try again to create it.
            }
        }
    }

    /**
     * Creates a region, failing if a file of that name exists.
     *
     * @param directory   the space directory; created (mode 0700) if missing.
     * @param name        the region name.
     * @param kind        the kind.
     * @param totalLength the file length, header included.
     * @param initialiser writes the body's initial state before the ready word is published.
     * @return the mapped region.
     * @throws Mp4jException if the name is taken, or the file system lacks the space.
     */
    public static Region create(
        final Path directory,
        final String name,
        final RegionKind kind,
        final long totalLength,
        final Consumer<AtomicBuffer> initialiser)
    {
        final Path file = regionFile(directory, name);
        checkTotalLength(file, totalLength);
        final Region region = tryCreate(directory, file, kind, totalLength, initialiser);
        if (region == null)
        {
            throw new Mp4jException("region already exists: " + file);
        }
        return region;
    }

    /**
     * Attaches to an existing region.
     *
     * @param directory    the space directory.
     * @param name         the region name.
     * @param expectedKind the kind expected, or null for any.
     * @param timeoutMs    how long to wait for a creator still initialising it.
     * @return the mapped region.
     * @throws Mp4jException         if no such region exists.
     * @throws RegionFormatException if the file is not a valid region of that kind.
     */
    public static Region attach(
        final Path directory, final String name, final RegionKind expectedKind, final long timeoutMs)
    {
        final Path file = regionFile(directory, name);
        try
        {
            return attachFile(file, expectedKind, -1, timeoutMs);
        }
        catch (final NoSuchFileException ex)
        {
            throw new Mp4jException("no such region: " + file);
        }
    }

    /**
     * Maps an existing region read-only, without waiting, for readers that must not disturb the processes using it
     * ({@code mp4j stat}): no write ever reaches the file through this mapping. The header is checked as attach
     * checks it (Attach steps 1 and 4 of {@code docs/LAYOUT.md}); a region not yet ready is refused at once rather
     * than waited for. The region's body may only be loaded from: {@link Region#readOnly()} is true, and shared
     * object classes refuse it.
     *
     * <p>Threading: any thread. Ordering: the ready word is loaded with acquire, as in attach.
     *
     * @param file         the region file.
     * @param expectedKind the kind expected, or null for any known kind.
     * @return the region, mapped read-only.
     * @throws NoSuchFileException   if the file does not exist.
     * @throws RegionFormatException if it is not a ready, valid region of that kind.
     * @throws Mp4jException         if it cannot be read or mapped.
     */
    public static Region attachReadOnly(final Path file, final RegionKind expectedKind) throws NoSuchFileException
    {
        final RegionHeader header = readHeader(file);
        header.validate(file, expectedKind);
        return map(file, expectedKind, header, FileChannel.MapMode.READ_ONLY);
    }

    /**
     * Reads a region file's header without mapping it and without waiting.
     *
     * @param file the file.
     * @return its header.
     * @throws RegionFormatException if it is not a regular file or is shorter than a header.
     * @throws NoSuchFileException   if it does not exist.
     */
    public static RegionHeader readHeader(final Path file) throws NoSuchFileException
    {
        final long length = regularFileLength(file);
        if (length < HEADER_LENGTH)
        {
            throw new RegionFormatException(file, "length", length + " bytes is shorter than the " + HEADER_LENGTH +
                "-byte header" + (length == 0 ? " (empty: its creator died before writing it, or is creating it)" : ""));
        }
        final ByteBuffer bytes = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        final long lengthAfterRead;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
        {
            while (bytes.hasRemaining())
            {
                if (channel.read(bytes, bytes.position()) < 0)
                {
                    throw new RegionFormatException(file, "length", "shrank below the header while being read");
                }
            }
            // The length is read after the header: the creator extends the file before it stores the ready word, so
            // a ready word seen here comes with the full length. A length read before it may predate the extension.
            lengthAfterRead = channel.size();
        }
        catch (final NoSuchFileException ex)
        {
            throw ex;
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot read region file " + file, ex);
        }
        return RegionHeader.read(new UnsafeBuffer(bytes.array()), lengthAfterRead);
    }

    /**
     * @param directory a space directory.
     * @param name      a region name.
     * @return the file of that region.
     */
    public static Path regionFile(final Path directory, final String name)
    {
        return directory.resolve(Names.validate("region", name));
    }

    /**
     * Creates a space directory (and its parents) with mode 0700 if missing.
     *
     * @param directory the directory.
     * @return the directory.
     * @throws Mp4jException if it cannot be created, or exists and is not a directory.
     */
    public static Path ensureDirectory(final Path directory)
    {
        final FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(
            DIRECTORY_PERMISSIONS);
        // A process destroying the last space may remove the root between our two steps: try again then.
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                final Path parent = directory.getParent();
                if (parent != null && !Files.isDirectory(parent))
                {
                    Files.createDirectories(parent, mode);
                }
                Files.createDirectory(directory, mode);
                return directory;
            }
            catch (final FileAlreadyExistsException ex)
            {
                if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS))
                {
                    throw new Mp4jException("space path exists and is not a directory: " + directory);
                }
                return directory;
            }
            catch (final NoSuchFileException ex)
            {
                if (attempt >= 10)
                {
                    throw new Mp4jException("cannot create space directory " + directory + ": " + ex, ex);
                }
            }
            catch (final IOException ex)
            {
                throw new Mp4jException("cannot create space directory " + directory + ": " + ex, ex);
            }
        }
    }

    private static Region tryCreate(
        final Path directory,
        final Path file,
        final RegionKind kind,
        final long totalLength,
        final Consumer<AtomicBuffer> initialiser)
    {
        final FileChannel channel = openNew(directory, file);
        if (channel == null)
        {
            return null;
        }

        MappedByteBuffer mapping = null;
        try
        {
            try (channel)
            {
                // Checked by the creator only: attaching to an existing region needs no space.
                checkFreeSpace(directory, file, totalLength);
                writeHeader(channel, kind, totalLength);
                allocate(channel, file, totalLength);
                mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, totalLength);
            }
            initialiser.accept(new UnsafeBuffer(mapping, HEADER_LENGTH, (int)totalLength - HEADER_LENGTH));
            final UnsafeBuffer whole = new UnsafeBuffer(mapping);
            // release: publishes the header and the initialised body before the ready word.
            whole.putIntRelease(READY_OFFSET, READY_VALUE);
            return new Region(file, kind, RegionHeader.read(whole, totalLength), true, mapping);
        }
        catch (final IOException ex)
        {
            discard(mapping, file);
            throw new Mp4jException("cannot create region file " + file + ": " + ex, ex);
        }
        catch (final RuntimeException | Error ex)
        {
            discard(mapping, file);
            throw ex;
        }
    }

    /**
     * @return the new file's channel, or null if the file exists.
     */
    private static FileChannel openNew(final Path directory, final Path file)
    {
        // An empty space directory may be removed ('mp4j clean', Space.destroy) between its creation and the file's:
        // make it again.
        for (int attempt = 0; ; attempt++)
        {
            ensureDirectory(directory);
            try
            {
                return FileChannel.open(
                    file,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS));
            }
            catch (final FileAlreadyExistsException ex)
            {
                return null;
            }
            catch (final NoSuchFileException ex)
            {
                if (attempt >= 10)
                {
                    throw new Mp4jException("cannot create region file " + file + ": its directory keeps vanishing",
                        ex);
                }
            }
            catch (final IOException ex)
            {
                throw new Mp4jException("cannot create region file " + file + ": " + ex, ex);
            }
        }
    }

    private static void discard(final MappedByteBuffer mapping, final Path file)
    {
        if (mapping != null)
        {
            IoUtil.unmap(mapping);
        }
        deleteQuietly(file);
    }

    private static void writeHeader(final FileChannel channel, final RegionKind kind, final long totalLength)
        throws IOException
    {
        final ProcessIdentity creator = ProcessIdentity.current();
        final UnsafeBuffer header = new UnsafeBuffer(new byte[HEADER_LENGTH]);
        header.putLong(MAGIC_OFFSET, MAGIC);
        header.putInt(VERSION_MAJOR_OFFSET, VERSION_MAJOR);
        header.putInt(VERSION_MINOR_OFFSET, VERSION_MINOR);
        header.putInt(KIND_OFFSET, kind.code());
        header.putInt(HEADER_LENGTH_OFFSET, HEADER_LENGTH);
        header.putLong(TOTAL_LENGTH_OFFSET, totalLength);
        header.putLong(CREATOR_PID_OFFSET, creator.pid());
        header.putLong(CREATOR_START_TIME_OFFSET, creator.startTimeMs());
        header.putLong(CREATION_TIME_OFFSET, System.currentTimeMillis());
        header.putInt(READY_OFFSET, 0);
        final ByteBuffer bytes = ByteBuffer.wrap(header.byteArray());
        while (bytes.hasRemaining())
        {
            channel.write(bytes, bytes.position());
        }
    }

    /**
     * Writes zeros over the body so that tmpfs allocates every page now: a full file system fails this write
     * with ENOSPC, where a sparse mapping would deliver SIGBUS on first touch.
     */
    private static void allocate(final FileChannel channel, final Path file, final long totalLength)
    {
        final ByteBuffer zeros = ByteBuffer.allocateDirect((int)Math.min(ZERO_CHUNK_LENGTH, totalLength));
        long position = HEADER_LENGTH;
        try
        {
            while (position < totalLength)
            {
                zeros.clear().limit((int)Math.min(zeros.capacity(), totalLength - position));
                position += channel.write(zeros, position);
            }
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot allocate " + totalLength + " bytes for region " + file +
                " (allocated " + position + "): " + ex.getMessage() + "; is the file system full?", ex);
        }
    }

    private static Region attachFile(
        final Path file, final RegionKind expectedKind, final long expectedTotalLength, final long timeoutMs)
        throws NoSuchFileException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final RegionHeader header = awaitReady(file, deadlineNs, timeoutMs);
        header.validate(file, expectedKind);
        if (expectedTotalLength >= 0 && header.totalLength() != expectedTotalLength)
        {
            throw new Mp4jException("region " + file + " exists with length " + header.totalLength() +
                " bytes, not the " + expectedTotalLength + " requested (same name, other shape?)");
        }
        return map(file, expectedKind, header, FileChannel.MapMode.READ_WRITE);
    }

    private static Region map(
        final Path file, final RegionKind expectedKind, final RegionHeader validated, final FileChannel.MapMode mode)
        throws NoSuchFileException
    {
        final MappedByteBuffer mapping;
        final Set<OpenOption> options = new HashSet<>(List.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        if (mode != FileChannel.MapMode.READ_ONLY)
        {
            options.add(StandardOpenOption.WRITE);
        }
        try (FileChannel channel = FileChannel.open(file, options))
        {
            // Checked again on the open file: mapping past its end would turn later accesses into SIGBUS.
            final long length = channel.size();
            if (length != validated.totalLength())
            {
                throw new RegionFormatException(file, "length",
                    "the file is " + length + " bytes but its header says " + validated.totalLength());
            }
            mapping = channel.map(mode, 0, length);
        }
        catch (final NoSuchFileException ex)
        {
            throw ex;
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot map region file " + file + ": " + ex, ex);
        }
        final RegionHeader header = RegionHeader.read(new UnsafeBuffer(mapping), mapping.capacity());
        try
        {
            header.validate(file, expectedKind);
        }
        catch (final RegionFormatException ex)
        {
            IoUtil.unmap(mapping);
            throw ex;
        }
        return new Region(file, header.kind(), header, false, mapping);
    }

    private static RegionHeader rereadAfterPark(final Path file) throws NoSuchFileException
    {
        LockSupport.parkNanos(MAX_WAIT_PARK_NS);
        return readHeader(file);
    }

    private static RegionHeader awaitReady(final Path file, final long deadlineNs, final long timeoutMs)
        throws NoSuchFileException
    {
        long parkNs = 1_000;
        while (true)
        {
            final long length = regularFileLength(file);
            if (length == 0 || length >= HEADER_LENGTH)
            {
                final RegionHeader header = length == 0 ? null : readHeader(file);
                if (header != null)
                {
                    if (header.isReady())
                    {
                        return header;
                    }
                    // The creator writes the header with one write() while we read: a read can see it torn. Judge
                    // a foreign magic or a dead creator only on a header read the same twice, a park apart.
                    if (header.magic() != MAGIC && header.equals(rereadAfterPark(file)))
                    {
                        return header;
                    }
                    if (header.magic() == MAGIC && !header.creator().isAlive() && header.equals(rereadAfterPark(file)))
                    {
                        throw new RegionFormatException(file, "ready", "half initialised: its creator " +
                            header.creator() + " died before marking it ready; remove it (Space.remove or " +
                            "'mp4j clean')");
                    }
                }
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    throw new RegionFormatException(file, "ready", header == null ?
                        "empty (0 bytes) after waiting " + timeoutMs + " ms: its creator died before writing " +
                        "the header, or is stalled" :
                        "not ready after waiting " + timeoutMs + " ms; its creator " + header.creator() +
                        " is alive but has not finished initialising it (stopped?)");
                }
                LockSupport.parkNanos(parkNs);
                parkNs = Math.min(parkNs * 2, MAX_WAIT_PARK_NS);
            }
            else
            {
                throw new RegionFormatException(file, "length", length + " bytes is shorter than the " +
                    HEADER_LENGTH + "-byte header (truncated)");
            }
        }
    }

    private static long regularFileLength(final Path file) throws NoSuchFileException
    {
        final BasicFileAttributes attributes;
        try
        {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (final NoSuchFileException ex)
        {
            throw ex;
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot read attributes of region file " + file, ex);
        }
        if (!attributes.isRegularFile())
        {
            final String what = attributes.isSymbolicLink() ? "a symbolic link" :
                attributes.isDirectory() ? "a directory" : "not a regular file";
            throw new RegionFormatException(file, "type", what + " where a region file was expected");
        }
        return attributes.size();
    }

    private static void checkTotalLength(final Path file, final long totalLength)
    {
        if (totalLength < HEADER_LENGTH || totalLength > MAX_TOTAL_LENGTH)
        {
            throw new IllegalArgumentException("region length out of range: totalLength=" + totalLength +
                " min=" + HEADER_LENGTH + " max=" + MAX_TOTAL_LENGTH + " file=" + file);
        }
    }

    private static void checkFreeSpace(final Path directory, final Path file, final long totalLength)
    {
        final long usable;
        try
        {
            usable = Files.getFileStore(directory).getUsableSpace();
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot read free space of " + directory, ex);
        }
        if (usable < totalLength)
        {
            throw new Mp4jException("not enough space for region " + file + ": it needs " + totalLength +
                " bytes, the file system has " + usable + " bytes free");
        }
    }

    private static void deleteQuietly(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ignore)
        {
            // The create already failed; that failure is the one reported.
        }
    }
}
