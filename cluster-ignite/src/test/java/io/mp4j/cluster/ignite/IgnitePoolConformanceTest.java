package io.mp4j.cluster.ignite;

import io.mp4j.cluster.conformance.PoolConformance;
import io.mp4j.launcher.pool.EnginePool;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.cli.Mp4jCommand;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.Pools;
import io.mp4j.launcher.pool.RetryPolicy;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance suite on the Ignite backend: one cluster of two member JVMs on 127.0.0.1 for the class, this JVM
 * its driver. The class configures {@link Pools}' {@code ignite} backend for that cluster.
 */
class IgnitePoolConformanceTest extends PoolConformance
{
    private static final int MEMBERS = 2;

    private static TestCluster cluster;
    private static Pool pool;

    @BeforeAll
    @Timeout(180)
    static void startCluster()
    {
        cluster = TestCluster.start(MEMBERS);
        pool = cluster.driver().pool(PoolOptions.defaults());
        final ClusterSettings settings = cluster.settings();
        System.setProperty(ClusterSettings.ADDRESSES_PROPERTY, String.join(",", settings.addresses()));
        System.setProperty(ClusterSettings.COMMUNICATION_PORT_PROPERTY,
            Integer.toString(settings.communicationPort() + 1));
        System.setProperty(ClusterSettings.WORK_DIRECTORY_PROPERTY, settings.workDirectory().toString());
    }

    @AfterAll
    @Timeout(120)
    static void stopCluster()
    {
        System.clearProperty(ClusterSettings.ADDRESSES_PROPERTY);
        System.clearProperty(ClusterSettings.COMMUNICATION_PORT_PROPERTY);
        System.clearProperty(ClusterSettings.WORK_DIRECTORY_PROPERTY);
        try
        {
            if (pool != null)
            {
                pool.close();
            }
        }
        finally
        {
            if (cluster != null)
            {
                cluster.close();
            }
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
        return cluster.driver().pool(PoolOptions.defaults());
    }

    @Override
    protected String backendName()
    {
        return IgnitePoolBackend.NAME;
    }

    @Test
    void shouldSizeThePoolFromTheMembersComputeThreads()
    {
        assertInstanceOf(EnginePool.class, pool);
        assertEquals(MEMBERS * TestCluster.COMPUTE_THREADS, pool.size());
        try (Pool three = cluster.driver().pool(PoolOptions.defaults().withWorkers(3)))
        {
            assertEquals(3, three.size());
        }
    }

    @Test
    void shouldRefuseOptionsItDoesNotSupportYet()
    {
        final PoolOptions defaults = PoolOptions.defaults();
        for (final PoolOptions unsupported : List.of(defaults.withInitializer(() -> 1),
            defaults.withMaxTasksPerChild(10), defaults.withTaskTimeout(Duration.ofSeconds(1)),
            defaults.withRetry(RetryPolicy.attempts(3, Duration.ZERO))))
        {
            final IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> cluster.driver().pool(unsupported));
            assertTrue(thrown.getMessage().contains("PoolOptions."), thrown.getMessage());
        }
    }

    @Test
    void shouldOpenPoolsThroughTheBackendNamedByConfiguration()
    {
        final int driversBefore = Ignition.allGrids().size();
        System.setProperty(Pools.BACKEND_PROPERTY, IgnitePoolBackend.NAME);
        try
        {
            assertTrue(Pools.backends().contains(IgnitePoolBackend.NAME), Pools.backends().toString());
            try (Pool first = Pools.open(PoolOptions.defaults());
                 Pool second = Pools.open(PoolOptions.defaults().withWorkers(2)))
            {
                assertEquals(driversBefore + 1, Ignition.allGrids().size(), "the two pools share one driver");
                assertEquals(List.of(1, 4, 9), first.map(x -> x * x, List.of(1, 2, 3)));
                assertEquals(8, (int)second.apply(x -> x * 2, 4));
            }
            assertEquals(driversBefore, Ignition.allGrids().size(), "the last pool closed stops the shared driver");
        }
        finally
        {
            System.clearProperty(Pools.BACKEND_PROPERTY);
        }
    }

    @Test
    void shouldWriteSharedStateCachesSynchronouslyToABackup()
    {
        final IgniteCache<String, Long> cache = cluster.driver().ignite().getOrCreateCache("mp4j-conformance");
        try
        {
            @SuppressWarnings("unchecked")
            final CacheConfiguration<String, Long> configuration = cache.getConfiguration(CacheConfiguration.class);
            assertEquals(CacheWriteSynchronizationMode.FULL_SYNC, configuration.getWriteSynchronizationMode());
            assertEquals(1, configuration.getBackups());
        }
        finally
        {
            cache.destroy();
        }
    }

    @Test
    void shouldOfferTheMemberAsAnMp4jSubcommand()
    {
        assertEquals(Mp4jCommand.EXIT_OK, Mp4jCommand.execute("cluster-member", "--help"));
    }

    @Test
    void shouldSpreadTasksOverEveryMember()
    {
        final List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), IntStream.range(0, 40).boxed()
            .toList(), 1);
        assertEquals(MEMBERS, new HashSet<>(pids).size(), pids.toString());
        assertEquals(new HashSet<>(List.of(cluster.member(0).pid(), cluster.member(1).pid())), new HashSet<>(pids));
    }
}
