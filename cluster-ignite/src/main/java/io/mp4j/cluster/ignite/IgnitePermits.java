package io.mp4j.cluster.ignite;

import io.mp4j.ipc.Permits;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.IgniteSemaphore;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@link Permits} on a failover-safe {@link IgniteSemaphore}: the permits of a node that leaves the cluster are
 * given back.
 *
 * <p>Threading: thread-safe.
 */
final class IgnitePermits implements Permits
{
    private final IgniteSemaphore semaphore;

    IgnitePermits(final IgniteSemaphore semaphore)
    {
        this.semaphore = semaphore;
    }

    @Override
    public void acquire() throws InterruptedException
    {
        try
        {
            semaphore.acquire();
        }
        catch (final IgniteInterruptedException ex)
        {
            throw interrupted(ex);
        }
    }

    @Override
    public boolean tryAcquire()
    {
        return semaphore.tryAcquire();
    }

    @Override
    public boolean tryAcquire(final Duration timeout) throws InterruptedException
    {
        try
        {
            return semaphore.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final IgniteInterruptedException ex)
        {
            throw interrupted(ex);
        }
    }

    @Override
    public void release()
    {
        semaphore.release();
    }

    @Override
    public long availablePermits()
    {
        return semaphore.availablePermits();
    }

    @Override
    public String toString()
    {
        return "IgnitePermits(" + semaphore.name() + ")";
    }

    static InterruptedException interrupted(final IgniteInterruptedException ex)
    {
        Thread.interrupted();
        final InterruptedException failure = new InterruptedException(ex.getMessage());
        failure.initCause(ex);
        return failure;
    }
}
