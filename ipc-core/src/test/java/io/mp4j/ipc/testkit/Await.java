package io.mp4j.ipc.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, for tests and their child JVMs: a flag in shared memory, a process state.
 * Polling with a deadline, never a sleep that orders events: the condition is what ends the wait.
 *
 * <p>Threading: static methods, any thread.
 */
public final class Await
{
    private static final int SPINS = 1_000;
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private Await()
    {
    }

    /**
     * Waits until the condition holds: spins briefly, then parks for growing intervals up to a millisecond.
     *
     * @param what      what is awaited, for the failure message.
     * @param timeout   how long to wait.
     * @param condition the condition, polled.
     * @throws AssertionError if it does not hold in time.
     */
    public static void until(final String what, final Duration timeout, final BooleanSupplier condition)
    {
        until(() -> what, timeout, condition);
    }

    /**
     * Waits until the condition holds: spins briefly, then parks for growing intervals up to a millisecond.
     *
     * @param what      what is awaited, for the failure message, built only on failure.
     * @param timeout   how long to wait.
     * @param condition the condition, polled.
     * @throws AssertionError if it does not hold in time.
     */
    public static void until(final Supplier<String> what, final Duration timeout, final BooleanSupplier condition)
    {
        if (!within(timeout, condition))
        {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what.get());
        }
    }

    /**
     * Polls the condition until it holds or the timeout passes.
     *
     * @param timeout   how long to wait.
     * @param condition the condition, polled.
     * @return true if it held in time.
     */
    public static boolean within(final Duration timeout, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        long parkNs = 1_000;
        for (int i = 0; ; i++)
        {
            if (condition.getAsBoolean())
            {
                return true;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return condition.getAsBoolean();
            }
            if (i < SPINS)
            {
                Thread.onSpinWait();
            }
            else
            {
                LockSupport.parkNanos(parkNs);
                parkNs = Math.min(parkNs * 2, MAX_PARK_NS);
            }
        }
    }

    /**
     * Busy-waits until the condition holds, yielding the core now and then but never parking, so that several
     * processes released by one flag start within microseconds of each other. Use for the start line of a race.
     *
     * @param what      what is awaited, for the failure message.
     * @param timeout   how long to wait.
     * @param condition the condition, polled.
     * @throws AssertionError if it does not hold in time.
     */
    public static void spinUntil(final String what, final Duration timeout, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        for (int i = 1; !condition.getAsBoolean(); i++)
        {
            if ((i & 0xFF) == 0)
            {
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    throw new AssertionError("timed out after " + timeout.toMillis() + " ms spinning for " + what);
                }
                Thread.yield(); // let the processes not yet at the start line run on a small machine
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }
}
