package io.mp4j.ipc.pipe;

import io.mp4j.ipc.Waitable;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Waiting on several connections (and other {@link Waitable}s) at once, as Python's
 * {@code multiprocessing.connection.wait}.
 */
public final class Connections
{
    private Connections()
    {
    }

    /**
     * Waits until at least one of the objects is ready (a receive on it would not wait), with no time limit.
     *
     * <p>Threading: any thread; see {@link #wait(Collection, Duration)}.
     *
     * @param objects the objects to watch.
     * @param <W>     their type.
     * @return the ready ones, in the collection's order; never empty.
     * @throws PipeException if the thread is interrupted (its interrupt status stays set).
     */
    public static <W extends Waitable> List<W> wait(final Collection<W> objects)
    {
        return waitNs(objects, -1);
    }

    /**
     * Waits until at least one of the objects is ready (a receive on it would not wait), or the timeout passes.
     * It checks every object, then idles (spin, then yield, then park up to 1 ms: Agrona's
     * {@link BackoffIdleStrategy}) and checks again, so a long wait does not burn a core. A peer's death is noticed
     * as the connection's liveness check interval allows.
     *
     * <p>Threading: any thread of the process that opened the objects; it only reads them, so their receiving
     * threads may go on. The objects must not be closed during the call.
     *
     * <p>Ordering: as {@link Waitable#isReady()}.
     *
     * @param objects the objects to watch.
     * @param timeout how long to wait; zero checks once.
     * @param <W>     their type.
     * @return the ready ones, in the collection's order; empty if the timeout passed.
     * @throws PipeException if the thread is interrupted (its interrupt status stays set).
     */
    public static <W extends Waitable> List<W> wait(final Collection<W> objects, final Duration timeout)
    {
        if (timeout.isNegative())
        {
            throw new IllegalArgumentException("timeout is negative: timeout=" + timeout);
        }
        return waitNs(objects, saturatedNanos(timeout));
    }

    static long saturatedNanos(final Duration timeout)
    {
        try
        {
            return timeout.toNanos();
        }
        catch (final ArithmeticException ex)
        {
            return Long.MAX_VALUE;
        }
    }

    private static <W extends Waitable> List<W> waitNs(final Collection<W> objects, final long timeoutNs)
    {
        Objects.requireNonNull(objects, "objects");
        final List<W> ready = new ArrayList<>();
        final IdleStrategy idle = new BackoffIdleStrategy();
        final long startNs = System.nanoTime();
        while (true)
        {
            for (final W object : objects)
            {
                if (object.isReady())
                {
                    ready.add(object);
                }
            }
            if (!ready.isEmpty() || (timeoutNs >= 0 && System.nanoTime() - startNs >= timeoutNs))
            {
                return ready;
            }
            if (Thread.currentThread().isInterrupted())
            {
                throw new PipeException("interrupted while waiting on " + objects.size() + " objects");
            }
            idle.idle();
        }
    }
}
