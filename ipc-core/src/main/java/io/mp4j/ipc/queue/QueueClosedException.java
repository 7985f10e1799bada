package io.mp4j.ipc.queue;

import io.mp4j.ipc.Mp4jException;

/**
 * A put on a closed queue, or a get on a closed queue with nothing left to drain.
 */
public final class QueueClosedException extends Mp4jException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, naming the queue.
     */
    public QueueClosedException(final String message)
    {
        super(message);
    }
}
