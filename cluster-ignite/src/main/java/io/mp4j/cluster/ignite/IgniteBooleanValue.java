package io.mp4j.cluster.ignite;

import io.mp4j.ipc.BooleanValue;
import org.apache.ignite.IgniteAtomicLong;

/**
 * A {@link BooleanValue} on an {@link IgniteAtomicLong} holding 0 or 1.
 *
 * <p>Threading: thread-safe; every method is one atomic operation on the cluster.
 */
final class IgniteBooleanValue implements BooleanValue
{
    private final IgniteAtomicLong atomic;

    IgniteBooleanValue(final IgniteAtomicLong atomic)
    {
        this.atomic = atomic;
    }

    static long bits(final boolean value)
    {
        return value ? 1 : 0;
    }

    @Override
    public boolean get()
    {
        return atomic.get() != 0;
    }

    @Override
    public void set(final boolean value)
    {
        atomic.getAndSet(bits(value));
    }

    @Override
    public boolean compareAndSet(final boolean expected, final boolean update)
    {
        return atomic.compareAndSet(bits(expected), bits(update));
    }

    @Override
    public boolean getAndSet(final boolean value)
    {
        return atomic.getAndSet(bits(value)) != 0;
    }

    @Override
    public String toString()
    {
        return "IgniteBooleanValue(" + atomic.name() + ")";
    }
}
