package io.mp4j.cluster.ignite;

import io.mp4j.ipc.LongValue;
import org.apache.ignite.IgniteAtomicLong;

/**
 * A {@link LongValue} on an {@link IgniteAtomicLong} (one backup, written synchronously).
 *
 * <p>Threading: thread-safe; every method is one atomic operation on the cluster.
 */
final class IgniteLongValue implements LongValue
{
    private final IgniteAtomicLong atomic;

    IgniteLongValue(final IgniteAtomicLong atomic)
    {
        this.atomic = atomic;
    }

    @Override
    public long get()
    {
        return atomic.get();
    }

    @Override
    public void set(final long value)
    {
        atomic.getAndSet(value);
    }

    @Override
    public long getAndAdd(final long delta)
    {
        return atomic.getAndAdd(delta);
    }

    @Override
    public long addAndGet(final long delta)
    {
        return atomic.addAndGet(delta);
    }

    @Override
    public long incrementAndGet()
    {
        return atomic.incrementAndGet();
    }

    @Override
    public long decrementAndGet()
    {
        return atomic.decrementAndGet();
    }

    @Override
    public boolean compareAndSet(final long expected, final long update)
    {
        return atomic.compareAndSet(expected, update);
    }

    @Override
    public long getAndSet(final long value)
    {
        return atomic.getAndSet(value);
    }

    @Override
    public String toString()
    {
        return "IgniteLongValue(" + atomic.name() + ")";
    }
}
