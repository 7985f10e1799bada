package io.mp4j.ipc;

/**
 * A flag shared by name, updated atomically: Python's {@code Value('b')} used as a boolean. The local engine's
 * {@link io.mp4j.ipc.values.SharedBoolean} is one; a cluster backend supplies another (on Ignite, an
 * {@code IgniteAtomicLong} holding 0 or 1).
 *
 * <p>Threading: any thread of any process (any node of a cluster). Ordering: every method is one atomic operation
 * with volatile semantics: an update happens-before every later read of its result, in any process.
 */
public interface BooleanValue
{
    /**
     * @return the value.
     */
    boolean get();

    /**
     * @param value the new value.
     */
    void set(boolean value);

    /**
     * @param expected the value expected.
     * @param update   the value to set if it is there.
     * @return true if it was {@code expected} and is now {@code update}.
     */
    boolean compareAndSet(boolean expected, boolean update);

    /**
     * @param value the new value.
     * @return the value it replaced.
     */
    boolean getAndSet(boolean value);
}
