package io.mp4j.ipc.region;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two threads create-or-attach the same names at once, many times: the attacher waits for the creator and never
 * takes a region being created for a bad file (such as reading the file's length before the creator extended it,
 * and its header after the creator marked it ready). The multi-JVM version is
 * {@code io.mp4j.ipc.crossjvm.CreateOrAttachRaceTest}; threads race more often for less.
 */
@NoLeaks
class ConcurrentCreateOrAttachTest
{
    private static final int ROUNDS = 1_000;
    private static final int LENGTH = 4_096;

    @Test
    @Timeout(120)
    void shouldAttachToARegionBeingCreatedOnlyOnceItIsReady(final Space space) throws Exception
    {
        final ExecutorService threads = Executors.newFixedThreadPool(2);
        try
        {
            for (int round = 0; round < ROUNDS; round++)
            {
                final String name = "r" + round;
                final CyclicBarrier start = new CyclicBarrier(2);
                final List<Future<SharedLongArray>> results = new ArrayList<>();
                for (int t = 0; t < 2; t++)
                {
                    results.add(threads.submit(() ->
                    {
                        start.await();
                        return space.sharedLongArray(name, LENGTH);
                    }));
                }
                final SharedLongArray first = results.get(0).get();
                final SharedLongArray second = results.get(1).get();
                try
                {
                    assertNotEquals(first.created(), second.created(), "exactly one creates " + name);
                    first.set(LENGTH - 1, round);
                    assertEquals(round, second.get(LENGTH - 1), "both map the same region");
                }
                finally
                {
                    first.unlink();
                    second.close();
                }
            }
        }
        finally
        {
            threads.shutdownNow();
        }
    }
}
