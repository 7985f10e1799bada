package io.mp4j.ipc.region;

import io.mp4j.ipc.RegionFormatException;
import io.mp4j.ipc.layout.RegionHeaderDescriptor;
import io.mp4j.ipc.layout.ValueDescriptor;
import io.mp4j.ipc.liveness.ProcessIdentity;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import static io.mp4j.ipc.layout.RegionHeaderDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Writes region files byte by byte, the way a crash, a newer mp4j or a stranger would leave them, for the bad-file
 * tests.
 */
final class RegionFileBytes
{
    private RegionFileBytes()
    {
    }

    static void patchInt(final Path file, final int offset, final int value) throws IOException
    {
        patch(file, offset, ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value));
    }

    static void patchLong(final Path file, final int offset, final long value) throws IOException
    {
        patch(file, offset, ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value));
    }

    static void truncate(final Path file, final long length) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(length);
        }
    }

    static void write(final Path file, final byte[] bytes) throws IOException
    {
        Files.createDirectories(file.getParent());
        Files.write(Files.createFile(file, PosixFilePermissions.asFileAttribute(RegionFiles.FILE_PERMISSIONS)), bytes);
    }

    /**
     * Writes a LONG_VALUE region as its creator leaves it before it marks it ready.
     */
    static void writeUnreadyValue(final Path file, final ProcessIdentity creator) throws IOException
    {
        final long totalLength = ValueDescriptor.valueTotalLength();
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[(int)totalLength]);
        bytes.putLong(MAGIC_OFFSET, MAGIC);
        bytes.putInt(VERSION_MAJOR_OFFSET, VERSION_MAJOR);
        bytes.putInt(VERSION_MINOR_OFFSET, VERSION_MINOR);
        bytes.putInt(KIND_OFFSET, RegionKind.LONG_VALUE.code());
        bytes.putInt(HEADER_LENGTH_OFFSET, RegionHeaderDescriptor.HEADER_LENGTH);
        bytes.putLong(TOTAL_LENGTH_OFFSET, totalLength);
        bytes.putLong(CREATOR_PID_OFFSET, creator.pid());
        bytes.putLong(CREATOR_START_TIME_OFFSET, creator.startTimeMs());
        bytes.putLong(CREATION_TIME_OFFSET, System.currentTimeMillis());
        bytes.putInt(READY_OFFSET, 0);
        write(file, bytes.byteArray());
    }

    static void assertBadFile(final RegionFormatException ex, final Path file, final String field,
        final String detail)
    {
        final String message = ex.getMessage();
        assertEquals(file, ex.file(), message);
        assertEquals(field, ex.field(), message);
        assertTrue(message.contains(file.toString()), "names the file: " + message);
        assertTrue(message.contains(": " + field + ": "), "names the field: " + message);
        assertTrue(message.contains(detail), "says '" + detail + "': " + message);
    }

    private static void patch(final Path file, final int offset, final ByteBuffer bytes) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            while (bytes.hasRemaining())
            {
                channel.write(bytes, offset + bytes.position());
            }
        }
    }
}
