package io.mp4j.ipc;

/**
 * A 64-bit floating-point value shared by name, updated atomically: Python's {@code Value('d')}. The local engine's
 * {@link io.mp4j.ipc.values.SharedDouble} is one; a cluster backend supplies another (on Ignite, an
 * {@code IgniteAtomicLong} holding the double's bits). Additions are compare-and-set loops on the bits, so
 * concurrent additions are never lost; {@link #compareAndSet} compares bits, so {@code NaN} matches itself and
 * {@code 0.0} does not match {@code -0.0}.
 *
 * <p>Threading: any thread of any process (any node of a cluster). Ordering: every method is one atomic operation
 * with volatile semantics: an update happens-before every later read of its result, in any process.
 */
public interface DoubleValue
{
    /**
     * @return the value.
     */
    double get();

    /**
     * @param value the new value.
     */
    void set(double value);

    /**
     * @param delta what to add.
     * @return the value before the addition.
     */
    double getAndAdd(double delta);

    /**
     * @param delta what to add.
     * @return the value after the addition.
     */
    double addAndGet(double delta);

    /**
     * @param expected the value expected, compared by bits.
     * @param update   the value to set if it is there.
     * @return true if it was {@code expected} and is now {@code update}.
     */
    boolean compareAndSet(double expected, double update);

    /**
     * @param value the new value.
     * @return the value it replaced.
     */
    double getAndSet(double value);
}
