package io.mp4j.launcher.parallel;

import io.mp4j.ipc.values.SharedLong;
import io.mp4j.launcher.Crashes;
import io.mp4j.launcher.pool.PoolOptions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static io.mp4j.launcher.parallel.Parallel.delayed;

/**
 * Functions the Parallel tests call, on worker JVMs, threads or the calling thread, and inputs for them.
 *
 * <p>Threading: static methods, any thread of any JVM.
 */
final class Calls
{
    /** The seed's example: cube over 0..6. */
    static final List<Integer> ZERO_TO_SIX = IntStream.range(0, 7).boxed().toList();
    /** Its results. */
    static final List<Integer> CUBES = List.of(0, 1, 8, 27, 64, 125, 216);

    private static final long PARK_NS = 100_000;

    private Calls()
    {
    }

    /**
     * @return pool options whose closed pools stop their workers at once (no warm workers left for the leak check).
     */
    static PoolOptions noKeepAlive()
    {
        return PoolOptions.defaults().withKeepAlive(Duration.ZERO);
    }

    static int cube(final int x)
    {
        return x * x * x;
    }

    static int square(final int x)
    {
        return x * x;
    }

    static int add(final int a, final int b)
    {
        return a + b;
    }

    static long pid()
    {
        return ProcessHandle.current().pid();
    }

    /**
     * Busy for 0 to {@code maxMicros} at random (no sleep: a spin on the clock), so that tasks end out of order.
     */
    static int spinSquare(final int x, final int maxMicros)
    {
        final long untilNs = System.nanoTime() + ThreadLocalRandom.current().nextLong(maxMicros + 1L) * 1_000;
        while (System.nanoTime() - untilNs < 0)
        {
            Thread.onSpinWait();
        }
        return x * x;
    }

    /**
     * Waits, parking 0.1 ms at a time, until a shared value reaches {@code atLeast}; then returns {@code x}.
     */
    static int awaitThenEcho(final SharedLong gate, final long atLeast, final int x)
    {
        while (gate.get() < atLeast)
        {
            LockSupport.parkNanos(PARK_NS);
        }
        return x;
    }

    /**
     * @throws IllegalStateException for {@code x} in {@code failing}; else returns {@code x}.
     */
    static int failOn(final int x, final List<Integer> failing)
    {
        if (failing.contains(x))
        {
            throw new IllegalStateException("no " + x);
        }
        return x;
    }

    /**
     * Halts its JVM ({@code Runtime.halt(43)}) for {@code x == victim}; else returns {@code x}.
     */
    static int haltOn(final int x, final int victim)
    {
        if (x == victim)
        {
            Crashes.halt();
        }
        return x;
    }

    /**
     * Never returns for {@code x == victim}, interrupt or not; else returns {@code x}.
     */
    static int hangOn(final int x, final int victim)
    {
        if (x == victim)
        {
            Crashes.hang();
        }
        return x;
    }

    /**
     * Parks until interrupted for {@code x == victim}, then returns -1; else returns {@code x}.
     */
    static int parkUntilInterruptedOn(final int x, final int victim)
    {
        if (x != victim)
        {
            return x;
        }
        while (!Thread.interrupted())
        {
            LockSupport.park(Calls.class);
        }
        return -1;
    }

    /**
     * @return the cubes of 0..n-1 as calls.
     */
    static List<Delayed<Integer>> cubes(final int n)
    {
        return IntStream.range(0, n).mapToObj(x -> delayed(Calls::cube, x)).toList();
    }
}
