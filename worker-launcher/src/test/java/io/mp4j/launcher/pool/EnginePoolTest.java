package io.mp4j.launcher.pool;

import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seam for engines other than worker JVMs: an {@link EnginePool} over an engine that runs each batch on a
 * thread of its own, reporting outcomes from those threads (as a cluster engine reports them from its network
 * threads). The pool's rules (order, failures, lifecycle) hold whatever the engine; the conformance suite in module
 * cluster-ignite runs the same calls on real backends.
 */
@NoLeaks
@Timeout(60)
class EnginePoolTest
{
    @Test
    void shouldKeepInputOrderAndReportEachTaskOnce() throws Exception
    {
        final ThreadEngine engine = new ThreadEngine();
        try (Pool pool = new EnginePool(2, engine, "ThreadEngine"))
        {
            final List<Integer> inputs = IntStream.range(0, 500).boxed().toList();
            assertEquals(inputs.stream().map(x -> x * 2).toList(), pool.map(x -> x * 2, inputs, 7));
            assertEquals(List.of(1, 4, 9), pool.mapAsync((Task<Integer, Integer>)x -> x * x, List.of(1, 2, 3))
                .get(10, TimeUnit.SECONDS));
        }
        assertTrue(engine.closed.await(10, TimeUnit.SECONDS), "the engine is closed with its pool");
        // a result reaches its caller before the engine's thread counts the report: count once the threads ended
        assertTrue(engine.threads.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(503, engine.reportsAccepted.get());
        assertEquals(0, engine.reportsIgnored.get());
    }

    @Test
    void shouldFailUnfinishedTasksAtTerminateAndIgnoreTheirLateOutcomes() throws Exception
    {
        final ThreadEngine engine = new ThreadEngine();
        final Pool pool = new EnginePool(2, engine, "ThreadEngine");
        final CountDownLatch release = new CountDownLatch(1);
        final CompletableFuture<List<Integer>> stuck = pool.mapAsync(x ->
        {
            release.await();
            return x;
        }, List.of(1, 2, 3));
        pool.terminate();
        final Throwable failure = assertThrows(Exception.class, () -> stuck.get(10, TimeUnit.SECONDS)).getCause();
        assertTrue(assertInstanceOf(TaskFailedException.class, failure).getMessage().contains("terminated"),
            failure.getMessage());
        assertTrue(pool.isShutdown());
        assertTrue(engine.closed.await(10, TimeUnit.SECONDS));
        release.countDown();
        engine.threads.shutdown();
        assertTrue(engine.threads.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(3, engine.reportsIgnored.get(), "outcomes after terminate are ignored");
    }

    @Test
    void shouldRefuseCallsAfterShutdownAndAwaitThoseMade()
    {
        final Pool pool = new EnginePool(1, new ThreadEngine(), "ThreadEngine");
        pool.shutdown();
        assertThrows(IllegalStateException.class, () -> pool.apply(x -> x, 1));
        assertTrue(pool.awaitTermination(Duration.ofSeconds(10)));
        assertFalse(pool.toString().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new EnginePool(0, new ThreadEngine(), "none"));
    }

    /**
     * Runs each batch on a thread of its own and reports from there.
     */
    private static final class ThreadEngine implements PoolEngine
    {
        final ExecutorService threads = Executors.newCachedThreadPool(r ->
        {
            final Thread thread = new Thread(r, "thread-engine");
            thread.setDaemon(true);
            return thread;
        });
        final AtomicInteger reportsAccepted = new AtomicInteger();
        final AtomicInteger reportsIgnored = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public Object prepare(final Object function)
        {
            return function;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void execute(final TaskBatch batch)
        {
            threads.execute(() ->
            {
                for (int task = 0; task < batch.size(); task++)
                {
                    boolean accepted;
                    try
                    {
                        accepted = batch.succeeded(task, ((Task<Object, Object>)batch.prepared())
                            .call(batch.first(task)));
                    }
                    catch (final Exception ex)
                    {
                        accepted = batch.failed(task, new TaskFailedException("task " + batch.index(task) +
                            " failed", batch.index(task), "thread-engine", ex));
                    }
                    (accepted ? reportsAccepted : reportsIgnored).incrementAndGet();
                }
            });
        }

        @Override
        public void close()
        {
            threads.shutdown();
            closed.countDown();
        }
    }
}
