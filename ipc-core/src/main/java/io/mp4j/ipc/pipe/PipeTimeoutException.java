package io.mp4j.ipc.pipe;

/**
 * A send or receive with a timeout that ran out: the ring stayed full, or no message came. The connection stays
 * usable; nothing was sent or received.
 */
public final class PipeTimeoutException extends PipeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what timed out, naming the pipe, the end and the timeout.
     */
    public PipeTimeoutException(final String message)
    {
        super(message);
    }
}
