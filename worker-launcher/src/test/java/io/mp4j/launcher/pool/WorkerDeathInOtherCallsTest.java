package io.mp4j.launcher.pool;

import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.Crashes;
import io.mp4j.launcher.Pids;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.WorkerDiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker's death seen by the calls the crash matrix does not make: an async task with no caller waiting (the
 * supervisor thread notices), a lazy imap whose iterator goes on past the failure, and terminate with tasks running.
 */
@NoLeaks
@Timeout(120)
class WorkerDeathInOtherCallsTest
{
    private static final long WAIT_SECONDS = 60;
    private static final int POISONED = 3;

    private static final Task<Integer, Integer> KILLS_AT_POISONED = x ->
    {
        if (x == POISONED)
        {
            Crashes.killSelf();
        }
        return 10 * x;
    };

    @Test
    void shouldFailAnAsyncTaskWhoseWorkerDiesWithNobodyWaiting() throws Exception
    {
        try (Pool pool = new ProcessPool(PoolOptions.defaults().withWorkers(1).withKeepAlive(Duration.ZERO)))
        {
            final CompletableFuture<Integer> doomed = pool.applyAsync(KILLS_AT_POISONED, POISONED);

            // Future.get parks this thread without moving the pool: the supervisor must notice the death
            final ExecutionException error = assertThrows(ExecutionException.class,
                () -> doomed.get(WAIT_SECONDS, TimeUnit.SECONDS));
            final WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, error.getCause());
            assertEquals(Crashes.SIGKILL_CODE, died.exitCode());
            assertEquals("run", died.phase());
            assertEquals(20, pool.applyAsync(KILLS_AT_POISONED, 2).get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldGoOnPastAWorkersDeathInImap()
    {
        try (Pool pool = new ProcessPool(PoolOptions.defaults().withWorkers(2).withKeepAlive(Duration.ZERO)))
        {
            final Iterator<Integer> results = pool.imap(KILLS_AT_POISONED, IntStream.range(0, 8).boxed().toList());
            for (int x = 0; x < 8; x++)
            {
                if (x == POISONED)
                {
                    final WorkerDiedException died = assertThrows(WorkerDiedException.class, results::next);
                    assertEquals(POISONED, died.index());
                    assertEquals(Crashes.SIGKILL_CODE, died.exitCode());
                }
                else
                {
                    assertEquals(10 * x, results.next());
                }
            }
            assertTrue(!results.hasNext());
        }
    }

    @Test
    void shouldFailRunningTasksAndEndTheWorkersOnTerminate() throws Exception
    {
        final ProcessPool pool = new ProcessPool(PoolOptions.defaults().withWorkers(2).withKeepAlive(Duration.ZERO));
        final List<Long> pids = new ArrayList<>(pool.workerPids());
        final CompletableFuture<Long> pid = pool.applyAsync(x -> ProcessHandle.current().pid(), 0);
        assertTrue(pids.contains(pid.get(WAIT_SECONDS, TimeUnit.SECONDS)));
        final Task<Integer, Integer> hangs = x ->
        {
            Crashes.hang();
            return x;
        };
        final CompletableFuture<Integer> running = pool.applyAsync(hangs, 1);
        assertThrows(TimeoutException.class, () -> running.get(100, TimeUnit.MILLISECONDS));

        pool.terminate();

        final ExecutionException error = assertThrows(ExecutionException.class,
            () -> running.get(WAIT_SECONDS, TimeUnit.SECONDS));
        final TaskFailedException failed = assertInstanceOf(TaskFailedException.class, error.getCause());
        assertTrue(failed.getMessage().contains("terminated"), failed.getMessage());
        assertTrue(pool.isShutdown());
        assertTrue(pool.awaitTermination(Duration.ofSeconds(WAIT_SECONDS)));
        Pids.awaitGone(pids, Duration.ofSeconds(WAIT_SECONDS));
        assertThrows(IllegalStateException.class, () -> pool.apply((Integer x) -> x, 1), "no call after terminate");
    }
}
