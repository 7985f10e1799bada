package io.mp4j.launcher.parallel;

import io.mp4j.launcher.StopWarmWorkers;
import org.junit.jupiter.api.extension.ExtendWith;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.ProcessPool;
import io.mp4j.launcher.process.WorkerJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.mp4j.launcher.parallel.Parallel.delayed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three result forms (list, ordered iterator, unordered iterator) on worker JVMs and threads: input order
 * whatever the tasks' durations, every result unordered, an endless input read only the pre-dispatch window ahead,
 * calls to several functions in one input, and the scoped form keeping one pool.
 */
@ExtendWith(StopWarmWorkers.class)
@NoLeaks
@Timeout(120)
class ParallelResultsTest
{
    private static final int TASKS = 300;
    private static final List<Integer> SQUARES = IntStream.range(0, TASKS).map(x -> x * x).boxed().toList();

    private static Parallel processes()
    {
        return new Parallel(2).poolOptions(Calls.noKeepAlive());
    }

    private static List<Delayed<Integer>> spinSquares()
    {
        return IntStream.range(0, TASKS).mapToObj(x -> delayed(Calls::spinSquare, x, 2_000)).toList();
    }

    private static <R> List<R> drain(final Iterator<R> results)
    {
        final List<R> all = new ArrayList<>();
        results.forEachRemaining(all::add);
        return all;
    }

    @Test
    void shouldKeepInputOrderWhateverTheTaskDurations()
    {
        for (final Backend backend : new Backend[] {Backend.PROCESSES, Backend.THREADS})
        {
            final Parallel parallel = processes().backend(backend);
            assertEquals(SQUARES, parallel.run(spinSquares()), backend.label());
            assertEquals(SQUARES, parallel.batchSize(1).run(spinSquares()), backend.label());
            try (ResultIterator<Integer> results = parallel.iterate(spinSquares()))
            {
                assertEquals(SQUARES, drain(results), backend.label());
            }
            try (ResultIterator<Integer> results = parallel.batchSize(3).iterate(spinSquares()))
            {
                assertEquals(SQUARES, drain(results), backend.label());
            }
        }
    }

    @Test
    void shouldGiveEveryResultUnordered()
    {
        for (final Backend backend : new Backend[] {Backend.PROCESSES, Backend.THREADS, Backend.SEQUENTIAL})
        {
            try (ResultIterator<Integer> results = processes().backend(backend).batchSize(1)
                .iterateUnordered(spinSquares()))
            {
                final List<Integer> all = drain(results);
                assertEquals(SQUARES, all.stream().sorted().toList(), backend.label());
            }
        }
    }

    @Test
    void shouldReadAnEndlessInputAtMostThePreDispatchedBatchesAhead()
    {
        // fixed batches: 3 batches of 4 calls
        assertReadAhead(processes().batchSize(4).preDispatch(3), true, 12);
        assertReadAhead(processes().batchSize(4).preDispatch(3), false, 12);
        // automatic batches: 2 x nJobs batches of at most Pool.MAX_AUTO_CHUNK calls
        assertReadAhead(processes(), true, 2 * 2 * Pool.MAX_AUTO_CHUNK);
        assertReadAhead(processes().backend(Backend.THREADS), false, 2 * 2 * Pool.MAX_AUTO_CHUNK);
        assertReadAhead(processes().backend(Backend.SEQUENTIAL), true, 1);
    }

    private static void assertReadAhead(final Parallel parallel, final boolean ordered, final long maxAhead)
    {
        final AtomicLong pulled = new AtomicLong();
        final Iterable<Delayed<Integer>> endless = () -> IntStream.iterate(0, i -> i + 1)
            .peek(i -> pulled.incrementAndGet())
            .mapToObj(x -> delayed(Calls::square, x % 1000))
            .iterator();
        final int consumed = 20_000;
        long ahead = 0;
        long sum = 0;
        final ResultIterator<Integer> results = ordered ? parallel.iterate(endless) :
            parallel.iterateUnordered(endless);
        try
        {
            for (int n = 1; n <= consumed; n++)
            {
                final int result = results.next();
                if (ordered)
                {
                    assertEquals(((n - 1) % 1000) * ((n - 1) % 1000), result);
                }
                sum += result;
                ahead = Math.max(ahead, pulled.get() - n);
            }
        }
        finally
        {
            results.close();
        }
        final long maxSeen = ahead;
        assertTrue(maxSeen <= maxAhead, () -> "read " + maxSeen + " calls ahead of the consumer; at most " +
            maxAhead);
        assertTrue(sum > 0);
        final long pulledAtClose = pulled.get();
        assertFalse(results.hasNext());
        assertEquals(pulledAtClose, pulled.get(), "nothing read after close");
    }

    @Test
    void shouldRunCallsOfSeveralFunctionsInOneInput()
    {
        final List<Delayed<Object>> calls = new ArrayList<>();
        final List<Object> expected = new ArrayList<>();
        for (int x = 0; x < 60; x++)
        {
            switch (x % 5)
            {
                case 0, 1 ->
                {
                    calls.add(delayed(Calls::cube, x));
                    expected.add(Calls.cube(x));
                }
                case 2 ->
                {
                    calls.add(delayed(Calls::square, x));
                    expected.add(Calls.square(x));
                }
                case 3 ->
                {
                    calls.add(delayed(Calls::add, x, 1000));
                    expected.add(x + 1000);
                }
                default ->
                {
                    final int captured = x;
                    calls.add(delayed(() -> "job " + captured));
                    expected.add("job " + x);
                }
            }
        }
        for (final Backend backend : Backend.values())
        {
            final Parallel parallel = processes().backend(backend);
            assertEquals(expected, parallel.run(calls), backend.label());
            assertEquals(expected, parallel.batchSize(2).run(calls), backend.label());
            try (ResultIterator<Object> results = parallel.iterate(calls))
            {
                assertEquals(expected, drain(results), backend.label());
            }
        }
    }

    @Test
    void shouldKeepOnePoolForEveryCallOfAScope()
    {
        final ParallelScope scope = processes().open();
        try
        {
            assertEquals(Backend.PROCESSES, scope.backend());
            assertEquals(2, scope.workers());
            final Pool pool = scope.pool();
            final List<Long> pids = ((ProcessPool)pool).workerPids();

            assertEquals(Calls.CUBES, scope.run(Calls.cubes(7)));
            assertEquals(SQUARES, scope.run(spinSquares()));
            try (ResultIterator<Integer> results = scope.iterateUnordered(Calls.cubes(7)))
            {
                assertEquals(new HashSet<>(Calls.CUBES), new HashSet<>(drain(results)));
            }

            assertSame(pool, scope.pool());
            assertFalse(pool.isShutdown(), "an iterator of a scope leaves its pool open");
            assertEquals(pids, ((ProcessPool)pool).workerPids());
            scope.close();
            assertTrue(pool.isShutdown());
            assertThrows(IllegalStateException.class, () -> scope.run(Calls.cubes(1)));
        }
        finally
        {
            scope.close();
        }
        try (ParallelScope sequential = processes().backend(Backend.SEQUENTIAL).open())
        {
            assertNull(sequential.pool());
            assertEquals(Calls.CUBES, sequential.run(Calls.cubes(7)));
        }
    }

    @Test
    void shouldCloseAnIteratorDroppedUnclosedOnceItIsUnreachable()
    {
        final String name = "dropped-" + ProcessHandle.current().pid();
        assertEquals(1, startAndDrop(name), "its first result");

        // its pool is closed too: the leak check fails the test if its worker JVMs still run
        Await.until("the dropped iterator's counters to be freed", Duration.ofSeconds(30), () ->
        {
            System.gc();
            try (Counters counters = WorkerJvm.space().counters())
            {
                return counters.snapshot().stream().noneMatch(c -> c.label().startsWith(name + "-"));
            }
        });
    }

    private static int startAndDrop(final String name)
    {
        final ResultIterator<Integer> results = processes().name(name).iterate(() -> IntStream.iterate(1, i -> i + 1)
            .mapToObj(x -> delayed(Calls::square, x)).iterator());
        return results.next();
    }

    @Test
    void shouldTakeStreamsAndGeneratorsOfCallsAndGiveAStreamOfResults()
    {
        final Parallel parallel = processes().backend(Backend.THREADS);
        assertEquals(Calls.CUBES, parallel.run(Calls.ZERO_TO_SIX.stream().map(x -> delayed(Calls::cube, x))));
        assertEquals(Calls.CUBES, parallel.run(() -> IntStream.range(0, 7).mapToObj(x -> delayed(Calls::cube, x))
            .iterator()), "a generator written in place");
        try (Stream<Integer> results = parallel.iterate(LongStream.iterate(0, i -> i + 1)
            .mapToObj(x -> delayed(Calls::square, (int)x))).stream())
        {
            assertEquals(List.of(0, 1, 4, 9, 16), results.limit(5).toList());
        }
        final ResultIterator<Integer> closed = parallel.iterate(Calls.cubes(100));
        assertEquals(0, closed.next());
        closed.close();
        assertFalse(closed.hasNext(), "a closed iterator has nothing more");
    }
}
