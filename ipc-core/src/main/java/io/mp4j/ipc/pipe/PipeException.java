package io.mp4j.ipc.pipe;

import io.mp4j.ipc.Mp4jException;

/**
 * A pipe operation that failed: the base of the pipe's exceptions. The message names the pipe and the end.
 */
public class PipeException extends Mp4jException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the pipe and the end.
     */
    public PipeException(final String message)
    {
        super(message);
    }

    /**
     * @param message what failed, naming the pipe and the end.
     * @param cause   the underlying failure.
     */
    public PipeException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
