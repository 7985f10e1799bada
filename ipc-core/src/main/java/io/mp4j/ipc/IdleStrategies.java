package io.mp4j.ipc;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How mp4j's blocking calls wait by default (queue put and get, pipe send and receive): spin, then yield, then
 * park with a growing period. The spin phase is long enough to cover a round trip to another JVM, so a
 * ping-pong never leaves it. A yield on a busy machine gives the core to whatever else is runnable, and a park
 * sleeps at least the kernel's timer slack (about 50 us). Only a wait that is idle for long reaches them, and it
 * then costs little CPU.
 */
public final class IdleStrategies
{
    /** Spins before the first yield: tens of microseconds of busy waiting. */
    public static final long SPINS = 20_000;

    /** Yields before the first park. */
    public static final long YIELDS = 20;

    /** Shortest park. */
    public static final long MIN_PARK_NS = TimeUnit.MICROSECONDS.toNanos(1);

    /** Longest park: the worst wake-up delay of a wait that has been idle for long. */
    public static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private IdleStrategies()
    {
    }

    /**
     * @return a new default idle strategy; not thread-safe, one per waiting thread.
     */
    public static IdleStrategy backoff()
    {
        return new BackoffIdleStrategy(SPINS, YIELDS, MIN_PARK_NS, MAX_PARK_NS);
    }
}
