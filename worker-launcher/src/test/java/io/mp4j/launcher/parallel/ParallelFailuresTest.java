package io.mp4j.launcher.parallel;

import io.mp4j.launcher.StopWarmWorkers;
import org.junit.jupiter.api.extension.ExtendWith;
import io.mp4j.ipc.codec.CodecException;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.Crashes;
import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.TaskTimeoutException;
import io.mp4j.launcher.WorkerDiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static io.mp4j.launcher.parallel.Parallel.delayed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures: {@code run} stops reading at the first failure and throws the lowest index's; an iterator throws each
 * failure where it is and goes on; a call that kills its worker JVM or runs past the timeout fails alone and the
 * pool goes on; a function that cannot be sent fails its call alone; an input that throws stops the call.
 */
@ExtendWith(StopWarmWorkers.class)
@NoLeaks
@Timeout(120)
class ParallelFailuresTest
{
    private static final List<Integer> FAILING = List.of(37, 60);

    private static Parallel parallel(final Backend backend)
    {
        return new Parallel(2).backend(backend).poolOptions(Calls.noKeepAlive());
    }

    private static List<Delayed<Integer>> failing(final int n)
    {
        return IntStream.range(0, n).mapToObj(x -> delayed(Calls::failOn, x, FAILING)).toList();
    }

    /**
     * Drains an iterator, recording each failure as "failed INDEX: CAUSE-TYPE".
     */
    private static List<Object> outcomes(final Iterator<?> results)
    {
        final List<Object> all = new ArrayList<>();
        while (results.hasNext())
        {
            try
            {
                all.add(results.next());
            }
            catch (final TaskFailedException ex)
            {
                all.add("failed " + ex.index() + ": " + ex.getClass().getSimpleName());
            }
        }
        return all;
    }

    @Test
    void shouldThrowTheLowestIndexFailureFromRunOnEveryBackend()
    {
        for (final Backend backend : Backend.values())
        {
            final TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> parallel(backend).run(failing(100)), backend.label());
            assertEquals(37, failure.index(), backend.label());
            assertInstanceOf(IllegalStateException.class, failure.getCause(), backend.label());
            assertEquals("no 37", failure.getCause().getMessage());
            Arrays.stream(failure.getSuppressed()).forEach(s -> assertEquals(60, ((TaskFailedException)s).index()));
        }
    }

    @Test
    void shouldStopReadingAnEndlessInputAtTheFirstFailure()
    {
        for (final Backend backend : Backend.values())
        {
            final AtomicLong pulled = new AtomicLong();
            final Iterable<Delayed<Integer>> endless = () -> IntStream.iterate(0, i -> i + 1)
                .peek(i -> pulled.incrementAndGet())
                .mapToObj(x -> delayed(Calls::failOn, x, FAILING))
                .iterator();

            final TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> parallel(backend).batchSize(1).preDispatch(2).run(endless), backend.label());

            assertEquals(37, failure.index(), backend.label());
            assertTrue(pulled.get() < 1000, backend.label() + ": read " + pulled.get());
        }
    }

    @Test
    void shouldThrowEachFailureWhereTheIteratorReachesItAndGoOn()
    {
        final List<Object> expected = new ArrayList<>(IntStream.range(0, 100).boxed().toList());
        expected.set(37, "failed 37: TaskFailedException");
        expected.set(60, "failed 60: TaskFailedException");
        for (final Backend backend : Backend.values())
        {
            try (ResultIterator<Integer> results = parallel(backend).iterate(failing(100)))
            {
                assertEquals(expected, outcomes(results), backend.label());
                assertThrows(NoSuchElementException.class, results::next);
            }
        }
    }

    @Test
    void shouldFailOnlyTheCallWhoseWorkerJvmDiedAndGoOn()
    {
        final Parallel parallel = parallel(Backend.PROCESSES);
        final List<Delayed<Integer>> calls = IntStream.range(0, 40).mapToObj(x -> delayed(Calls::haltOn, x, 3))
            .toList();
        final List<Object> expected = new ArrayList<>(IntStream.range(0, 40).boxed().toList());
        expected.set(3, "failed 3: WorkerDiedException");

        try (ResultIterator<Integer> results = parallel.iterate(calls))
        {
            assertEquals(expected, outcomes(results), "automatic batches: the dead worker's other calls rerun");
        }
        try (ResultIterator<Integer> results = parallel.batchSize(1).iterateUnordered(calls))
        {
            final List<Object> all = outcomes(results);
            assertEquals(expected.stream().map(String::valueOf).sorted().toList(),
                all.stream().map(String::valueOf).sorted().toList());
        }
        final WorkerDiedException died = assertThrows(WorkerDiedException.class, () -> parallel.run(calls));
        assertEquals(3, died.index());
        assertEquals(Crashes.HALT_CODE, died.exitCode());
        assertEquals("run", died.phase());
        assertEquals(Calls.CUBES, parallel.run(Calls.cubes(7)), "and the next call runs");
    }

    @Test
    void shouldKillATaskPastTheTimeoutOnProcesses()
    {
        final Parallel parallel = parallel(Backend.PROCESSES).timeout(Duration.ofMillis(500)).batchSize(1);
        final List<Delayed<Integer>> calls = IntStream.range(0, 10).mapToObj(x -> delayed(Calls::hangOn, x, 2))
            .toList();
        final List<Object> expected = new ArrayList<>(IntStream.range(0, 10).boxed().toList());
        expected.set(2, "failed 2: TaskTimeoutException");

        try (ResultIterator<Integer> results = parallel.iterate(calls))
        {
            assertEquals(expected, outcomes(results));
        }
        final TaskTimeoutException timedOut = assertThrows(TaskTimeoutException.class, () -> parallel.run(calls));
        assertEquals(2, timedOut.index());
        assertEquals(Duration.ofMillis(500), timedOut.timeout());
    }

    @Test
    void shouldFailATaskPastTheTimeoutOnThreadsAndInterruptIt()
    {
        final Parallel parallel = parallel(Backend.THREADS).timeout(Duration.ofMillis(300)).batchSize(1);
        final List<Delayed<Integer>> calls = IntStream.range(0, 10)
            .mapToObj(x -> delayed(Calls::parkUntilInterruptedOn, x, 2)).toList();

        final TaskTimeoutException timedOut = assertThrows(TaskTimeoutException.class, () -> parallel.run(calls));

        assertEquals(2, timedOut.index());
        assertTrue(timedOut.getMessage().contains("interrupted"), timedOut::getMessage);
    }

    @Test
    void shouldFailOnlyTheCallWhoseFunctionCannotBeSent()
    {
        final Object notSerializable = new Object();
        final List<Delayed<Object>> calls = new ArrayList<>();
        for (int x = 0; x < 6; x++)
        {
            calls.add(x == 4 ? delayed((Integer y) -> notSerializable.hashCode() * 0 + y, x) :
                delayed(Calls::cube, x));
        }

        try (ResultIterator<Object> results = parallel(Backend.PROCESSES).iterate(calls))
        {
            assertEquals(List.of(0, 1, 8, 27, "failed 4: TaskFailedException", 125), outcomes(results));
        }
        final TaskFailedException failure = assertThrows(TaskFailedException.class,
            () -> parallel(Backend.PROCESSES).run(calls));
        assertEquals(4, failure.index());
        assertNotNull(Crashes.findCause(failure, CodecException.class), failure::toString);
        assertEquals(List.of(0, 1, 8, 27, 4, 125), parallel(Backend.THREADS).run(calls),
            "threads send nothing");
    }

    @Test
    void shouldStopACallWhoseInputThrows()
    {
        final IllegalArgumentException broken = new IllegalArgumentException("the input broke");
        final Iterable<Delayed<Integer>> input = () -> IntStream.range(0, 1000)
            .mapToObj(x ->
            {
                if (x == 10)
                {
                    throw broken;
                }
                return delayed(Calls::cube, x);
            })
            .iterator();
        for (final Backend backend : Backend.values())
        {
            assertSame(broken, assertThrows(IllegalArgumentException.class, () -> parallel(backend).run(input)),
                backend.label());
        }
    }
}
