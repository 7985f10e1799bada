package io.mp4j.ipc.sync;

import io.mp4j.ipc.IdleStrategies;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;

/**
 * One wait of a synchronization object: spins, then yields, then parks (at most a millisecond at a time, so a long
 * wait burns no core), until a deadline, and says when it is time to check whether a holder is still alive.
 *
 * <p>Threading: one thread, one wait.
 */
final class Wait
{
    /** How often a waiter checks that the holder it waits on is alive: the most a dead holder delays it. */
    static final long LIVENESS_CHECK_INTERVAL_NS = Duration.ofMillis(50).toNanos();

    private final IdleStrategy idle = IdleStrategies.backoff();
    private final long deadlineNs;
    private final boolean forever;
    private long nextCheckNs;

    private Wait(final long timeoutNs)
    {
        final long now = System.nanoTime();
        this.forever = timeoutNs < 0 || timeoutNs > Long.MAX_VALUE / 2;
        this.deadlineNs = forever ? 0 : now + timeoutNs;
        this.nextCheckNs = now + LIVENESS_CHECK_INTERVAL_NS;
    }

    /**
     * @param timeout the longest wait, or null for no limit.
     * @return a new wait.
     */
    static Wait of(final Duration timeout)
    {
        return new Wait(timeout == null ? -1 : Math.max(0, timeout.toNanos()));
    }

    /**
     * @return a wait with no limit.
     */
    static Wait forever()
    {
        return new Wait(-1);
    }

    /**
     * Idles once.
     *
     * @return false if the deadline has passed.
     * @throws InterruptedException if the thread was interrupted.
     */
    boolean idle() throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        if (!forever && System.nanoTime() - deadlineNs >= 0)
        {
            return false;
        }
        idle.idle();
        return true;
    }

    /**
     * @return true once per {@link #LIVENESS_CHECK_INTERVAL_NS}: time to check a holder's liveness.
     */
    boolean livenessDue()
    {
        final long now = System.nanoTime();
        if (now - nextCheckNs >= 0)
        {
            nextCheckNs = now + LIVENESS_CHECK_INTERVAL_NS;
            return true;
        }
        return false;
    }
}
