package io.mp4j.launcher.inspect;

import io.mp4j.launcher.parallel.ParallelCounters;
import io.mp4j.launcher.pool.PoolCounters;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How {@code mp4j stat} lays out readings: pools and Parallel calls gathered from their counters, workers in number
 * order, rates per second between two renderings, problems, and an empty space.
 */
class StatViewTest
{
    private static final Path SPACE = Path.of("/dev/shm/mp4j-test/launcher-42");
    private static final long SECOND_NS = 1_000_000_000L;

    @Test
    void shouldGatherPoolsAndCallsAndGiveRatesSinceThePreviousReading()
    {
        final StatView view = new StatView();
        final List<String> first = view.render(List.of(reading(0, 10, 4)));
        final List<String> second = view.render(List.of(reading(2 * SECOND_NS, 30, 10)));

        assertEquals(List.of(
            "space launcher-42  " + SPACE,
            "  pools             submitted  done  failed  pending  workers  replaced  done/s",
            "    process-pool-3         50    10       1       40        2         1       -",
            "  workers   pid  pool            phase  task  running  done  heartbeat  alive",
            "    w2     1002  process-pool-3  run      #7    1.5 s     7       5 ms  yes",
            "    w10    1010  -               idle      -        -     3          -  no",
            "  parallel calls  dispatched  done  failed  total  done/s",
            "    job-1                  8     4       0      ?       -",
            "  counters    value  rate/s  owner",
            "    requests    100       -  42 alive",
            "  problems",
            "    junk: magic: not an mp4j region"), first);
        assertEquals("    process-pool-3         50    30       1       20        2         1    10.0", second.get(2));
        assertEquals("    job-1                  8    10       0      ?     3.0", second.get(7));
        assertEquals("    requests    100     0.0  42 alive", second.get(9));
    }

    @Test
    void shouldSayEmptyForASpaceWithNothingInIt()
    {
        final SpaceReading empty = new SpaceReading(SPACE, true, 0, List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of());
        assertEquals(List.of("space launcher-42  " + SPACE, "  (empty)"), new StatView().render(List.of(empty)));
    }

    private static SpaceReading reading(final long atNs, final long poolDone, final long callDone)
    {
        final List<CounterRow> counters = List.of(
            pool(0, PoolCounters.SUBMITTED, 50), pool(1, PoolCounters.DONE, poolDone),
            pool(2, PoolCounters.FAILED, 1), pool(3, PoolCounters.WORKERS, 2), pool(4, PoolCounters.REPLACED, 1),
            call(5, ParallelCounters.DISPATCHED, 8), call(6, ParallelCounters.DONE, callDone),
            call(7, ParallelCounters.FAILED, 0), call(8, ParallelCounters.TOTAL, -1),
            new CounterRow("counters", 9, 0, "requests", 100, 42, true));
        final List<WorkerRow> workers = List.of(
            new WorkerRow("w10", 1010, false, 0, "idle", 3, -1, 3, -1),
            new WorkerRow("w2", 1002, true, 3, "run", 7, 1_500_000_000L, 7, 5));
        return new SpaceReading(SPACE, true, atNs, counters, List.of(), List.of(), List.of(), workers, List.of(),
            List.of(new Problem("junk", "magic: not an mp4j region")));
    }

    private static CounterRow pool(final int id, final String field, final long value)
    {
        return new CounterRow("counters", id, PoolCounters.TYPE_ID, "process-pool-3 " + field, value, 42, true);
    }

    private static CounterRow call(final int id, final String field, final long value)
    {
        return new CounterRow("counters", id, ParallelCounters.TYPE_ID, "job-1 " + field, value, 42, true);
    }
}
