package io.mp4j.ipc.queue;

import io.mp4j.ipc.Mp4jException;

/**
 * Python's {@code queue.Empty}: a get that found no message within its timeout.
 */
public final class QueueEmptyException extends Mp4jException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, naming the queue.
     */
    public QueueEmptyException(final String message)
    {
        super(message);
    }
}
