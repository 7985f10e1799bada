package io.mp4j.launcher.parallel;

import io.mp4j.launcher.StopWarmWorkers;
import org.junit.jupiter.api.extension.ExtendWith;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.TaskFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.mp4j.launcher.parallel.Parallel.delayed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The progress callback: once per task as it ends (not when an ordered iterator reaches it), counts that never go
 * back, calls that never overlap, failures counted, the total once known, the sequential backend included.
 */
@ExtendWith(StopWarmWorkers.class)
@NoLeaks
@Timeout(120)
class ParallelProgressTest
{
    /** One call of the listener. */
    private record Event(long done, long failed, long total, long elapsedNs, String thread)
    {
    }

    /**
     * Records every call; fails if two overlap.
     */
    private static final class Recorder implements ProgressListener
    {
        final List<Event> events = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inside = new AtomicInteger();
        volatile boolean overlapped;

        @Override
        public void progress(final long done, final long failed, final long total, final long elapsedNs)
        {
            if (inside.getAndIncrement() != 0)
            {
                overlapped = true;
            }
            events.add(new Event(done, failed, total, elapsedNs, Thread.currentThread().getName()));
            inside.decrementAndGet();
        }

        void assertCountsOneByOne(final long n, final long total)
        {
            assertTrue(!overlapped, "listener calls overlapped");
            long previous = 0;
            long previousElapsed = -1;
            final List<Event> copy = List.copyOf(events);
            for (final Event e : copy)
            {
                assertTrue(e.done() == previous + 1 || e.done() == previous && e.total() >= 0, e + " after " +
                    previous);
                assertTrue(e.elapsedNs() >= previousElapsed, e::toString);
                previous = e.done();
                previousElapsed = e.elapsedNs();
            }
            final Event last = copy.get(copy.size() - 1);
            assertEquals(n, last.done());
            assertEquals(total, last.total());
        }
    }

    private static Parallel parallel(final Backend backend)
    {
        return new Parallel(2).backend(backend).poolOptions(Calls.noKeepAlive());
    }

    @Test
    void shouldReportEachTaskOnceAsItEndsOnEveryBackend()
    {
        for (final Backend backend : Backend.values())
        {
            final Recorder recorder = new Recorder();
            final List<Integer> results = parallel(backend).progress(recorder).run(Calls.cubes(500));

            assertEquals(500, results.size());
            recorder.assertCountsOneByOne(500, 500);
            assertEquals(500, recorder.events.size(), backend.label());
            assertTrue(recorder.events.stream().allMatch(e -> e.failed() == 0 && e.total() == 500));
        }
    }

    @Test
    void shouldCallTheListenerFromTheThreadThatReportsOutcomes()
    {
        final String caller = Thread.currentThread().getName();
        final Recorder sequential = new Recorder();
        parallel(Backend.SEQUENTIAL).progress(sequential).run(Calls.cubes(20));
        assertTrue(sequential.events.stream().allMatch(e -> e.thread().equals(caller)), "the calling thread");

        final Recorder threads = new Recorder();
        parallel(Backend.THREADS).progress(threads).batchSize(1).run(Calls.cubes(200));
        assertTrue(threads.events.stream().allMatch(e -> e.thread().startsWith("mp4j-thread-pool-")),
            "the pool's threads");

        final Recorder processes = new Recorder();
        parallel(Backend.PROCESSES).progress(processes).run(Calls.cubes(200));
        assertTrue(processes.events.stream().allMatch(e -> e.thread().equals(caller) ||
            e.thread().startsWith("mp4j-pool-")), "the thread moving the pipes");
    }

    @Test
    void shouldCountATaskWhenItEndsNotWhenAnOrderedIteratorReachesIt(final Space space)
    {
        for (final Backend backend : new Backend[] {Backend.PROCESSES, Backend.THREADS})
        {
            try (SharedLong ended = space.sharedLong("ended-" + backend.label()))
            {
                // call 0 waits until the listener has heard of 2 other calls' ends, while the consumer waits for
                // call 0: counting at consumption would never get there
                final BiTask<Long, Integer, Integer> echo = (atLeast, x) -> Calls.awaitThenEcho(ended, atLeast, x);
                final List<Delayed<Integer>> calls = IntStream.range(0, 6)
                    .mapToObj(x -> delayed(echo, x == 0 ? 2L : 0L, x)).toList();
                final Parallel parallel = parallel(backend).batchSize(1).preDispatch(4)
                    .progress((done, failed, total, elapsedNs) -> ended.set(done));

                try (ResultIterator<Integer> results = parallel.iterate(calls))
                {
                    assertEquals(0, results.next());
                    assertTrue(ended.get() >= 2);
                    results.forEachRemaining(x -> { });
                }
                assertEquals(6, ended.get());
                ended.unlink();
            }
        }
    }

    @Test
    void shouldCountFailuresAndTellTheTotalOnceTheInputHasEnded()
    {
        final Recorder recorder = new Recorder();
        final Iterable<Delayed<Integer>> generator = () -> IntStream.range(0, 300)
            .mapToObj(x -> delayed(Calls::failOn, x, List.of(5, 250))).iterator();

        try (ResultIterator<Integer> results = parallel(Backend.THREADS).progress(recorder).iterate(generator))
        {
            int failures = 0;
            while (results.hasNext())
            {
                try
                {
                    results.next();
                }
                catch (final TaskFailedException ex)
                {
                    failures++;
                }
            }
            assertEquals(2, failures);
        }

        recorder.assertCountsOneByOne(300, 300);
        final Event last = recorder.events.get(recorder.events.size() - 1);
        assertEquals(2, last.failed());
        assertEquals(-1, recorder.events.get(0).total(), "unknown while the generator runs");
        // a completion racing with the end of the input may carry the total itself; the extra call still comes
        assertTrue(recorder.events.stream().filter(e -> e.total() == 300).map(Event::done)
            .anyMatch(done -> recorder.events.stream().filter(e -> e.done() == done).count() == 2),
            "an extra call, with the same count, when the total becomes known");
    }

    @Test
    void shouldReportInSequentialModeToo()
    {
        final Recorder recorder = new Recorder();
        final List<Integer> results = new Parallel(1).progress(recorder).run(Calls.cubes(7));

        assertEquals(Calls.CUBES, results);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), recorder.events.stream().map(Event::done).toList());
    }

    @Test
    void shouldThrowWhatTheListenerThrewOnceTheCallEndedAndNotCallItAgain()
    {
        for (final Backend backend : Backend.values())
        {
            final IllegalStateException oops = new IllegalStateException("listener bug");
            final AtomicInteger calls = new AtomicInteger();
            final Parallel parallel = parallel(backend).progress((done, failed, total, elapsedNs) ->
            {
                calls.incrementAndGet();
                throw oops;
            });

            assertSame(oops, assertThrows(IllegalStateException.class, () -> parallel.run(Calls.cubes(50))),
                backend.label());
            assertEquals(1, calls.get(), backend.label());
        }
    }
}
