package io.mp4j.ipc;

/**
 * A 32-bit value shared by name, updated atomically: Python's {@code Value('i')}. The local engine's
 * {@link io.mp4j.ipc.values.SharedInt} is one; a cluster backend supplies another (on Ignite, an
 * {@code IgniteAtomicLong} holding the int). Arithmetic wraps at 32 bits on every backend.
 *
 * <p>Threading: any thread of any process (any node of a cluster). Ordering: every method is one atomic operation
 * with volatile semantics: an update happens-before every later read of its result, in any process.
 */
public interface IntValue
{
    /**
     * @return the value.
     */
    int get();

    /**
     * @param value the new value.
     */
    void set(int value);

    /**
     * @param delta what to add.
     * @return the value before the addition.
     */
    int getAndAdd(int delta);

    /**
     * @param delta what to add.
     * @return the value after the addition.
     */
    int addAndGet(int delta);

    /**
     * @return the value after adding one.
     */
    int incrementAndGet();

    /**
     * @return the value after subtracting one.
     */
    int decrementAndGet();

    /**
     * @param expected the value expected.
     * @param update   the value to set if it is there.
     * @return true if it was {@code expected} and is now {@code update}.
     */
    boolean compareAndSet(int expected, int update);

    /**
     * @param value the new value.
     * @return the value it replaced.
     */
    int getAndSet(int value);
}
