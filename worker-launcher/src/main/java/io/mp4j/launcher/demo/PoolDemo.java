package io.mp4j.launcher.demo;

import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.ProcessPool;
import io.mp4j.launcher.pool.ThreadPool;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The seed's Pool examples on worker JVMs and on threads (cube over 1..6 with {@code map} and with {@code apply} in a
 * loop), then a task that kills its worker JVM: it alone fails, the pool replaces the worker and goes on (where
 * Python's Pool hangs), and a second pool takes the first one's warm workers.
 */
public final class PoolDemo
{
    private static final List<Integer> ONE_TO_SIX = IntStream.rangeClosed(1, 6).boxed().toList();
    private static final List<Integer> CUBES = List.of(1, 8, 27, 64, 125, 216);
    private static final int WORKERS = 4;

    private final PrintStream out;

    /**
     * @param out where to print.
     */
    public PoolDemo(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * The task of the seed's examples.
     *
     * @param x a number.
     * @return its cube.
     */
    public static int cube(final int x)
    {
        return x * x * x;
    }

    /**
     * Runs the examples.
     *
     * @return true if every result was right.
     */
    public boolean run()
    {
        final PoolOptions options = PoolOptions.defaults().withWorkers(WORKERS);
        boolean ok;
        final long coldNs = System.nanoTime();
        try (Pool pool = new ProcessPool(options))
        {
            out.printf("Pool: %d worker JVMs (Python: Pool(processes=4)).%n", WORKERS);
            final List<Integer> mapped = pool.map(PoolDemo::cube, ONE_TO_SIX);
            out.printf("  pool.map(cube, 1..6)                   -> %s   (first results %.0f ms after the pool was " +
                "created: JVMs started cold)%n", mapped, (System.nanoTime() - coldNs) / 1e6);
            final List<Integer> applied = new ArrayList<>();
            for (final int x : ONE_TO_SIX)
            {
                applied.add(pool.apply(PoolDemo::cube, x));
            }
            out.printf("  [pool.apply(cube, x) for x in 1..6]    -> %s%n", applied);
            ok = check(mapped) & check(applied);
            ok &= crash(pool);
        }
        final long warmNs = System.nanoTime();
        try (Pool pool = new ProcessPool(options))
        {
            final List<Integer> mapped = pool.map(PoolDemo::cube, ONE_TO_SIX);
            out.printf("  a second pool, same settings: map      -> %s   (%.1f ms: it took the first pool's warm " +
                "workers)%n", mapped, (System.nanoTime() - warmNs) / 1e6);
            ok &= check(mapped);
        }
        ProcessPool.stopIdleWorkers();
        try (Pool pool = new ThreadPool(WORKERS))
        {
            out.printf("Thread pool: %d threads of this JVM (Python: multiprocessing.dummy.Pool(processes=4)).%n",
                WORKERS);
            final List<Integer> mapped = pool.map(PoolDemo::cube, ONE_TO_SIX);
            out.printf("  pool.map(cube, 1..6)                   -> %s%n", mapped);
            final List<Integer> applied = new ArrayList<>();
            for (final int x : ONE_TO_SIX)
            {
                applied.add(pool.apply(PoolDemo::cube, x));
            }
            out.printf("  [pool.apply(cube, x) for x in 1..6]    -> %s%n", applied);
            ok &= check(mapped) & check(applied);
        }
        return ok;
    }

    private boolean crash(final Pool pool)
    {
        out.println("  A task that kills its worker JVM (Runtime.halt(13) on x = 3) fails alone; the pool replaces " +
            "the worker:");
        final Iterator<Integer> results = pool.imap(x ->
        {
            if (x == 3)
            {
                Runtime.getRuntime().halt(13);
            }
            return cube(x);
        }, ONE_TO_SIX, 1);
        final List<Object> seen = new ArrayList<>();
        boolean failedAlone = false;
        while (results.hasNext())
        {
            try
            {
                seen.add(results.next());
            }
            catch (final TaskFailedException ex)
            {
                seen.add("failed");
                out.printf("    task %d: %s: %s%n", ex.index(), ex.getClass().getSimpleName(), ex.getMessage());
                failedAlone = ex.index() == 2;
            }
        }
        out.printf("    imap results                         -> %s%n", seen);
        final List<Integer> after = pool.map(PoolDemo::cube, ONE_TO_SIX);
        out.printf("    the same pool afterwards: map         -> %s%n", after);
        return failedAlone && seen.equals(List.of(1, 8, "failed", 64, 125, 216)) && check(after);
    }

    private boolean check(final List<Integer> results)
    {
        if (!CUBES.equals(results))
        {
            out.printf("  CHECK FAILED: expected %s%n", CUBES);
            return false;
        }
        return true;
    }
}
