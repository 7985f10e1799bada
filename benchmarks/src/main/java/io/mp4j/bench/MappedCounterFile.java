package io.mp4j.bench;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The raw-Agrona peer of a shared long: one page of a file (normally under {@code /dev/shm}) mapped with
 * {@link IoUtil#mapExistingFile} and wrapped in an {@link UnsafeBuffer}, with no region header, no ready word and no
 * mp4j code in between. Counters sit at {@link #COUNTER_OFFSET} and {@link #WARMUP_OFFSET}, on separate cache lines.
 *
 * <p>Threading: the buffer is safe from any thread of any process; {@link #close()} must not race its use.
 */
public final class MappedCounterFile implements AutoCloseable
{
    /** Length of the file and of the mapping. */
    public static final int LENGTH_BYTES = 4096;

    /** Offset of the measured counter. */
    public static final int COUNTER_OFFSET = 0;

    /** Offset of a second counter used for JIT warm-up, two cache lines away. */
    public static final int WARMUP_OFFSET = 128;

    private final Path file;
    private final boolean owner;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;

    private MappedCounterFile(final Path file, final boolean owner)
    {
        this.file = file;
        this.owner = owner;
        this.mapped = IoUtil.mapExistingFile(file.toFile(), "raw counter");
        this.buffer = new UnsafeBuffer(mapped);
    }

    /**
     * Creates the file (mode 0600, zero-filled, {@link #LENGTH_BYTES} long) and maps it; {@link #close()} deletes it.
     *
     * @param file where; must not exist.
     * @return the mapped file.
     */
    public static MappedCounterFile create(final Path file)
    {
        try
        {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
            {
                raf.setLength(LENGTH_BYTES);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + file, ex);
        }
        return new MappedCounterFile(file, true);
    }

    /**
     * Maps a file made by {@link #create(Path)} in another process; {@link #close()} only unmaps it.
     *
     * @param file the file.
     * @return the mapped file.
     */
    public static MappedCounterFile attach(final Path file)
    {
        return new MappedCounterFile(file, false);
    }

    /** @return the whole mapping as an Agrona buffer. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** @return the file. */
    public Path file()
    {
        return file;
    }

    /** Unmaps the file, and deletes it if this instance created it. */
    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
        if (owner)
        {
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot delete " + file, ex);
            }
        }
    }
}
