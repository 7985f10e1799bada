package io.mp4j.cluster.ignite;

import io.mp4j.ipc.IntValue;
import org.apache.ignite.IgniteAtomicLong;

/**
 * An {@link IntValue} on an {@link IgniteAtomicLong} holding the int. Additions are compare-and-set loops, so they
 * wrap at 32 bits as locally.
 *
 * <p>Threading: thread-safe; every method is one atomic operation on the cluster (an addition may retry).
 */
final class IgniteIntValue implements IntValue
{
    private final IgniteAtomicLong atomic;

    IgniteIntValue(final IgniteAtomicLong atomic)
    {
        this.atomic = atomic;
    }

    @Override
    public int get()
    {
        return (int) atomic.get();
    }

    @Override
    public void set(final int value)
    {
        atomic.getAndSet(value);
    }

    @Override
    public int getAndAdd(final int delta)
    {
        while (true)
        {
            final long current = atomic.get();
            if (atomic.compareAndSet(current, (int) current + delta))
            {
                return (int) current;
            }
        }
    }

    @Override
    public int addAndGet(final int delta)
    {
        return getAndAdd(delta) + delta;
    }

    @Override
    public int incrementAndGet()
    {
        return addAndGet(1);
    }

    @Override
    public int decrementAndGet()
    {
        return addAndGet(-1);
    }

    @Override
    public boolean compareAndSet(final int expected, final int update)
    {
        return atomic.compareAndSet(expected, update);
    }

    @Override
    public int getAndSet(final int value)
    {
        return (int) atomic.getAndSet(value);
    }

    @Override
    public String toString()
    {
        return "IgniteIntValue(" + atomic.name() + ")";
    }
}
