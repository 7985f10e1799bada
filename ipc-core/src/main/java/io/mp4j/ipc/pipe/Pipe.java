package io.mp4j.ipc.pipe;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.SharedHandle;
import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.layout.PipeDescriptor;
import io.mp4j.ipc.layout.RegionHeaderDescriptor;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionKind;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A pipe between two processes, as Python's {@code multiprocessing.Pipe}: one region holding a control block per
 * end and one Agrona one-to-one ring per direction. Its two ends are {@link Connection}s, A and B; each is opened
 * once, by one process, which the pipe records (pid and start time) so that the other end notices if it dies.
 *
 * <pre>{@code
 * // Python: a, b = Pipe()
 * try (Pipe pipe = Pipe.create(space, "jobs");
 *      Connection a = pipe.open(Pipe.End.A))
 * {
 *     ConnectionHandle forWorker = pipe.handle(Pipe.End.B); // serializable: the worker calls forWorker.open()
 *     a.send("hello");
 *     Object reply = a.recv();
 * }
 * }</pre>
 *
 * <p>A duplex pipe (the default) has two rings and both ends send and receive. A simplex pipe has one ring: end A
 * receives and end B sends, the order of Python's {@code reader, writer = Pipe(duplex=False)}.
 *
 * <p>Lifetime: closing this object unmaps it in this process and does nothing else; the ends live on. The file is
 * deleted by the process that closes the second end (unless created without
 * {@link PipeOptions#removeWhenClosed()}), by {@link #unlink()}, by {@link Space#remove(String)} or
 * {@link Space#destroy()}, or by {@code mp4j clean} once its creator is dead. An end that is never opened keeps the
 * file: {@link #abandon(End)} closes it for a process that will never come.
 *
 * <p>Threading: every method is safe from any thread; {@link #close()} must not race the others.
 */
public final class Pipe extends SharedObject
{
    /** The two ends of a pipe. */
    public enum End
    {
        /** The first end: Python's {@code conn1}; in a simplex pipe, the receiving end. */
        A,
        /** The second end: Python's {@code conn2}; in a simplex pipe, the sending end. */
        B;

        /**
         * @return the other end.
         */
        public End peer()
        {
            return this == A ? B : A;
        }

        int index()
        {
            return ordinal();
        }
    }

    private final PipeShape shape;
    private final long attachTimeoutMs;

    private Pipe(final Region region, final long attachTimeoutMs)
    {
        super(region);
        this.shape = PipeShape.read(region);
        this.attachTimeoutMs = attachTimeoutMs;
    }

    /**
     * Creates a duplex pipe with the default options.
     *
     * @param space the space.
     * @param name  the pipe's name.
     * @return the pipe; no end is open yet.
     * @throws Mp4jException if the name is taken, or the file system lacks the space.
     */
    public static Pipe create(final Space space, final String name)
    {
        return create(space, name, PipeOptions.defaults());
    }

    /**
     * Creates a pipe: step 1 and 2 of Create in {@code docs/LAYOUT-PIPE.md}, after the region's own steps.
     *
     * <p>Threading: any thread. Ordering: the shape is written before the region's ready word is stored with
     * release ordering; the end blocks and rings start zeroed (unopened ends, empty rings).
     *
     * @param space   the space.
     * @param name    the pipe's name.
     * @param options its shape.
     * @return the pipe; no end is open yet.
     * @throws Mp4jException if the name is taken, or the file system lacks the space.
     */
    public static Pipe create(final Space space, final String name, final PipeOptions options)
    {
        Objects.requireNonNull(options, "options");
        final long totalLength = RegionHeaderDescriptor.HEADER_LENGTH +
            PipeDescriptor.bodyLength(options.capacity(), options.duplex());
        if (totalLength > RegionFiles.MAX_TOTAL_LENGTH)
        {
            throw new IllegalArgumentException("pipe too large for a region: capacity=" + options.capacity() +
                " duplex=" + options.duplex());
        }
        final Region region = RegionFiles.create(space.directory(), name, RegionKind.PIPE, totalLength, body ->
        {
            body.putInt(PipeDescriptor.CAPACITY_OFFSET, options.capacity());
            body.putInt(PipeDescriptor.FLAGS_OFFSET, options.flags());
        });
        return new Pipe(region, space.attachTimeout().toMillis());
    }

    /**
     * Attaches to an existing pipe, for a process that opens an end by name.
     *
     * <p>Threading: any thread. Ordering: the region's attach (acquire load of its ready word) before the shape is
     * read.
     *
     * @param space the space.
     * @param name  the pipe's name.
     * @return the pipe.
     * @throws Mp4jException                     if there is no such region, or it is not a pipe.
     * @throws io.mp4j.ipc.RegionFormatException if the file is not a valid pipe region.
     */
    public static Pipe attach(final Space space, final String name)
    {
        return attach(space.directory(), name, space.attachTimeout().toMillis());
    }

    /**
     * @param handle a pipe's handle, from {@link #handle()} in any JVM.
     * @return the pipe, attached in this JVM.
     * @throws Mp4jException if there is no such region, or it is not a pipe.
     */
    public static Pipe attach(final SharedHandle handle)
    {
        if (handle.kind() != RegionKind.PIPE)
        {
            throw new Mp4jException("handle " + handle + " names a " + handle.kind() + ", not a pipe");
        }
        return attach(Path.of(handle.spaceDirectory()), handle.name(), Space.DEFAULT_ATTACH_TIMEOUT.toMillis());
    }

    private static Pipe attach(final Path directory, final String name, final long attachTimeoutMs)
    {
        final Region region = RegionFiles.attach(directory, name, RegionKind.PIPE, attachTimeoutMs);
        try
        {
            return new Pipe(region, attachTimeoutMs);
        }
        catch (final RuntimeException | Error ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * Opens an end for this process with the default connection options.
     *
     * @param end the end.
     * @return the open end, with its own mapping of the region; the caller closes it.
     * @throws PipeException if the end is or was open, or was abandoned.
     */
    public Connection open(final End end)
    {
        return open(end, ConnectionOptions.defaults());
    }

    /**
     * Opens an end for this process: maps the region once more, and records this process as the end's owner (step
     * 1 to 4 of Open in {@code docs/LAYOUT-PIPE.md}). The connection lives on after this pipe object is closed.
     *
     * <p>Threading: any thread. Ordering: the owner pid is claimed with a CAS, and the state moves to open with a
     * CAS after the owner's start time is written.
     *
     * @param end     the end.
     * @param options how this process uses it.
     * @return the open end; the caller closes it.
     * @throws PipeException if the end is or was open, or was abandoned.
     */
    public Connection open(final End end, final ConnectionOptions options)
    {
        checkOpen();
        return Connection.open(region.spaceDirectory(), region.name(), end, options, attachTimeoutMs);
    }

    /**
     * @param end the end.
     * @return a small serializable name of that end, for the process that will open it.
     */
    public ConnectionHandle handle(final End end)
    {
        return new ConnectionHandle(handle(), end);
    }

    /**
     * @return the pipe's shape, as read from its region.
     */
    public PipeOptions options()
    {
        return shape.options();
    }

    /**
     * @return the longest message in bytes: an eighth of the ring capacity.
     */
    public int maxMessageLength()
    {
        return PipeDescriptor.maxMessageLength(shape.capacity());
    }

    /**
     * @param end an end.
     * @return true if a process has opened it and not closed it (it may have died since).
     */
    public boolean isOpen(final End end)
    {
        checkOpen();
        return new EndControl(buffer, end.index()).state() == PipeDescriptor.STATE_OPEN;
    }

    /**
     * Closes an end that no process has opened, for one that will never open it (it died first, or was never
     * started): the other end then receives what is left and the end of stream, as it would if the end had been
     * opened and closed. A process that opens it later is refused.
     *
     * <p>Threading: any thread of any process. Ordering: a CAS of the end's state from unopened to closed, which
     * an opener's CAS loses to.
     *
     * @param end the end.
     * @return true if this call closed it; false if it is open or closed already.
     */
    public boolean abandon(final End end)
    {
        checkOpen();
        return new EndControl(buffer, end.index()).abandon();
    }

    /**
     * Unmaps the pipe and deletes its file, unless an end's close has deleted it already: connections keep their
     * mappings and go on working, but an end not yet opened can no longer be. Idempotent.
     *
     * <p>Threading: any thread, once the others are done with this object. Ordering: a CAS on the removed word, so
     * that exactly one process deletes this file, and a file made later under the same name is never deleted by
     * mistake.
     */
    @Override
    public void unlink()
    {
        if (!region.isClosed() && buffer.compareAndSetInt(PipeDescriptor.REMOVED_OFFSET, 0, 1))
        {
            region.unlink();
        }
        else
        {
            region.close();
        }
    }

    private void checkOpen()
    {
        if (region.isClosed())
        {
            throw new IllegalStateException("pipe " + region.file() + " is closed in this process");
        }
    }
}
