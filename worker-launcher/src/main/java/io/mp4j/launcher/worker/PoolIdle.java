package io.mp4j.launcher.worker;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * How pool threads wait: a worker for its next frame, a caller for its results. A short spin (a few tens of
 * microseconds; none when this JVM may use a single processor) covers a round trip in progress; then the waiter
 * yields and parks, at most {@value #MAX_PARK_NS} ns
 * at a time. A pool usually has as many workers as cores, so a long spin would take a core from a worker (or the
 * caller) that has work: the pipes' default of 20,000 spins suits two processes that own a core each, not a pool.
 */
public final class PoolIdle
{
    /** Spins before the first yield; none on a single processor, where a spin only delays the peer it waits for. */
    public static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 1_000 : 0;
    /** Yields before the first park. */
    public static final int YIELDS = 50;
    /** First park. */
    public static final long MIN_PARK_NS = 1_000;
    /** Longest park: bounds the added latency once a waiter has gone quiet. */
    public static final long MAX_PARK_NS = 200_000;

    private PoolIdle()
    {
    }

    /**
     * @return a new idle strategy (one per waiting thread).
     */
    public static IdleStrategy create()
    {
        return new BackoffIdleStrategy(SPINS, YIELDS, MIN_PARK_NS, MAX_PARK_NS);
    }
}
