package io.mp4j.ipc.region;

import io.mp4j.ipc.Mp4jException;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.mp4j.ipc.layout.RegionHeaderDescriptor.HEADER_LENGTH;

/**
 * A region file mapped into this process: a validated header followed by a body whose layout belongs to the
 * region's kind. Made by {@link RegionFiles}.
 *
 * <p>Threading: the body buffer may be used from any thread of any process that maps the file. {@link #close()}
 * and {@link #unlink()} may be called from any thread, once the others have stopped using the body: after close,
 * the body buffer is re-pointed at an empty array so a late access throws {@link IndexOutOfBoundsException}
 * rather than touching unmapped memory.
 */
public final class Region implements AutoCloseable
{
    private static final byte[] EMPTY = new byte[0];

    private final Path file;
    private final String name;
    private final RegionKind kind;
    private final RegionHeader header;
    private final boolean created;
    private final boolean readOnly;
    private final MappedByteBuffer mapping;
    private final UnsafeBuffer body;
    private final AtomicBoolean closed = new AtomicBoolean();

    Region(
        final Path file,
        final RegionKind kind,
        final RegionHeader header,
        final boolean created,
        final MappedByteBuffer mapping)
    {
        this.file = file;
        this.name = file.getFileName().toString();
        this.kind = kind;
        this.header = header;
        this.created = created;
        this.readOnly = mapping.isReadOnly();
        this.mapping = mapping;
        this.body = new UnsafeBuffer(mapping, HEADER_LENGTH, mapping.capacity() - HEADER_LENGTH);
    }

    /**
     * @return the region's file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return the directory of the space the region belongs to.
     */
    public Path spaceDirectory()
    {
        return file.getParent();
    }

    /**
     * @return the region's name within its space.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return what the region holds.
     */
    public RegionKind kind()
    {
        return kind;
    }

    /**
     * @return the header as validated when this process created or attached the region.
     */
    public RegionHeader header()
    {
        return header;
    }

    /**
     * @return true if this process created (and initialised) the region, false if it attached to it.
     */
    public boolean created()
    {
        return created;
    }

    /**
     * @return true if the region is mapped read-only ({@link RegionFiles#attachReadOnly}): its body may only be
     * loaded from; a store would fault and end the JVM.
     */
    public boolean readOnly()
    {
        return readOnly;
    }

    /**
     * @return the body: the bytes after the header, starting cache-line aligned at offset 0 of this buffer. Of a
     * {@link #readOnly()} region, for loads only.
     */
    public AtomicBuffer body()
    {
        return body;
    }

    /**
     * @return the body's length in bytes.
     */
    public int bodyLength()
    {
        return body.capacity();
    }

    /**
     * @return true once {@link #close()} or {@link #unlink()} has run.
     */
    public boolean isClosed()
    {
        return closed.get();
    }

    /**
     * Unmaps the region. The file stays for other processes. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed.compareAndSet(false, true))
        {
            body.wrap(EMPTY);
            IoUtil.unmap(mapping);
        }
    }

    /**
     * Unmaps the region and deletes its file: processes that have it mapped keep their mapping, and the name is
     * free for a new region. Idempotent.
     */
    public void unlink()
    {
        close();
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot delete region file " + file, ex);
        }
    }

    @Override
    public String toString()
    {
        return "Region{" + kind + " " + file + (closed.get() ? " closed" : "") + "}";
    }
}
