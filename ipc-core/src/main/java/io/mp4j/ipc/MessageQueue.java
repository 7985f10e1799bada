package io.mp4j.ipc;

import java.time.Duration;

/**
 * A bounded FIFO queue of messages shared by name, many producers and many consumers in any processes: Python's
 * {@code multiprocessing.Queue}. The local engine's {@link io.mp4j.ipc.queue.SharedQueue} is one (a ring in a mapped
 * file); a cluster backend supplies another (on Ignite, an {@code IgniteQueue} of encoded messages). Code written
 * against this interface runs on either.
 *
 * <p>Threading: any thread of any process. Ordering: a message put happens-before its taking.
 *
 * @param <T> the type of message.
 */
public interface MessageQueue<T> extends AutoCloseable
{
    /**
     * Adds a message if there is room now.
     *
     * @param message the message: any value its codec encodes.
     * @return false if the queue was full.
     * @throws io.mp4j.ipc.codec.CodecException if the message cannot be encoded.
     */
    boolean offer(T message);

    /**
     * Adds a message, waiting as long as it takes for room.
     *
     * @param message the message: any value its codec encodes.
     * @throws io.mp4j.ipc.codec.CodecException if the message cannot be encoded.
     */
    void put(T message);

    /**
     * Adds a message, waiting at most {@code timeout} for room.
     *
     * @param message the message: any value its codec encodes.
     * @param timeout the longest wait.
     * @throws io.mp4j.ipc.queue.QueueFullException if no room came in time.
     * @throws io.mp4j.ipc.codec.CodecException    if the message cannot be encoded.
     */
    void put(T message, Duration timeout);

    /**
     * Takes the oldest message if there is one now.
     *
     * @return the message, or null if the queue was empty.
     */
    T poll();

    /**
     * Takes the oldest message, waiting as long as it takes for one.
     *
     * @return the message.
     */
    T get();

    /**
     * Takes the oldest message, waiting at most {@code timeout} for one.
     *
     * @param timeout the longest wait.
     * @return the message.
     * @throws io.mp4j.ipc.queue.QueueEmptyException if none came in time.
     */
    T get(Duration timeout);

    /**
     * @return the messages in the queue now (a snapshot: others may be adding and taking).
     */
    int size();

    /**
     * @return true if the queue held no message when looked at.
     */
    boolean isEmpty();

    /**
     * Lets go of this handle; the queue and its messages stay for the others.
     */
    @Override
    void close();
}
