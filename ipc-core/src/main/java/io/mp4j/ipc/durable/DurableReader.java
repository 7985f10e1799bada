package io.mp4j.ipc.durable;

import java.time.Duration;

/**
 * Reads a durable queue from an index on, every message in order, independently of consumers and other readers:
 * replay.
 *
 * <p>Threading: one thread at a time. Ordering: a message read was written whole (Chronicle's header word).
 *
 * @param <T> the type of messages.
 */
public interface DurableReader<T> extends AutoCloseable
{
    /**
     * @return the next message, or null if none is written yet.
     */
    T poll();

    /**
     * @param timeout how long to wait.
     * @return the next message.
     * @throws io.mp4j.ipc.queue.QueueEmptyException if none came in time.
     */
    T take(Duration timeout);

    /** @return the index of the last message read, or -1. */
    long lastIndex();

    /**
     * @param index where to read next: the message of that index.
     * @return false if that index is not in the queue (the position is then unchanged).
     */
    boolean moveTo(long index);

    /** Closes the reader. Idempotent. */
    @Override
    void close();
}
