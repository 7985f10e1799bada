package io.mp4j.ipc.queue;

import io.mp4j.ipc.Mp4jException;

/**
 * A thread waiting on a queue (put, get or join) was interrupted. Its interrupt flag stays set.
 */
public final class QueueInterruptedException extends Mp4jException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was interrupted, naming the queue.
     */
    public QueueInterruptedException(final String message)
    {
        super(message);
    }
}
