package io.mp4j.cluster.ignite;

import io.mp4j.ipc.Event;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicLong;
import org.apache.ignite.IgniteCountDownLatch;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteInterruptedException;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An {@link Event} on Ignite: a generation number ({@code NAME}, an atomic long) and, for the current generation
 * {@code g}, a count-down latch of 1 ({@code NAME~g}). The event is set when that latch is at zero.
 * <ol>
 *   <li>{@link #set()} counts the current latch down.</li>
 *   <li>{@link #clear()} does nothing if the current latch is up. Otherwise it makes the next generation's latch,
 *       moves the generation on by a CAS, and the winner of the CAS removes the old latch.</li>
 *   <li>A wait reads the generation and waits on its latch. A latch gone, or a generation moved on, means the event
 *       was set meanwhile: the wait returns true.</li>
 * </ol>
 *
 * <p>Threading: thread-safe.
 */
final class IgniteEvent implements Event
{
    private final Ignite ignite;
    private final String name;
    private final IgniteAtomicLong generation;

    IgniteEvent(final Ignite ignite, final String name)
    {
        this.ignite = ignite;
        this.name = name;
        this.generation = ignite.atomicLong(name, 0, true);
        latch(generation.get(), true);
    }

    @Override
    public void set()
    {
        final IgniteCountDownLatch latch = latch(generation.get(), false);
        if (latch != null)
        {
            latch.countDown();
        }
    }

    @Override
    public void clear()
    {
        final long current = generation.get();
        final IgniteCountDownLatch latch = latch(current, false);
        if (latch == null || latch.count() > 0)
        {
            return;
        }
        latch(current + 1, true);
        if (generation.compareAndSet(current, current + 1))
        {
            latch.close();
        }
    }

    @Override
    public boolean isSet()
    {
        final long current = generation.get();
        final IgniteCountDownLatch latch = latch(current, false);
        return latch == null || latch.count() == 0;
    }

    @Override
    public void await() throws InterruptedException
    {
        await(null);
    }

    @Override
    public boolean await(final Duration timeout) throws InterruptedException
    {
        final long current = generation.get();
        final IgniteCountDownLatch latch = latch(current, false);
        if (latch == null)
        {
            return true;
        }
        try
        {
            if (timeout == null)
            {
                latch.await();
                return true;
            }
            return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final IgniteInterruptedException ex)
        {
            throw IgnitePermits.interrupted(ex);
        }
        catch (final IgniteException | IllegalStateException ex)
        {
            if (generation.get() != current)
            {
                return true;
            }
            throw ex;
        }
    }

    @Override
    public String toString()
    {
        return "IgniteEvent(" + name + ")";
    }

    private IgniteCountDownLatch latch(final long round, final boolean create)
    {
        return ignite.countDownLatch(name + "~" + round, 1, false, create);
    }
}
