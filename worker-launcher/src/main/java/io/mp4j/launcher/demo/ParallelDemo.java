package io.mp4j.launcher.demo;

import io.mp4j.launcher.memory.CachedTask;
import io.mp4j.launcher.memory.Memory;
import io.mp4j.launcher.parallel.Parallel;
import io.mp4j.launcher.pool.ProcessPool;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The seed's joblib examples: {@code Parallel(nJobs=4, verbose=1)} over cube of 0..6 on worker JVMs (its progress
 * lines go to stderr, as joblib's do), then the Memory-cached cube run twice through {@code Parallel}: the first run
 * computes in the worker JVMs and stores, the second loads every result from disk.
 */
public final class ParallelDemo
{
    private static final List<Integer> CUBES = List.of(0, 1, 8, 27, 64, 125, 216);
    private static final int WORKERS = 4;
    private static final long SLOW_CUBE_MS = 100;

    private final PrintStream out;

    /**
     * @param out where to print.
     */
    public ParallelDemo(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * The cached function of the demo: a cube that takes {@value #SLOW_CUBE_MS} ms, as if it were real work.
     *
     * @param x a number.
     * @return its cube.
     * @throws InterruptedException if interrupted.
     */
    public static int slowCube(final int x) throws InterruptedException
    {
        Thread.sleep(SLOW_CUBE_MS);
        return x * x * x;
    }

    /**
     * Runs the examples.
     *
     * @return true if every result was right.
     * @throws IOException if the cache's temporary directory cannot be made or removed.
     */
    public boolean run() throws IOException
    {
        out.printf("Parallel: joblib's Parallel(n_jobs=4, verbose=1)(delayed(cube)(x) for x in range(7)).%n");
        out.flush();
        final List<Integer> cubes = new Parallel(WORKERS).verbose(1)
            .run(IntStream.range(0, 7).mapToObj(x -> Parallel.delayed(PoolDemo::cube, x)));
        out.printf("  results -> %s   (its progress lines are on stderr, as joblib's)%n", cubes);
        boolean ok = check(cubes);

        final Path location = Files.createTempDirectory("mp4j-demo-cache-");
        try
        {
            final Memory memory = new Memory(location);
            final CachedTask<Integer, Integer> cube = memory.cache(ParallelDemo::slowCube);
            out.printf("Memory: cube cached on disk in %s (each computation takes %d ms).%n", location, SLOW_CUBE_MS);
            for (final String run : List.of("first run ", "second run"))
            {
                final long cachedBefore = IntStream.range(0, 7).filter(cube::isCached).count();
                final long startNs = System.nanoTime();
                final List<Integer> results = new Parallel(WORKERS)
                    .run(IntStream.range(0, 7).mapToObj(x -> Parallel.delayed(cube, x)));
                out.printf("  %s: %s in %4.0f ms, %d of 7 were cached before, %d after%n", run, results,
                    (System.nanoTime() - startNs) / 1e6, cachedBefore,
                    IntStream.range(0, 7).filter(cube::isCached).count());
                ok &= check(results);
            }
            out.printf("  the worker JVMs stored the results (%d bytes); the second run read them instead of " +
                "computing%n", memory.sizeBytes());
        }
        finally
        {
            ProcessPool.stopIdleWorkers();
            try (Stream<Path> files = Files.walk(location))
            {
                for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.deleteIfExists(file);
                }
            }
        }
        return ok;
    }

    private boolean check(final List<Integer> results)
    {
        if (!CUBES.equals(results))
        {
            out.println("  CHECK FAILED: expected " + CUBES);
            return false;
        }
        return true;
    }
}
