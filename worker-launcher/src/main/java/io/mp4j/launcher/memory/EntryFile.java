package io.mp4j.launcher.memory;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * One cached result on disk: a 24-byte header, then the result as the launcher's codec encodes it.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     magic 0x4D454D34 ('4MEM' LE)        0     |
 *  +-------------------------------+-------------------------------+
 *  |     format version (1)   4    |       reserved, 0        6    |
 *  +-------------------------------+-------------------------------+
 *  |                     payload length, bytes               8     |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     CRC-32C of the payload              16    |
 *  +---------------------------------------------------------------+
 *  |                     reserved, 0                         20    |
 *  +---------------------------------------------------------------+
 *  |                     payload ...                         24    |
 * </pre>
 *
 * All fields little-endian. A writer writes the whole file under a temporary name ({@value #TEMP_PREFIX}, its pid,
 * a sequence) in the entry's directory and renames it over the entry's name, so a reader opens either a whole entry
 * or none. A reader accepts a file only if its length is the header plus the payload length, the magic and version
 * match and the CRC holds; anything else is {@link #CORRUPT}. Payloads above {@value #MAP_ABOVE_BYTES} bytes are read
 * through a mapping of the file (one copy, into the decoded value) and unmapped at once.
 *
 * <p>Threading: stateless; any thread of any JVM may read or write entries at once.
 */
final class EntryFile
{
    /** Start of a temporary file's name. */
    static final String TEMP_PREFIX = ".tmp-";
    /** End of an entry's file name. */
    static final String SUFFIX = ".entry";
    /** What a read returns when there is no entry. */
    static final Object MISSING = new Object();
    /** What a read returns when the file is not a whole, valid entry. */
    static final Object CORRUPT = new Object();

    static final int MAGIC = 0x4D454D34;
    static final short VERSION = 1;
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int LENGTH_OFFSET = 8;
    static final int CRC_OFFSET = 16;
    static final int HEADER_LENGTH = 24;
    static final int MAP_ABOVE_BYTES = 256 * 1024;

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final int SMALL_READ_BYTES = 16 * 1024;
    private static final ThreadLocal<ByteBuffer> SMALL_READS =
        ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SMALL_READ_BYTES));
    private static final AtomicLong TEMP_SEQUENCE = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    private EntryFile()
    {
    }

    /**
     * Writes an entry atomically, replacing one of the same name.
     *
     * @param file    the entry's path; its directory exists.
     * @param payload the encoded result, from offset 0.
     * @param length  its length.
     * @return the bytes the entry takes on disk.
     * @throws IOException if the file cannot be written; no temporary file is left.
     */
    static long write(final Path file, final byte[] payload, final int length) throws IOException
    {
        final CRC32C crc = new CRC32C();
        crc.update(payload, 0, length);
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_OFFSET, MAGIC)
            .putShort(VERSION_OFFSET, VERSION)
            .putLong(LENGTH_OFFSET, length)
            .putInt(CRC_OFFSET, (int)crc.getValue());
        final Path temp = file.resolveSibling(TEMP_PREFIX + PID + "-" + TEMP_SEQUENCE.incrementAndGet());
        try
        {
            try (FileChannel channel = FileChannel.open(
                temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY))
            {
                final ByteBuffer body = ByteBuffer.wrap(payload, 0, length);
                final ByteBuffer[] parts = {header, body};
                while (body.hasRemaining())
                {
                    channel.write(parts);
                }
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException | RuntimeException ex)
        {
            Files.deleteIfExists(temp);
            throw ex;
        }
        return HEADER_LENGTH + (long)length;
    }

    /**
     * Reads and decodes an entry.
     *
     * @param file   the entry's path.
     * @param decode decodes the payload (the buffer holds exactly the payload, from offset 0).
     * @return the decoded value, {@link #MISSING} or {@link #CORRUPT}.
     * @throws IOException if the file exists but cannot be read.
     */
    static Object read(final Path file, final Function<UnsafeBuffer, Object> decode) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            // one read into a reused buffer serves the usual small entry without asking the file's size
            final ByteBuffer small = SMALL_READS.get().clear();
            final int read = Math.max(0, channel.read(small));
            if (read < small.capacity())
            {
                return read < HEADER_LENGTH ? CORRUPT : check(small.flip(), read - HEADER_LENGTH, decode);
            }
            final long size = channel.size();
            if (size < HEADER_LENGTH || size - HEADER_LENGTH > Integer.MAX_VALUE)
            {
                return CORRUPT;
            }
            final int payloadLength = (int)(size - HEADER_LENGTH);
            if (payloadLength > MAP_ABOVE_BYTES)
            {
                final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
                try
                {
                    return check(mapped, payloadLength, decode);
                }
                finally
                {
                    IoUtil.unmap(mapped);
                }
            }
            final ByteBuffer whole = ByteBuffer.allocate((int)size);
            channel.position(0);
            while (whole.hasRemaining())
            {
                if (channel.read(whole) < 0)
                {
                    return CORRUPT;
                }
            }
            return check(whole.flip(), payloadLength, decode);
        }
        catch (final NoSuchFileException ex)
        {
            return MISSING;
        }
    }

    private static Object check(final ByteBuffer whole, final int payloadLength,
        final Function<UnsafeBuffer, Object> decode)
    {
        final ByteBuffer header = whole.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (header.getInt(MAGIC_OFFSET) != MAGIC || header.getShort(VERSION_OFFSET) != VERSION ||
            header.getLong(LENGTH_OFFSET) != payloadLength)
        {
            return CORRUPT;
        }
        final ByteBuffer payload = whole.duplicate().position(HEADER_LENGTH).limit(HEADER_LENGTH + payloadLength);
        final CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        if ((int)crc.getValue() != header.getInt(CRC_OFFSET))
        {
            return CORRUPT;
        }
        try
        {
            return decode.apply(new UnsafeBuffer(payload.slice()));
        }
        catch (final RuntimeException ex)
        {
            // A whole, checksummed entry that does not decode was written by other code (another class version).
            return CORRUPT;
        }
    }
}
