package io.mp4j.ipc.pipe;

import io.mp4j.ipc.SharedHandle;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.region.RegionKind;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One end of a pipe named for another JVM: pass it to a worker (as an argument, in a task), and the worker opens
 * the end with {@link #open()}. The end is not open until then, and only one process may open it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pipe the pipe's handle.
 * @param end  the end.
 */
public record ConnectionHandle(SharedHandle pipe, Pipe.End end) implements Serializable
{
    /**
     * @param pipe the pipe's handle, of kind {@link RegionKind#PIPE}.
     * @param end  the end.
     */
    public ConnectionHandle
    {
        Objects.requireNonNull(pipe, "pipe");
        Objects.requireNonNull(end, "end");
        if (pipe.kind() != RegionKind.PIPE)
        {
            throw new IllegalArgumentException("not a pipe handle: kind=" + pipe.kind());
        }
    }

    /**
     * Opens the end in this process with the default connection options.
     *
     * @return the open end; the caller closes it.
     * @throws PipeException if the end is or was open, or was abandoned.
     */
    public Connection open()
    {
        return open(ConnectionOptions.defaults());
    }

    /**
     * Opens the end in this process: see {@link Pipe#open(Pipe.End, ConnectionOptions)}.
     *
     * @param options how this process uses it.
     * @return the open end; the caller closes it.
     * @throws io.mp4j.ipc.Mp4jException if the pipe no longer exists.
     * @throws PipeException             if the end is or was open, or was abandoned.
     */
    public Connection open(final ConnectionOptions options)
    {
        return Connection.open(Path.of(pipe.spaceDirectory()), pipe.name(), end, options,
            Space.DEFAULT_ATTACH_TIMEOUT.toMillis());
    }
}
