package io.mp4j.launcher.pool;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.values.SharedLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared objects passed to tasks (captured, or as arguments) travel as handles and re-attach in the worker JVMs.
 */
@Timeout(120)
class SharedObjectsInTasksTest
{
    @TempDir
    Path dir;

    @Test
    void shouldCountExactlyAcrossWorkersThroughCapturedCounter()
    {
        try (SharedLong counter = Space.at(dir).sharedLong("hits");
             Pool pool = new ProcessPool(PoolOptions.defaults().withWorkers(2).withKeepAlive(Duration.ZERO)))
        {
            final List<Long> pids = pool.map(x ->
            {
                for (int i = 0; i < 1000; i++)
                {
                    counter.incrementAndGet();
                }
                return ProcessHandle.current().pid();
            }, IntStream.range(0, 20).boxed().toList(), 1);
            assertEquals(20_000, counter.get());
            assertTrue(new HashSet<>(pids).size() >= 1);
            assertTrue(pids.stream().noneMatch(pid -> pid == ProcessHandle.current().pid()), "ran in worker JVMs");
        }
    }

    @Test
    void shouldReattachCounterPassedAsArgument()
    {
        try (SharedLong counter = Space.at(dir).sharedLong("arg", 10);
             Pool pool = new ProcessPool(PoolOptions.defaults().withWorkers(1).withKeepAlive(Duration.ZERO)))
        {
            assertEquals(11L, (long)pool.apply(SharedLong::incrementAndGet, counter));
            assertEquals(11, counter.get());
        }
    }
}
