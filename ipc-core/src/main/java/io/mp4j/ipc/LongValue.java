package io.mp4j.ipc;

/**
 * A 64-bit value shared by name, updated atomically: a counter or a {@code Value('q')}. The local engine's
 * {@link io.mp4j.ipc.values.SharedLong} is one (a word in a mapped file); a cluster backend supplies another (on
 * Ignite, an {@code IgniteAtomicLong}). Code written against this interface runs on either.
 *
 * <p>Threading: any thread of any process (any node of a cluster). Ordering: every method is one atomic operation
 * with volatile semantics: an update happens-before every later read of its result, in any process.
 */
public interface LongValue
{
    /**
     * @return the value.
     */
    long get();

    /**
     * @param value the new value.
     */
    void set(long value);

    /**
     * @param delta what to add.
     * @return the value before the addition.
     */
    long getAndAdd(long delta);

    /**
     * @param delta what to add.
     * @return the value after the addition.
     */
    long addAndGet(long delta);

    /**
     * @return the value after adding one.
     */
    long incrementAndGet();

    /**
     * @return the value after subtracting one.
     */
    long decrementAndGet();

    /**
     * @param expected the value expected.
     * @param update   the value to set if it is there.
     * @return true if it was {@code expected} and is now {@code update}.
     */
    boolean compareAndSet(long expected, long update);

    /**
     * @param value the new value.
     * @return the value it replaced.
     */
    long getAndSet(long value);
}
