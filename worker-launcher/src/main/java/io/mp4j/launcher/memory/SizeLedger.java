package io.mp4j.launcher.memory;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The bytes a cache's entries take, in a small file of the cache's directory that every JVM using the cache maps,
 * so that a write in any JVM sees the total of all of them and the size limit holds across JVMs.
 *
 * <pre>
 *   0: magic, 8 bytes ('mp4jsize' as a little-endian long)
 *   8: total bytes of entries, 8 bytes, changed only by atomic add and volatile set
 *  16..63: reserved, 0
 * </pre>
 *
 * The file is made whole under a temporary name and linked into place, so a JVM opens either a whole ledger or
 * none; a file of the wrong length or magic (foreign, damaged) is replaced by a new ledger counted from the entries
 * on disk. The total may drift from the truth (an entry replaced by an equal one counts twice, files removed by
 * hand are never subtracted); every eviction scan sets it to what it counted.
 *
 * <p>Threading: thread-safe and safe across JVMs. Ordering: {@link #add} is an atomic get-and-add, {@link #set} a
 * volatile store, {@link #total} a volatile load.
 */
final class SizeLedger implements AutoCloseable
{
    static final String FILE_NAME = ".mp4j-memory-size";
    static final long MAGIC = 0x657a69736a34706dL;
    static final int MAGIC_OFFSET = 0;
    static final int TOTAL_OFFSET = 8;
    static final int LENGTH = 64;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;

    private SizeLedger(final MappedByteBuffer mapped)
    {
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /**
     * Opens the cache's ledger, making it if there is none or it is not a ledger.
     *
     * @param directory the cache's directory.
     * @param countOnDisk counts the bytes of the entries on disk, for a new ledger.
     * @return the ledger.
     * @throws IOException if it cannot be made or mapped.
     */
    static SizeLedger open(final Path directory, final LongSupplier countOnDisk) throws IOException
    {
        final Path file = directory.resolve(FILE_NAME);
        for (int attempt = 0; ; attempt++)
        {
            if (!Files.exists(file))
            {
                create(file, countOnDisk.getAsLong());
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                if (channel.size() == LENGTH)
                {
                    final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, LENGTH);
                    if (mapped.order(ByteOrder.LITTLE_ENDIAN).getLong(MAGIC_OFFSET) == MAGIC)
                    {
                        return new SizeLedger(mapped);
                    }
                    IoUtil.unmap(mapped);
                }
            }
            catch (final NoSuchFileException ex)
            {
                continue;
            }
            if (attempt > 0)
            {
                throw new IOException("cache size ledger is not valid and could not be replaced: " + file);
            }
            Files.deleteIfExists(file);
        }
    }

    private static void create(final Path file, final long total) throws IOException
    {
        final ByteBuffer content = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        content.putLong(MAGIC_OFFSET, MAGIC).putLong(TOTAL_OFFSET, total);
        final Path temp = file.resolveSibling(EntryFile.TEMP_PREFIX + ProcessHandle.current().pid() + "-ledger");
        try
        {
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)))
            {
                while (content.hasRemaining())
                {
                    channel.write(content);
                }
            }
            Files.createLink(file, temp);
        }
        catch (final FileAlreadyExistsException ex)
        {
            // another JVM made it first: use theirs
        }
        finally
        {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * @param deltaBytes bytes added (negative for removed).
     * @return the new total.
     */
    long add(final long deltaBytes)
    {
        return buffer.getAndAddLong(TOTAL_OFFSET, deltaBytes) + deltaBytes;
    }

    /**
     * @param totalBytes the total counted on disk.
     */
    void set(final long totalBytes)
    {
        buffer.putLongVolatile(TOTAL_OFFSET, totalBytes);
    }

    /**
     * @return the total.
     */
    long total()
    {
        return buffer.getLongVolatile(TOTAL_OFFSET);
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
