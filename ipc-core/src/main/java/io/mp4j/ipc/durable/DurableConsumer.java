package io.mp4j.ipc.durable;

import java.time.Duration;

/**
 * One consumer of a durable queue's consumer group: each message of the queue goes to exactly one consumer of the
 * group. Taking a message marks the previous one this consumer took as done; a consumer whose process dies before
 * that leaves its message to the group, and the next consumer to take gets it first.
 *
 * <p>Threading: one thread at a time. Ordering: {@link #take} is made under the group's lock (a robust lock in the
 * group's lock table), so consumers of the group see one order of hand-outs.
 *
 * @param <T> the type of messages.
 */
public interface DurableConsumer<T> extends AutoCloseable
{
    /** @return the group's name. */
    String group();

    /**
     * Takes the next message if there is one now.
     *
     * @return the message, or null if none is waiting.
     */
    T poll();

    /**
     * Takes the next message, waiting up to a timeout.
     *
     * @param timeout how long to wait.
     * @return the message.
     * @throws io.mp4j.ipc.queue.QueueEmptyException if none came in time.
     */
    T take(Duration timeout);

    /** @return the index of the last message taken, or -1. */
    long lastIndex();

    /** @return true if the last message taken had been taken before by a consumer that died with it. */
    boolean lastRedelivered();

    /** Marks the last message taken as done, so that it is not handed to another consumer if this process dies. */
    void ack();

    /** Acknowledges the last message and leaves the group. Idempotent. */
    @Override
    void close();
}
