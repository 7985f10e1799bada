package io.mp4j.launcher.pool;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.launcher.Crashes;
import io.mp4j.launcher.Pids;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.WorkerDiedException;
import io.mp4j.launcher.process.WorkerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process pool's policies across real worker JVMs: retries of tasks whose worker died, workers replaced after
 * {@code maxTasksPerChild} tasks, initializers that fail or set up state, and warm workers handed from a closed pool
 * to the next one with the same options.
 */
@NoLeaks
@Timeout(120)
class RetryAndLifecycleTest
{
    private static final Duration GONE_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void shouldSucceedOnTheSecondAttemptWhenTheFirstKillsItsWorker()
    {
        final PoolOptions options = PoolOptions.defaults().withWorkers(2).withKeepAlive(Duration.ZERO)
            .withRetry(RetryPolicy.attempts(2, Duration.ofMillis(10)));
        try (SharedLong attempts = Space.at(dir).sharedLong("attempts");
             Pool pool = new ProcessPool(options))
        {
            final Task<Integer, Integer> killsOnce = x ->
            {
                if (x == 3 && attempts.incrementAndGet() == 1)
                {
                    Crashes.killSelf();
                }
                return 10 * x;
            };

            assertEquals(List.of(0, 10, 20, 30, 40, 50), pool.map(killsOnce, List.of(0, 1, 2, 3, 4, 5), 1));
            assertEquals(2, attempts.get(), "the task ran twice: killed, then retried");
        }
    }

    @Test
    void shouldFailAPoisonTaskAfterItsLastAttempt()
    {
        final int maxAttempts = 3;
        final PoolOptions options = PoolOptions.defaults().withWorkers(2).withKeepAlive(Duration.ZERO)
            .withRetry(RetryPolicy.attempts(maxAttempts, Duration.ofMillis(10)));
        try (SharedLong attempts = Space.at(dir).sharedLong("attempts");
             Pool pool = new ProcessPool(options))
        {
            final Task<Integer, Integer> poison = x ->
            {
                if (x == 1)
                {
                    attempts.incrementAndGet();
                    Crashes.killSelf();
                }
                return 10 * x;
            };

            final WorkerDiedException error = assertThrows(WorkerDiedException.class,
                () -> pool.map(poison, List.of(0, 1, 2, 3), 1));

            assertEquals(1, error.index());
            assertEquals(Crashes.SIGKILL_CODE, error.exitCode());
            assertEquals("run", error.phase());
            assertTrue(error.getMessage().contains("attempt " + maxAttempts + " of " + maxAttempts),
                error.getMessage());
            assertEquals(0, error.getSuppressed().length, () -> Arrays.toString(error.getSuppressed()));
            assertEquals(maxAttempts, attempts.get(), "attempts made");
            assertEquals(List.of(0, 20, 30), pool.map(poison, List.of(0, 2, 3)), "the pool goes on");
        }
    }

    @Test
    void shouldReplaceAWorkerAfterMaxTasksPerChild()
    {
        final PoolOptions options = PoolOptions.defaults().withWorkers(1).withKeepAlive(Duration.ZERO)
            .withMaxTasksPerChild(2);
        try (Pool pool = new ProcessPool(options))
        {
            final List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), IntStream.range(0, 6).boxed().toList(),
                1);

            assertEquals(3, new HashSet<>(pids).size(), () -> "three workers of two tasks each: " + pids);
            for (int i = 0; i < pids.size(); i += 2)
            {
                assertEquals(pids.get(i), pids.get(i + 1), () -> "two tasks per worker, in order: " + pids);
            }
            assertFalse(pids.contains(ProcessHandle.current().pid()));
            Pids.awaitGone(List.of(pids.get(0), pids.get(2)), GONE_WITHIN);
        }
    }

    @Test
    void shouldFailEveryCallWithoutRespawningWhenTheInitializerThrows()
    {
        final PoolOptions options = PoolOptions.defaults().withWorkers(2).withKeepAlive(Duration.ZERO)
            .withInitializer(() ->
            {
                throw new IllegalStateException("no database on purpose");
            });
        try (ProcessPool pool = new ProcessPool(options))
        {
            final TaskFailedException first = assertThrows(TaskFailedException.class,
                () -> pool.map((Integer x) -> x, List.of(1, 2, 3)));
            assertInitializerNamed(first);

            Await.until(() -> "the workers to end, and no new ones: " + pool.workerPids() + " " +
                Pids.runningDescendants(), GONE_WITHIN,
                () -> pool.workerPids().isEmpty() && Pids.runningDescendants().isEmpty());

            assertInitializerNamed(assertThrows(TaskFailedException.class, () -> pool.apply((Integer x) -> x, 1)));
            final CompletableFuture<Integer> submitted = pool.submit(() -> 1);
            final CompletionException async = assertThrows(CompletionException.class, submitted::join);
            assertInitializerNamed(assertInstanceOf(TaskFailedException.class, async.getCause()));
            assertTrue(pool.workerPids().isEmpty(), () -> "no worker started again: " + pool.workerPids());
            assertTrue(Pids.runningDescendants().isEmpty(), () -> "no JVM started again: " +
                Pids.runningDescendants());
        }
    }

    @Test
    void shouldRunTheInitializerInEachWorkerBeforeItsTasks()
    {
        final PoolOptions options = PoolOptions.defaults().withWorkers(2).withKeepAlive(Duration.ZERO)
            .withInitializer(() ->
            {
                Greeting.text = "set by the initializer in " + ProcessHandle.current().pid();
                return null;
            });
        try (Pool pool = new ProcessPool(options))
        {
            final List<String> greetings = pool.map((Integer x) -> Greeting.text + " / ran in " +
                ProcessHandle.current().pid(), List.of(1, 2, 3, 4, 5, 6), 1);

            for (final String greeting : greetings)
            {
                final String pid = greeting.substring(greeting.lastIndexOf(' ') + 1);
                assertEquals("set by the initializer in " + pid + " / ran in " + pid, greeting,
                    "the initializer ran in the task's own worker");
            }
            assertNull(Greeting.text, "it ran in the workers, not here");
        }
    }

    @Test
    void shouldHandWarmWorkersToTheNextPoolWithTheSameOptions()
    {
        final PoolOptions options = PoolOptions.defaults().withWorkers(2).withKeepAlive(Duration.ofSeconds(60))
            .withSpec(WorkerSpec.defaults().withSystemProperty("mp4j.test.pool", "warm-reuse"));
        final Set<Long> first = new HashSet<>();
        int stopped = 0;
        try
        {
            try (ProcessPool pool = new ProcessPool(options))
            {
                first.addAll(pool.workerPids());
                assertEquals(List.of(1, 4, 9), pool.map((Integer x) -> x * x, List.of(1, 2, 3)));
            }
            assertEquals(2, first.size());
            assertTrue(Pids.running(first).containsAll(first), "closed, its idle workers wait for reuse");

            try (ProcessPool pool = new ProcessPool(options))
            {
                assertEquals(first, new HashSet<>(pool.workerPids()), "the same worker JVMs");
                final List<Long> ranOn = pool.map((Integer x) -> ProcessHandle.current().pid(),
                    List.of(1, 2, 3, 4), 1);
                assertTrue(first.containsAll(ranOn), () -> ranOn + " ran on " + first);
            }

            try (ProcessPool other = new ProcessPool(options.withSpec(WorkerSpec.defaults()
                .withSystemProperty("mp4j.test.pool", "other"))))
            {
                final List<Long> otherPids = new ArrayList<>(other.workerPids());
                assertTrue(otherPids.stream().noneMatch(first::contains),
                    () -> "another spec gets new workers: " + otherPids + " vs " + first);
            }
        }
        finally
        {
            stopped = ProcessPool.stopIdleWorkers();
        }
        assertEquals(4, stopped, "idle workers of both specs stopped");
        Pids.awaitGone(first, GONE_WITHIN);
    }

    private static void assertInitializerNamed(final TaskFailedException error)
    {
        assertTrue(error.getMessage().contains("initializer"), error.getMessage());
        final IllegalStateException cause = Crashes.findCause(error, IllegalStateException.class);
        assertNotNull(cause, error::toString);
        assertEquals("no database on purpose", cause.getMessage());
    }

    /**
     * State an initializer sets up in each worker for its tasks.
     */
    static final class Greeting
    {
        static volatile String text;

        private Greeting()
        {
        }
    }
}
