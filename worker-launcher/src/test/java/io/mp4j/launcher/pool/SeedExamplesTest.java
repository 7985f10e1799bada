package io.mp4j.launcher.pool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The seed's Pool examples: cube over 1..6 with map and with apply in a loop, on processes and on threads.
 */
@Timeout(120)
class SeedExamplesTest
{
    private static final List<Integer> ONE_TO_SIX = IntStream.rangeClosed(1, 6).boxed().toList();
    private static final List<Integer> CUBES = List.of(1, 8, 27, 64, 125, 216);

    static int cube(final int x)
    {
        return x * x * x;
    }

    private static PoolOptions fourWorkers()
    {
        return PoolOptions.defaults().withWorkers(4).withKeepAlive(Duration.ZERO);
    }

    @Test
    void shouldCubeWithMapOnProcesses()
    {
        try (Pool pool = new ProcessPool(fourWorkers()))
        {
            assertEquals(CUBES, pool.map(SeedExamplesTest::cube, ONE_TO_SIX));
        }
    }

    @Test
    void shouldCubeWithApplyOnProcesses()
    {
        try (Pool pool = new ProcessPool(fourWorkers()))
        {
            final List<Integer> results = new ArrayList<>();
            for (final int x : ONE_TO_SIX)
            {
                results.add(pool.apply(SeedExamplesTest::cube, x));
            }
            assertEquals(CUBES, results);
        }
    }

    @Test
    void shouldCubeWithMapOnThreads()
    {
        try (Pool pool = new ThreadPool(fourWorkers()))
        {
            assertEquals(CUBES, pool.map(SeedExamplesTest::cube, ONE_TO_SIX));
        }
    }

    @Test
    void shouldCubeWithApplyOnThreads()
    {
        try (Pool pool = new ThreadPool(fourWorkers()))
        {
            final List<Integer> results = new ArrayList<>();
            for (final int x : ONE_TO_SIX)
            {
                results.add(pool.apply(SeedExamplesTest::cube, x));
            }
            assertEquals(CUBES, results);
        }
    }
}
