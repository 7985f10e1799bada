package io.mp4j.ipc.queue;

import io.mp4j.ipc.Mp4jException;

/**
 * Python's {@code queue.Full}: a put that found no free slot within its timeout, or an offer that found none.
 */
public final class QueueFullException extends Mp4jException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, naming the queue.
     */
    public QueueFullException(final String message)
    {
        super(message);
    }
}
