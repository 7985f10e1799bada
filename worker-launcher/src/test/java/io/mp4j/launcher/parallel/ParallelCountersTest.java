package io.mp4j.launcher.parallel;

import io.mp4j.launcher.StopWarmWorkers;
import org.junit.jupiter.api.extension.ExtendWith;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.counters.CounterSnapshot;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.process.WorkerJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.mp4j.launcher.parallel.Parallel.delayed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Parallel call's shared counters, watched live from another JVM: the watcher attaches to this JVM's launcher
 * space, finds the call's counters by their labels, and steps the call through a gate in shared memory (call k
 * waits until the gate reaches k + 1), reading {@code done} grow one by one to the total; then lets the call end
 * and sees the counters freed.
 */
@ExtendWith(StopWarmWorkers.class)
@NoLeaks
@Timeout(120)
class ParallelCountersTest
{
    private static final int CALLS = 5;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldShowTheCallsProgressToAnotherJvmAndFreeTheCountersAfter(final Space space)
    {
        final String name = "watched-" + ProcessHandle.current().pid();
        try (SharedLong gate = space.sharedLong("gate");
             ChildJvm watcher = ChildJvm.of(Watcher.class).arguments(WorkerJvm.space().name(),
                 space.directory().toString(), name, Integer.toString(CALLS)).timeout(Duration.ofSeconds(100))
                 .start())
        {
            final BiTask<Long, Integer, Integer> step = (atLeast, x) -> Calls.awaitThenEcho(gate, atLeast, x);
            final List<Delayed<Integer>> calls = IntStream.range(0, CALLS)
                .mapToObj(x -> delayed(step, x + 1L, x)).toList();

            // the call ends (and frees its counters) once the watcher has read the last step and opened the gate
            // once more: the listener hears of the last end before the call can see it
            final List<Integer> results = new Parallel(2).name(name).batchSize(1)
                .poolOptions(Calls.noKeepAlive())
                .progress((done, failed, total, elapsedNs) ->
                {
                    if (done == CALLS)
                    {
                        Calls.awaitThenEcho(gate, CALLS + 1L, 0);
                    }
                })
                .run(calls);

            assertEquals(List.of(0, 1, 2, 3, 4), results);
            watcher.awaitSuccess(WAIT);
            assertEquals(List.of("0", "1", "2", "3", "4", "5"), watcher.values("done"), watcher::describe);
            assertEquals(List.of("total=5 dispatched=5 failed=0"), watcher.values("end"), watcher::describe);
            assertTrue(watcher.hasReached("freed"), watcher::describe);
            gate.unlink();
        }
        try (Counters counters = WorkerJvm.space().counters())
        {
            assertTrue(counters.snapshot().stream().noneMatch(c -> c.label().startsWith(name + "-")));
        }
    }

    /**
     * The watcher: args are the launcher space's name, the test space's directory, the call's name and the number
     * of calls. Reports {@code done} before opening the gate and after each step, then the end state, then opens
     * the gate once more to let the call end.
     */
    public static final class Watcher
    {
        private Watcher()
        {
        }

        /**
         * @param args launcher space, test space directory, call name, number of calls.
         */
        public static void main(final String[] args)
        {
            final String prefix = args[2] + "-";
            final int calls = Integer.parseInt(args[3]);
            try (Counters counters = Space.open(args[0]).counters();
                 SharedLong gate = Space.at(Path.of(args[1])).sharedLong("gate"))
            {
                Await.until("the call's counters", WAIT, () -> find(counters, prefix, ParallelCounters.TOTAL)
                    .isPresent());
                Await.until("the call's total", WAIT, () -> value(counters, prefix, ParallelCounters.TOTAL) == calls);
                ChildPoints.report("done", value(counters, prefix, ParallelCounters.DONE));
                for (int k = 1; k <= calls; k++)
                {
                    gate.set(k);
                    final long expected = k;
                    Await.until("done = " + k, WAIT, () -> value(counters, prefix, ParallelCounters.DONE) ==
                        expected);
                    ChildPoints.report("done", value(counters, prefix, ParallelCounters.DONE));
                }
                ChildPoints.report("end", "total=" + value(counters, prefix, ParallelCounters.TOTAL) +
                    " dispatched=" + value(counters, prefix, ParallelCounters.DISPATCHED) +
                    " failed=" + value(counters, prefix, ParallelCounters.FAILED));
                gate.set(calls + 1L);
                Await.until("the counters freed", WAIT, () -> counters.snapshot().stream()
                    .noneMatch(c -> c.label().startsWith(prefix)));
                ChildPoints.reached("freed");
            }
        }

        private static Optional<CounterSnapshot> find(final Counters counters, final String prefix,
            final String field)
        {
            return counters.snapshot().stream()
                .filter(c -> c.label().startsWith(prefix) && c.label().endsWith(" " + field)
                    && c.typeId() == ParallelCounters.TYPE_ID)
                .findFirst();
        }

        private static long value(final Counters counters, final String prefix, final String field)
        {
            return find(counters, prefix, field).map(CounterSnapshot::value).orElse(Long.MIN_VALUE);
        }
    }
}
