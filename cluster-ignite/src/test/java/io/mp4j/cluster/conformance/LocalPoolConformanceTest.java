package io.mp4j.cluster.conformance;

import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.Pools;
import io.mp4j.launcher.pool.ProcessPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The conformance suite on the default backend, {@value Pools#LOCAL}: a process pool of two worker JVMs on this
 * host, opened through {@link Pools}.
 */
@NoLeaks
class LocalPoolConformanceTest extends PoolConformance
{
    private static final PoolOptions OPTIONS = PoolOptions.defaults().withWorkers(2).withKeepAlive(Duration.ZERO);

    private static Pool pool;

    @BeforeAll
    @Timeout(60)
    static void openPool()
    {
        pool = Pools.open(Pools.LOCAL, OPTIONS);
    }

    @AfterAll
    @Timeout(60)
    static void closePool()
    {
        if (pool != null)
        {
            pool.close();
        }
    }

    @Override
    protected Pool pool()
    {
        return pool;
    }

    @Override
    protected Pool newPool()
    {
        return Pools.open(Pools.LOCAL, OPTIONS);
    }

    @Override
    protected String backendName()
    {
        return Pools.LOCAL;
    }

    @Test
    void shouldBeAProcessPool()
    {
        assertInstanceOf(ProcessPool.class, pool);
    }
}
