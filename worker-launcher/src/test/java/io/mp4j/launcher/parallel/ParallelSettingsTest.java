package io.mp4j.launcher.parallel;

import io.mp4j.launcher.StopWarmWorkers;
import org.junit.jupiter.api.extension.ExtendWith;
import io.mp4j.launcher.pool.PoolOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings as joblib reads them: nJobs counted back from the processors, which backend a call runs on (explicit,
 * nJobs 1, require, prefer), pre-dispatch expressions, and what the withers refuse.
 */
@ExtendWith(StopWarmWorkers.class)
class ParallelSettingsTest
{
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    @Test
    void shouldCountNegativeNJobsBackFromTheProcessorsAsJoblib()
    {
        assertEquals(PROCESSORS, new Parallel(-1).workers());
        if (PROCESSORS > 1)
        {
            assertEquals(PROCESSORS - 1, new Parallel(-2).workers());
        }
        assertEquals(3, new Parallel(3).workers());
        assertEquals(-1, new Parallel(-1).nJobs());
        assertEquals("Parallel(nJobs=-2)", new Parallel(2).nJobs(-2).toString());
        assertThrows(IllegalArgumentException.class, () -> new Parallel(0));
        assertThrows(IllegalArgumentException.class, () -> new Parallel(-PROCESSORS - 1));
        assertThrows(IllegalArgumentException.class, () -> new Parallel(2).nJobs(0));
    }

    @Test
    void shouldRunOnProcessesUnlessToldOtherwise()
    {
        assertEquals(Backend.PROCESSES, new Parallel(2).effectiveBackend());
        assertEquals(Backend.THREADS, new Parallel(2).prefer(Backend.THREADS).effectiveBackend());
        assertEquals(Backend.PROCESSES, new Parallel(2).prefer(Backend.PROCESSES).effectiveBackend());
    }

    @Test
    void shouldRunSequentiallyWhenNJobsIsOneAndNoBackendIsSet()
    {
        assertEquals(Backend.SEQUENTIAL, new Parallel(1).effectiveBackend());
        assertEquals(Backend.SEQUENTIAL, new Parallel(1).prefer(Backend.THREADS).effectiveBackend());
        assertEquals(Backend.SEQUENTIAL, new Parallel(1).requireSharedHeap().effectiveBackend());
        assertEquals(Backend.PROCESSES, new Parallel(1).backend(Backend.PROCESSES).effectiveBackend(),
            "an explicit backend is used as given");
        assertEquals(Backend.THREADS, new Parallel(1).backend(Backend.THREADS).effectiveBackend());
        if (PROCESSORS == 1)
        {
            assertEquals(Backend.SEQUENTIAL, new Parallel(-1).effectiveBackend());
        }
    }

    @Test
    void shouldForceThreadsWhenASharedHeapIsRequired()
    {
        assertEquals(Backend.THREADS, new Parallel(2).requireSharedHeap().effectiveBackend());
        assertEquals(Backend.THREADS, new Parallel(2).prefer(Backend.PROCESSES).requireSharedHeap()
            .effectiveBackend(), "require beats prefer");
        assertEquals(Backend.SEQUENTIAL, new Parallel(2).requireSharedHeap().backend(Backend.SEQUENTIAL)
            .effectiveBackend());
        assertEquals(Backend.THREADS, new Parallel(2).backend(Backend.THREADS).requireSharedHeap()
            .effectiveBackend());
    }

    @Test
    void shouldRefuseASharedHeapOnTheProcessBackendWhicheverIsSetFirst()
    {
        final IllegalArgumentException requireLater = assertThrows(IllegalArgumentException.class,
            () -> new Parallel(2).backend(Backend.PROCESSES).requireSharedHeap());
        assertTrue(requireLater.getMessage().contains("processes"), requireLater::getMessage);
        assertThrows(IllegalArgumentException.class,
            () -> new Parallel(2).requireSharedHeap().backend(Backend.PROCESSES));
        assertThrows(IllegalArgumentException.class, () -> new Parallel(2).prefer(Backend.SEQUENTIAL));
    }

    @Test
    void shouldUseTheConfiguredBackendOnlyWhenAskedAndRefuseASharedHeapOnIt()
    {
        assertEquals(Backend.PROCESSES, new Parallel(2).effectiveBackend(), "the default is unchanged");
        assertEquals(Backend.CONFIGURED, new Parallel(2).backend(Backend.CONFIGURED).effectiveBackend());
        assertEquals(Backend.CONFIGURED, new Parallel(1).backend(Backend.CONFIGURED).effectiveBackend());
        final IllegalArgumentException requireLater = assertThrows(IllegalArgumentException.class,
            () -> new Parallel(2).backend(Backend.CONFIGURED).requireSharedHeap());
        assertTrue(requireLater.getMessage().contains("configured"), requireLater::getMessage);
        assertThrows(IllegalArgumentException.class,
            () -> new Parallel(2).requireSharedHeap().backend(Backend.CONFIGURED));
        assertThrows(IllegalArgumentException.class, () -> new Parallel(2).prefer(Backend.CONFIGURED));
    }

    @Test
    void shouldRunOnThePoolOfTheConfiguredBackend()
    {
        try (ParallelScope scope = new Parallel(3).backend(Backend.CONFIGURED).open())
        {
            assertEquals(Backend.CONFIGURED, scope.backend());
            assertEquals(scope.pool().size(), scope.workers());
            assertEquals(List.of(0, 1, 8, 27), scope.run(IntStream.range(0, 4).boxed()
                .map(x -> Parallel.<Integer, Integer>delayed(y -> y * y * y, x))));
        }
    }

    @Test
    void shouldReadPreDispatchAsJoblib()
    {
        assertEquals(8, PreDispatch.amount(PreDispatch.DEFAULT, 4));
        assertEquals(8, PreDispatch.amount("2 * n_jobs", 4));
        assertEquals(6, PreDispatch.amount("1.5*nJobs", 4));
        assertEquals(4, PreDispatch.amount("nJobs", 4));
        assertEquals(12, PreDispatch.amount("nJobs*3", 4));
        assertEquals(1, PreDispatch.amount("0.1*nJobs", 4), "at least one batch");
        assertEquals(5, PreDispatch.amount("5", 4));
        assertEquals(-1, PreDispatch.amount("all", 4));
        assertEquals(-1, PreDispatch.amount(" ALL ", 4));
        for (final String bad : new String[] {"", "0", "-1", "2*cpus", "2**nJobs", "0*nJobs", "lots"})
        {
            assertThrows(IllegalArgumentException.class, () -> new Parallel(2).preDispatch(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new Parallel(2).preDispatch(0));
        assertEquals("3", new Parallel(2).preDispatch(3).preDispatch());
    }

    @Test
    void shouldMapTimeoutAndNJobsOntoThePoolOptions()
    {
        final PoolOptions options = PoolOptions.defaults().withWorkers(7).withTaskTimeout(Duration.ofSeconds(9))
            .withKeepAlive(Duration.ZERO);
        final Parallel parallel = new Parallel(3).poolOptions(options);
        assertEquals(3, parallel.effectivePoolOptions().workers());
        assertEquals(Duration.ofSeconds(9), parallel.effectivePoolOptions().taskTimeout(),
            "the options' timeout stays unless one is set");
        assertEquals(Duration.ZERO, parallel.effectivePoolOptions().keepAlive());
        assertEquals(Duration.ofMillis(5), parallel.timeout(Duration.ofMillis(5)).effectivePoolOptions()
            .taskTimeout());
        assertNull(new Parallel(2).effectivePoolOptions().taskTimeout());
    }

    @Test
    void shouldRefuseSettingsOutOfRange()
    {
        assertThrows(IllegalArgumentException.class, () -> new Parallel(2).timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Parallel(2).timeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new Parallel(2).batchSize(-1));
        assertThrows(IllegalArgumentException.class, () -> new Parallel(2).verbose(-1));
        assertThrows(IllegalArgumentException.class, () -> new Parallel(2).name("has space"));
        assertThrows(IllegalArgumentException.class, () -> new Parallel(2).name(""));
        assertThrows(NullPointerException.class, () -> new Parallel(2).backend(null));
        assertThrows(NullPointerException.class, () -> new Parallel(2).poolOptions(null));
        assertEquals("job-7.a_b", new Parallel(2).name("job-7.a_b").name());
    }

    @Test
    void shouldLeaveTheOriginalUnchangedByAWither()
    {
        final Parallel original = new Parallel(2);
        final Parallel changed = original.verbose(5).batchSize(3).backend(Backend.THREADS);
        assertEquals(0, original.verbose());
        assertEquals(0, original.batchSize());
        assertEquals(Backend.PROCESSES, original.effectiveBackend());
        assertEquals(5, changed.verbose());
        assertEquals(3, changed.batchSize());
        assertEquals(Backend.THREADS, changed.effectiveBackend());
    }
}
