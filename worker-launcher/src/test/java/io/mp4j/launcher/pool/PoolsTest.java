package io.mp4j.launcher.pool;

import io.mp4j.ipc.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backends by name: mp4j's own two are built in, the default is the local one, and an unknown name says which
 * exist.
 */
@NoLeaks
@Timeout(60)
class PoolsTest
{
    private static final PoolOptions OPTIONS = PoolOptions.defaults().withWorkers(1).withKeepAlive(Duration.ZERO);

    @Test
    void shouldOpenBuiltInBackendsByName()
    {
        try (Pool threads = Pools.open(Pools.THREADS, OPTIONS))
        {
            assertInstanceOf(ThreadPool.class, threads);
            assertEquals(6, (int)threads.apply(x -> x * 2, 3));
        }
        try (Pool local = Pools.open(Pools.LOCAL, OPTIONS))
        {
            assertInstanceOf(ProcessPool.class, local);
        }
        assertTrue(Pools.backends().containsAll(java.util.Set.of(Pools.LOCAL, Pools.THREADS)));
    }

    @Test
    void shouldDefaultToTheLocalBackendAndFollowTheProperty()
    {
        final String previous = System.getProperty(Pools.BACKEND_PROPERTY);
        try
        {
            System.clearProperty(Pools.BACKEND_PROPERTY);
            if (System.getenv(Pools.BACKEND_ENV) == null)
            {
                assertEquals(Pools.LOCAL, Pools.configuredBackend());
            }
            System.setProperty(Pools.BACKEND_PROPERTY, Pools.THREADS);
            assertEquals(Pools.THREADS, Pools.configuredBackend());
            try (Pool pool = Pools.open(OPTIONS))
            {
                assertInstanceOf(ThreadPool.class, pool);
            }
        }
        finally
        {
            if (previous == null)
            {
                System.clearProperty(Pools.BACKEND_PROPERTY);
            }
            else
            {
                System.setProperty(Pools.BACKEND_PROPERTY, previous);
            }
        }
    }

    @Test
    void shouldNameTheKnownBackendsForAnUnknownOne()
    {
        final IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
            () -> Pools.open("no-such-engine", OPTIONS));
        assertTrue(thrown.getMessage().contains("no-such-engine"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains(Pools.LOCAL), thrown.getMessage());
    }
}
