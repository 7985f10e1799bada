package io.mp4j.cluster.ignite;

import io.mp4j.ipc.DoubleValue;
import org.apache.ignite.IgniteAtomicLong;

/**
 * A {@link DoubleValue} on an {@link IgniteAtomicLong} holding the double's raw bits. Additions are compare-and-set
 * loops on the bits, as locally.
 *
 * <p>Threading: thread-safe; every method is one atomic operation on the cluster (an addition may retry).
 */
final class IgniteDoubleValue implements DoubleValue
{
    private final IgniteAtomicLong atomic;

    IgniteDoubleValue(final IgniteAtomicLong atomic)
    {
        this.atomic = atomic;
    }

    static long bits(final double value)
    {
        return Double.doubleToRawLongBits(value);
    }

    @Override
    public double get()
    {
        return Double.longBitsToDouble(atomic.get());
    }

    @Override
    public void set(final double value)
    {
        atomic.getAndSet(bits(value));
    }

    @Override
    public double getAndAdd(final double delta)
    {
        while (true)
        {
            final long current = atomic.get();
            final double value = Double.longBitsToDouble(current);
            if (atomic.compareAndSet(current, bits(value + delta)))
            {
                return value;
            }
        }
    }

    @Override
    public double addAndGet(final double delta)
    {
        return getAndAdd(delta) + delta;
    }

    @Override
    public boolean compareAndSet(final double expected, final double update)
    {
        return atomic.compareAndSet(bits(expected), bits(update));
    }

    @Override
    public double getAndSet(final double value)
    {
        return Double.longBitsToDouble(atomic.getAndSet(bits(value)));
    }

    @Override
    public String toString()
    {
        return "IgniteDoubleValue(" + atomic.name() + ")";
    }
}
