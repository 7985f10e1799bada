package io.mp4j.cluster.conformance;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.CodecException;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.RemoteException;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.memory.CachedTask;
import io.mp4j.launcher.memory.Memory;
import io.mp4j.launcher.parallel.Backend;
import io.mp4j.launcher.parallel.Parallel;
import io.mp4j.launcher.parallel.ParallelScope;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.Pools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.mp4j.launcher.parallel.Parallel.delayed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every pool backend must do alike, written once: each backend's test class extends this and supplies its
 * pools. Tasks run in other JVMs on every backend under test (worker JVMs, cluster members), so each result is
 * also checked to come from another process.
 */
@Timeout(120)
public abstract class PoolConformance
{
    private static final int TASKS = 60;
    private static final List<Integer> INPUTS = IntStream.range(0, TASKS).boxed().toList();
    private static final List<Integer> SQUARES = INPUTS.stream().map(x -> x * x).toList();
    private static final int LARGE = 100_000;
    private static final int ENDLESS_CONSUMED = 500;

    /**
     * @return the pool the tests share, open for the whole class.
     */
    protected abstract Pool pool();

    /**
     * @return a new pool of the backend under test, closed by the test that opens it.
     */
    protected abstract Pool newPool();

    /**
     * @return the backend under test's name for {@link Pools}; whatever else it needs to open pools is configured for
     * the whole class.
     */
    protected abstract String backendName();

    /**
     * The task's own work takes 0 to 5 ms at random, so tasks end out of input order.
     */
    static int slowSquare(final int x) throws InterruptedException
    {
        Thread.sleep(ThreadLocalRandom.current().nextInt(6));
        return x * x;
    }

    @Test
    void shouldReturnMapResultsInInputOrder()
    {
        assertEquals(SQUARES, pool().map(PoolConformance::slowSquare, INPUTS));
        assertEquals(SQUARES, pool().map(PoolConformance::slowSquare, INPUTS, 1));
        assertEquals(SQUARES, pool().map(PoolConformance::slowSquare, INPUTS, 7));
    }

    @Test
    void shouldRunTasksInAnotherProcess()
    {
        final long self = ProcessHandle.current().pid();
        final List<Long> pids = pool().map(x -> ProcessHandle.current().pid(), INPUTS, 1);
        assertTrue(pids.stream().noneMatch(pid -> pid == self), pids.toString());
    }

    @Test
    void shouldMapLargeInputInOrder()
    {
        final List<Integer> inputs = IntStream.range(0, LARGE).boxed().toList();
        final List<Long> results = pool().map(x -> 3L * x + 1, inputs);
        assertEquals(LARGE, results.size());
        assertEquals(LongStream.range(0, LARGE).map(x -> 3 * x + 1).boxed().toList(), results);
    }

    @Test
    void shouldMapEmptyInput() throws Exception
    {
        assertEquals(List.of(), pool().map(PoolConformance::slowSquare, List.<Integer>of()));
        assertEquals(List.of(), pool().mapAsync(PoolConformance::slowSquare, List.<Integer>of())
            .get(30, TimeUnit.SECONDS));
        assertFalse(pool().imap(PoolConformance::slowSquare, List.<Integer>of()).hasNext());
        assertFalse(pool().imapUnordered(PoolConformance::slowSquare, List.<Integer>of()).hasNext());
        assertEquals(List.of(), pool().starmap((BiTask<Integer, Integer, Integer>)Integer::sum,
            List.<Map.Entry<Integer, Integer>>of()));
    }

    @Test
    void shouldCarryNullsAndRecords()
    {
        final List<Integer> withNull = Arrays.asList(1, null, 3);
        assertEquals(Arrays.asList(false, true, false), pool().map(x -> x == null, withNull));
        assertEquals(Arrays.asList(null, null, null), pool().map(x -> null, withNull));
        final List<Point> points = List.of(new Point(1, 2), new Point(3, 4));
        assertEquals(List.of(new Point(2, 1), new Point(4, 3)), pool().map(p -> new Point(p.y(), p.x()), points));
    }

    @Test
    void shouldImapInInputOrderAndImapUnorderedEveryResult()
    {
        assertEquals(SQUARES, drain(pool().imap(PoolConformance::slowSquare, INPUTS)));
        assertEquals(SQUARES, drain(pool().imap(PoolConformance::slowSquare, INPUTS, 3)));
        final List<Integer> unordered = drain(pool().imapUnordered(PoolConformance::slowSquare, INPUTS));
        assertEquals(SQUARES, unordered.stream().sorted().toList());
        final List<Integer> unorderedChunked = drain(pool().imapUnordered(PoolConformance::slowSquare, INPUTS, 4));
        assertEquals(SQUARES, unorderedChunked.stream().sorted().toList());
    }

    @Test
    void shouldReadEndlessInputLazilyInImap()
    {
        final AtomicLong read = new AtomicLong();
        final Iterable<Long> endless = () -> Stream.iterate(0L, x -> x + 1).peek(x -> read.incrementAndGet())
            .iterator();
        final Iterator<Long> results = pool().imap(x -> x * 2, endless);
        for (long i = 0; i < ENDLESS_CONSUMED; i++)
        {
            assertEquals(2 * i, results.next());
        }
        final long window = Math.max(64, 4L * pool().size());
        assertTrue(read.get() <= ENDLESS_CONSUMED + window, "read " + read.get() + " inputs for " +
            ENDLESS_CONSUMED + " results");
    }

    @Test
    void shouldApplySubmitAndStarmap() throws Exception
    {
        assertEquals(49, (int)pool().apply(x -> x * x, 7));
        assertEquals("done", pool().submit(() -> "done").get(30, TimeUnit.SECONDS));
        final Task<Integer, Integer> cube = x -> x * x * x;
        final List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++)
        {
            futures.add(pool().applyAsync(cube, i));
        }
        for (int i = 0; i < 50; i++)
        {
            assertEquals(i * i * i, futures.get(i).get(30, TimeUnit.SECONDS));
        }
        final List<Map.Entry<Integer, Integer>> pairs = INPUTS.stream()
            .map(x -> (Map.Entry<Integer, Integer>)new AbstractMap.SimpleImmutableEntry<>(x, x + 1)).toList();
        assertEquals(INPUTS.stream().map(x -> x * (x + 1)).toList(),
            pool().starmap((BiTask<Integer, Integer, Integer>)(a, b) -> a * b, pairs));
    }

    @Test
    void shouldMapAsyncWithoutWaiting() throws Exception
    {
        final CompletableFuture<List<Integer>> first = pool().mapAsync(PoolConformance::slowSquare, INPUTS);
        final CompletableFuture<List<Integer>> second = pool().mapAsync(x -> -x, INPUTS);
        assertEquals(INPUTS.stream().map(x -> -x).toList(), second.get(60, TimeUnit.SECONDS));
        assertEquals(SQUARES, first.get(60, TimeUnit.SECONDS));
    }

    @Test
    void shouldFailTaskWithItsIndexAndCauseChainAndRunTheRest()
    {
        final TaskFailedException failure = assertThrows(TaskFailedException.class,
            () -> pool().map(PoolConformance::problemOnThrees, INPUTS, 2));
        assertEquals(3, failure.index());
        final Problem cause = assertInstanceOf(Problem.class, failure.getCause());
        assertEquals("bad 3", cause.getMessage());
        assertEquals("root of 3", assertInstanceOf(Problem.class, cause.getCause()).getMessage());
        assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(f -> f.getMethodName().equals("problemOnThrees")),
            "the stack trace the task had where it ran: " + Arrays.toString(cause.getStackTrace()));
        assertEquals(List.of(13L, 23L, 33L, 43L, 53L), Arrays.stream(failure.getSuppressed())
            .map(s -> ((TaskFailedException)s).index()).toList());
        assertEquals(4, (int)pool().apply(x -> x + 1, 3), "the pool is still usable");
    }

    @Test
    void shouldMirrorAnExceptionOutsideTheAllowListWithItsChain()
    {
        final TaskFailedException failure = assertThrows(TaskFailedException.class,
            () -> pool().apply(PoolConformance::failOnThrees, 23));
        final RemoteException mirror = assertInstanceOf(RemoteException.class, failure.getCause());
        assertEquals(IllegalStateException.class.getName(), mirror.remoteClassName());
        assertTrue(mirror.getMessage().endsWith("bad 23"), mirror.getMessage());
        final RemoteException root = assertInstanceOf(RemoteException.class, mirror.getCause());
        assertEquals(IOException.class.getName(), root.remoteClassName());
        assertTrue(root.getMessage().endsWith("root of 23"), root.getMessage());
    }

    @Test
    void shouldThrowEachFailureFromImapAndGoOn()
    {
        final Iterator<Integer> results = pool().imap(PoolConformance::failOnThrees, INPUTS, 4);
        final List<Long> failed = new ArrayList<>();
        final List<Integer> succeeded = new ArrayList<>();
        for (int i = 0; i < TASKS; i++)
        {
            try
            {
                succeeded.add(results.next());
            }
            catch (final TaskFailedException ex)
            {
                failed.add(ex.index());
            }
        }
        assertFalse(results.hasNext());
        assertEquals(List.of(3L, 13L, 23L, 33L, 43L, 53L), failed);
        assertEquals(INPUTS.stream().filter(x -> x % 10 != 3).toList(), succeeded);
    }

    @Test
    void shouldFailApplyAsyncWithTheTaskFailure()
    {
        final CompletableFuture<Integer> future = pool().applyAsync(PoolConformance::failOnThrees, 13);
        final Throwable thrown = assertThrows(Exception.class, () -> future.get(30, TimeUnit.SECONDS)).getCause();
        assertEquals(0, assertInstanceOf(TaskFailedException.class, thrown).index());
        assertTrue(thrown.getCause().getMessage().endsWith("bad 13"), thrown.getCause().getMessage());
    }

    @Test
    void shouldSendAnExceptionThatCannotBeSerializedAsText()
    {
        final TaskFailedException failure = assertThrows(TaskFailedException.class,
            () -> pool().apply(x -> { throw new Unsendable("held " + x); }, 5));
        final RemoteException mirror = assertInstanceOf(RemoteException.class, failure.getCause());
        assertEquals(Unsendable.class.getName(), mirror.remoteClassName());
        assertTrue(mirror.getMessage().contains("held 5"), mirror.getMessage());
    }

    @Test
    void shouldRefuseInTheCallerATaskThatCannotBeSent()
    {
        final Object notSerializable = new Object();
        final Task<Integer, Integer> task = x -> notSerializable.hashCode() + x;
        final CodecException thrown = assertThrows(CodecException.class, () -> pool().map(task, INPUTS));
        assertTrue(thrown.getMessage().contains(task.getClass().getName()), thrown.getMessage());
    }

    @Test
    void shouldRefuseCallsOnceShutDownAndFinishThoseMade() throws Exception
    {
        final Pool pool = newPool();
        try
        {
            final CompletableFuture<List<Integer>> running = pool.mapAsync(PoolConformance::slowSquare, INPUTS);
            pool.shutdown();
            assertTrue(pool.isShutdown());
            assertThrows(IllegalStateException.class, () -> pool.apply(x -> x, 1));
            assertTrue(pool.awaitTermination(Duration.ofSeconds(60)));
            assertEquals(SQUARES, running.get(0, TimeUnit.SECONDS));
        }
        finally
        {
            pool.close();
        }
    }

    @Test
    void shouldFailRunningTasksAtTerminateAndFreeTheWorkers(@TempDir final Path dir) throws Exception
    {
        try (SharedLong started = Space.at(dir).sharedLong("started"))
        {
            final Pool pool = newPool();
            final CompletableFuture<List<Integer>> stuck;
            try
            {
                stuck = pool.mapAsync(x ->
                {
                    started.incrementAndGet();
                    return blockUntilInterrupted(x);
                }, INPUTS.subList(0, pool.size()));
                Await.until("a task to start", Duration.ofSeconds(60), () -> started.get() > 0);
            }
            finally
            {
                pool.terminate();
            }
            final Throwable failure = assertThrows(Exception.class, () -> stuck.get(30, TimeUnit.SECONDS))
                .getCause();
            assertInstanceOf(TaskFailedException.class, failure);
            assertTrue(pool.isShutdown());
            assertEquals(SQUARES, pool().mapAsync(PoolConformance::slowSquare, INPUTS).get(60, TimeUnit.SECONDS),
                "the workers are free for the other pools");
        }
    }

    @Test
    void shouldKeepCallsFromSeveralThreadsApart() throws Exception
    {
        final List<CompletableFuture<List<Integer>>> calls = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            final int offset = t * 1000;
            calls.add(CompletableFuture.supplyAsync(() -> pool().map(x -> x + offset, INPUTS, 3)));
        }
        for (int t = 0; t < 4; t++)
        {
            final int offset = t * 1000;
            assertEquals(INPUTS.stream().map(x -> x + offset).toList(), calls.get(t).get(60, TimeUnit.SECONDS));
        }
        assertNotEquals(0, pool().size());
    }

    @Test
    void shouldRunParallelCallsOnTheConfiguredBackendAsLocally()
    {
        onTheBackendUnderTest(() ->
        {
            final Parallel parallel = new Parallel(2).backend(Backend.CONFIGURED)
                .poolOptions(PoolOptions.defaults().withKeepAlive(Duration.ZERO));
            assertEquals(SQUARES, parallel.run(INPUTS.stream().map(x -> delayed(PoolConformance::slowSquare, x))));
            try (ParallelScope scope = parallel.batchSize(1).open())
            {
                assertEquals(Backend.CONFIGURED, scope.backend());
                assertEquals(2, scope.workers());
                assertEquals(SQUARES, scope.run(INPUTS.stream().map(x -> delayed(PoolConformance::slowSquare, x))));
                final List<Long> pids = scope.run(INPUTS.stream().map(x -> delayed(PoolConformance::pid, x)));
                assertFalse(pids.contains(ProcessHandle.current().pid()), pids.toString());

                final TaskFailedException failure = assertThrows(TaskFailedException.class,
                    () -> scope.run(INPUTS.stream().map(x -> delayed(PoolConformance::problemOnThrees, x))));
                assertEquals(3, failure.index());
                final Problem cause = assertInstanceOf(Problem.class, failure.getCause());
                assertEquals("bad 3", cause.getMessage());
                assertEquals("root of 3", assertInstanceOf(Problem.class, cause.getCause()).getMessage());
                assertEquals(List.of(5, 6), scope.run(List.of(delayed(x -> x + 1, 4), delayed(x -> x + 1, 5))),
                    "the scope is still usable");
            }
        });
    }

    @Test
    void shouldCacheResultsInTheMemoryDirectoryWhereTheTasksRun(@TempDir final Path dir) throws Exception
    {
        final Path space = Files.createDirectories(dir.resolve("space"));
        final CachedTask<Counted, Long> cached = new Memory(dir.resolve("cache")).cache(PoolConformance::countedCube)
            .ignoreComponents("space");
        final List<Counted> calls = INPUTS.stream().map(x -> new Counted(space.toString(), x)).toList();
        final List<Long> cubes = INPUTS.stream().map(x -> (long)x * x * x).toList();
        try (SharedLong computed = Space.at(space).sharedLong("computed"))
        {
            assertEquals(cubes, pool().map(cached, calls, 1));
            assertEquals(TASKS, computed.get(), "each argument computed once, where its task ran");
            assertEquals(Stream.generate(() -> true).limit(TASKS).toList(),
                pool().map(call -> cached.isCached(call), calls, 1));
            assertEquals(cubes, pool().map(cached, calls, 1));
            assertEquals(TASKS, computed.get(), "the second map computes nothing");
            assertTrue(calls.stream().allMatch(cached::isCached), "one directory for this host");
        }
    }

    /**
     * A call whose computations are counted in the shared long {@code computed} of the space at {@code space}, which
     * the cache key leaves out.
     *
     * @param space where the count is.
     * @param x     the argument that matters.
     */
    record Counted(String space, int x)
    {
    }

    static long countedCube(final Counted call)
    {
        try (SharedLong computed = Space.at(Path.of(call.space())).sharedLong("computed"))
        {
            computed.incrementAndGet();
        }
        return (long)call.x() * call.x() * call.x();
    }

    static long pid(final int x)
    {
        return ProcessHandle.current().pid();
    }

    /**
     * Runs the calls with {@value Pools#BACKEND_PROPERTY} naming the backend under test.
     */
    private void onTheBackendUnderTest(final Runnable calls)
    {
        final String before = System.getProperty(Pools.BACKEND_PROPERTY);
        System.setProperty(Pools.BACKEND_PROPERTY, backendName());
        try
        {
            calls.run();
        }
        finally
        {
            if (before == null)
            {
                System.clearProperty(Pools.BACKEND_PROPERTY);
            }
            else
            {
                System.setProperty(Pools.BACKEND_PROPERTY, before);
            }
        }
    }

    static int failOnThrees(final int x) throws IOException
    {
        if (x % 10 == 3)
        {
            throw new IllegalStateException("bad " + x, new IOException("root of " + x));
        }
        return x;
    }

    /**
     * Blocks until its thread is interrupted (a cancelled task) or its process dies, for at most a minute.
     */
    static int blockUntilInterrupted(final int x)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!Thread.currentThread().isInterrupted() && deadlineNs - System.nanoTime() > 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return x;
    }

    static int problemOnThrees(final int x) throws Problem
    {
        if (x % 10 == 3)
        {
            throw new Problem("bad " + x, new Problem("root of " + x, null));
        }
        return x;
    }

    private static <T> List<T> drain(final Iterator<T> iterator)
    {
        final List<T> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }

    /**
     * A record argument and result.
     *
     * @param x one coordinate.
     * @param y the other.
     */
    public record Point(int x, int y)
    {
    }

    /**
     * An application's exception: it comes back as itself.
     */
    static final class Problem extends Exception
    {
        @Serial
        private static final long serialVersionUID = 1L;

        Problem(final String message, final Problem cause)
        {
            super(message, cause);
        }
    }

    /**
     * An exception that cannot be serialized: it holds an object that is not.
     */
    static final class Unsendable extends RuntimeException
    {
        @Serial
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial")
        private final Object held = new Object();

        Unsendable(final String message)
        {
            super(message);
        }

        Object held()
        {
            return held;
        }
    }
}
