package io.mp4j.cluster.ignite;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.ipc.values.SharedLongArray;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member SIGKILLed in the middle of a {@code Pool.map}: the tasks it held run again on the others, and the call
 * returns every result once, in input order. The victim holds its tasks for sure: on it they wait until it dies,
 * and the kill comes only once one of them has started there.
 */
class IgniteFailoverTest
{
    private static final int MEMBERS = 3;
    private static final int TASKS = 300;
    private static final int CHUNK = 5;

    private static TestCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    @Timeout(180)
    static void startCluster()
    {
        cluster = TestCluster.start(MEMBERS);
    }

    @AfterAll
    @Timeout(120)
    static void stopCluster()
    {
        if (cluster != null)
        {
            cluster.close();
        }
    }

    @Test
    @Timeout(180)
    void shouldReturnEveryResultOnceInOrderWhenAMemberIsKilledDuringMap() throws Exception
    {
        final ExecutorService caller = Executors.newSingleThreadExecutor();
        try (SharedLong startedOnVictim = Space.at(dir).sharedLong("started-on-victim");
             SharedLongArray completions = Space.at(dir).sharedLongArray("completions", TASKS);
             Pool pool = cluster.driver().pool(PoolOptions.defaults()))
        {
            final long victim = cluster.member(1).pid();
            final List<Integer> inputs = IntStream.range(0, TASKS).boxed().toList();
            final CompletableFuture<List<Long>> results = CompletableFuture.supplyAsync(() -> pool.map(x ->
            {
                if (ProcessHandle.current().pid() == victim)
                {
                    startedOnVictim.incrementAndGet();
                    while (true)
                    {
                        LockSupport.park(); // until SIGKILL: the victim answers nothing
                    }
                }
                completions.getAndAdd(x, 1);
                return (long)x * x;
            }, inputs, CHUNK), caller);

            Await.until(() -> "a task to start on the victim", Duration.ofSeconds(60),
                () -> startedOnVictim.get() > 0);
            assertFalse(results.isDone(), "the map waits for the victim's tasks");
            assertEquals(137, cluster.member(1).kill());

            final List<Long> squares = results.get(120, TimeUnit.SECONDS);
            assertEquals(inputs.stream().map(x -> (long)x * x).toList(), squares);
            for (int x = 0; x < TASKS; x++)
            {
                assertEquals(1, completions.get(x), "task " + x + " completed once");
            }
            Await.until(() -> "the driver to see the victim gone", Duration.ofSeconds(30),
                () -> cluster.driver().members() == MEMBERS - 1);
            assertEquals(42L * 42, (long)pool.apply(x -> (long)x * x, 42), "the pool goes on with the others");
            assertTrue(startedOnVictim.get() >= 1);
        }
        finally
        {
            caller.shutdownNow();
        }
    }
}
