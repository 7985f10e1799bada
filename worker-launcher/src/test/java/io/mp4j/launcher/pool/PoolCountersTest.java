package io.mp4j.launcher.pool;

import io.mp4j.ipc.codec.CodecException;
import io.mp4j.ipc.counters.CounterSnapshot;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionInfo;
import io.mp4j.ipc.region.RegionKind;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.Crashes;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.process.WorkerJvm;
import io.mp4j.launcher.worker.WorkerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pools publish their progress in the launcher space's counters ({@link PoolCounters}) and their workers' pool and
 * heartbeat in the status arrays, for {@code mp4j stat}; the counters are freed when the pool ends.
 */
@NoLeaks
@Timeout(120)
class PoolCountersTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldCountTasksFailuresWorkersAndReplacementsOfAProcessPool()
    {
        final PoolOptions options = PoolOptions.defaults().withWorkers(2).withKeepAlive(Duration.ZERO);
        final String name;
        try (ProcessPool pool = new ProcessPool(options))
        {
            name = PoolCounters.poolName(PoolCounters.PROCESS_POOL, pool.id());
            final Task<Integer, Integer> failsOnThree = x ->
            {
                if (x == 3)
                {
                    throw new IllegalStateException("three");
                }
                return x;
            };
            assertInstanceOf(TaskFailedException.class, assertThrows(TaskFailedException.class,
                () -> pool.map(failsOnThree, IntStream.range(0, 10).boxed().toList(), 1)));
            assertEquals(Map.of("submitted", 10L, "done", 10L, "failed", 1L, "workers", 2L, "replaced", 0L),
                values(name));

            final Task<Integer, Integer> dies = x ->
            {
                Crashes.killSelf();
                return x;
            };
            assertThrows(TaskFailedException.class, () -> pool.apply(dies, 1));
            assertEquals(11L, values(name).get("done"));
            assertEquals(2L, values(name).get("failed"));
            assertEquals(1L, values(name).get("replaced"));

            final List<Long> pids = pool.workerPids();
            final long[] beats = new long[pids.size()];
            Await.until("each worker's status to name the pool and a fresh heartbeat", WAIT, () ->
            {
                final List<WorkerStatus.Reading> statuses = statusesOf(pids);
                for (int i = 0; i < statuses.size(); i++)
                {
                    final WorkerStatus.Reading status = statuses.get(i);
                    if (status.poolId() != pool.id() || status.heartbeatMs() == 0)
                    {
                        return false;
                    }
                    beats[i] = beats[i] == 0 ? status.heartbeatMs() : beats[i];
                    if (status.heartbeatMs() == beats[i])
                    {
                        return false; // wait for the next beat: the heartbeat moves
                    }
                }
                return statuses.size() == pids.size();
            });
            assertEquals(2L, values(name).get("workers"));
        }
        assertEquals(Map.of(), values(name), "freed when the pool ends");
    }

    @Test
    void shouldCountTasksOfAThreadPoolAndFreeThemOnTermination()
    {
        final String name;
        try (ThreadPool pool = new ThreadPool(3))
        {
            name = PoolCounters.poolName(PoolCounters.THREAD_POOL, pool.id());
            assertEquals(IntStream.range(0, 1000).boxed().toList(),
                pool.map(x -> x, IntStream.range(0, 1000).boxed().toList()));
            assertEquals(Map.of("submitted", 1000L, "done", 1000L, "failed", 0L, "workers", 3L, "replaced", 0L),
                values(name));
        }
        assertEquals(Map.of(), values(name));
        final ThreadPool terminated = new ThreadPool(1);
        final String other = PoolCounters.poolName(PoolCounters.THREAD_POOL, terminated.id());
        assertEquals(1L, values(other).get("workers"));
        terminated.terminate();
        assertEquals(Map.of(), values(other));
    }

    @Test
    void shouldAllocateNothingForAPoolWhoseInitializerCannotBeSent()
    {
        final Object notSerializable = new Object();
        final PoolOptions options = PoolOptions.defaults().withWorkers(1).withKeepAlive(Duration.ZERO)
            .withInitializer(() -> notSerializable.hashCode());
        final List<String> before = poolLabels();
        assertThrows(CodecException.class, () -> new ProcessPool(options));
        assertEquals(before, poolLabels());
    }

    private static List<String> poolLabels()
    {
        try (Counters counters = WorkerJvm.space().counters())
        {
            return counters.snapshot().stream().filter(c -> c.typeId() == PoolCounters.TYPE_ID)
                .map(CounterSnapshot::label).sorted().toList();
        }
    }

    /**
     * @param pids worker pids.
     * @return the status of those workers, read from their status arrays as another process reads them.
     */
    private static List<WorkerStatus.Reading> statusesOf(final List<Long> pids)
    {
        final List<WorkerStatus.Reading> found = new ArrayList<>();
        for (final RegionInfo info : WorkerJvm.space().list())
        {
            if (!info.name().endsWith(".status"))
            {
                continue;
            }
            try (Region region = RegionFiles.attachReadOnly(info.file(), RegionKind.LONG_ARRAY))
            {
                final WorkerStatus.Reading reading = WorkerStatus.read(region.body());
                if (pids.contains(reading.pid()))
                {
                    found.add(reading);
                }
            }
            catch (final NoSuchFileException ex)
            {
                // a worker of another test class that just ended
            }
        }
        return found;
    }

    /**
     * @param poolName a pool's name in labels.
     * @return its counters' values by field, read as another process reads them.
     */
    private static Map<String, Long> values(final String poolName)
    {
        final Map<String, Long> values = new HashMap<>();
        try (Counters counters = WorkerJvm.space().counters())
        {
            for (final CounterSnapshot c : counters.snapshot())
            {
                if (c.typeId() == PoolCounters.TYPE_ID && c.label().startsWith(poolName + " "))
                {
                    values.put(c.label().substring(poolName.length() + 1), c.value());
                }
            }
        }
        return values;
    }
}
