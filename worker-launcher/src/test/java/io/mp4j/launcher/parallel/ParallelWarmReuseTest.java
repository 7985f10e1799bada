package io.mp4j.launcher.parallel;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.sync.SharedBarrier;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.ProcessPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static io.mp4j.launcher.parallel.Parallel.delayed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A plain {@code run} opens a pool and closes it; the next {@code run} with equal settings takes the closed pool's
 * idle worker JVMs. Each run's four calls meet two by two at a barrier in shared memory, so each of the two workers
 * runs two of them and both pids are seen.
 */
@NoLeaks
@Timeout(120)
class ParallelWarmReuseTest
{
    @AfterEach
    @Timeout(60)
    void stopWarmWorkers()
    {
        ProcessPool.stopIdleWorkers();
    }

    @Test
    void shouldRunTheNextCallOnTheWorkerJvmsOfThePrevious(final Space space)
    {
        try (SharedBarrier pairs = space.barrier("pairs", 2))
        {
            final Job<Long> meetThenPid = () ->
            {
                pairs.await(Duration.ofSeconds(60));
                return ProcessHandle.current().pid();
            };
            final List<Delayed<Long>> calls = IntStream.range(0, 4).mapToObj(i -> delayed(meetThenPid)).toList();
            final Parallel parallel = new Parallel(2).batchSize(1)
                .poolOptions(PoolOptions.defaults().withKeepAlive(Duration.ofSeconds(60)));

            final Set<Long> first = new HashSet<>(parallel.run(calls));
            final Set<Long> second = new HashSet<>(parallel.run(calls));

            assertEquals(2, first.size(), "both workers ran calls");
            assertFalse(first.contains(ProcessHandle.current().pid()));
            assertEquals(first, second, "the second call ran on the first call's worker JVMs");
            pairs.unlink();
        }
    }
}
