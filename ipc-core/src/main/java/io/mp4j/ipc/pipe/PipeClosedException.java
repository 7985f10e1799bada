package io.mp4j.ipc.pipe;

/**
 * The end of a stream, as Python's {@code EOFError} (on receive) and {@code BrokenPipeError} (on send): the peer
 * closed its end or died and nothing is left to receive, or this end was closed. Messages the peer committed
 * before it closed or died are all received first; a message it had only half written is never delivered.
 */
public final class PipeClosedException extends PipeException
{
    private static final long serialVersionUID = 1L;

    /** Why the stream ended. */
    public enum Reason
    {
        /** The peer closed its end. */
        PEER_CLOSED,
        /** The peer's process died (or its end was abandoned before it was opened). */
        PEER_DIED,
        /** This end was closed. */
        CLOSED
    }

    private final Reason reason;

    /**
     * @param reason  why the stream ended.
     * @param message the pipe, the end and, for a dead peer, its pid.
     */
    public PipeClosedException(final Reason reason, final String message)
    {
        super(message);
        this.reason = reason;
    }

    /**
     * @return why the stream ended.
     */
    public Reason reason()
    {
        return reason;
    }
}
