package io.mp4j.cluster.ignite;

import io.mp4j.cluster.conformance.EventBarrierConformance;
import io.mp4j.cluster.conformance.LockConformance;
import io.mp4j.cluster.conformance.MapConformance;
import io.mp4j.cluster.conformance.PipeConformance;
import io.mp4j.cluster.conformance.PipePeer;
import io.mp4j.cluster.conformance.QueueConformance;
import io.mp4j.cluster.conformance.SemaphoreConformance;
import io.mp4j.cluster.conformance.ValueConformance;
import io.mp4j.ipc.LongValue;
import io.mp4j.ipc.jvm.JvmFlags;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.launcher.objects.SharedObjects;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.Pools;
import org.apache.ignite.Ignition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared-object suites on the Ignite backend: one cluster of two member JVMs on 127.0.0.1 for the class, this
 * JVM its driver. The cross-process tests' tasks run on the members, where {@code SharedObjects.open("ignite", ...)}
 * uses the member's own node.
 */
class IgniteObjectsConformanceTest
{
    private static final int MEMBERS = 2;

    private static TestCluster cluster;
    private static Pool pool;
    private static SharedObjects objects;

    @BeforeAll
    @Timeout(180)
    static void startCluster()
    {
        cluster = TestCluster.start(MEMBERS);
        pool = cluster.driver().pool(PoolOptions.defaults());
        objects = cluster.driver().objects("objects-conformance");
    }

    @AfterAll
    @Timeout(120)
    static void stopCluster()
    {
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

    @Test
    @Timeout(120)
    void shouldOpenTheConfiguredBackendOnASharedDriver()
    {
        final ClusterSettings settings = cluster.settings();
        final int nodesBefore = Ignition.allGrids().size();
        System.setProperty(ClusterSettings.ADDRESSES_PROPERTY, String.join(",", settings.addresses()));
        System.setProperty(ClusterSettings.COMMUNICATION_PORT_PROPERTY,
            Integer.toString(settings.communicationPort() + 1));
        System.setProperty(ClusterSettings.WORK_DIRECTORY_PROPERTY, settings.workDirectory().toString());
        System.setProperty(Pools.BACKEND_PROPERTY, IgnitePoolBackend.NAME);
        try
        {
            try (SharedObjects configured = SharedObjects.open(objects.namespace());
                 Pool configuredPool = Pools.open(PoolOptions.defaults()))
            {
                assertInstanceOf(IgniteObjects.class, configured);
                assertEquals(nodesBefore + 1, Ignition.allGrids().size(), "pools and objects share one driver");
                final LongValue value = configured.longValue("configured");
                value.addAndGet(3);
                assertEquals(3, objects.longValue("configured").get());
                assertEquals(List.of(3L), configuredPool.map(x -> x, List.of(3L)));
            }
            assertEquals(nodesBefore, Ignition.allGrids().size(), "the last to close stops the shared driver");
        }
        finally
        {
            System.clearProperty(Pools.BACKEND_PROPERTY);
            System.clearProperty(ClusterSettings.ADDRESSES_PROPERTY);
            System.clearProperty(ClusterSettings.COMMUNICATION_PORT_PROPERTY);
            System.clearProperty(ClusterSettings.WORK_DIRECTORY_PROPERTY);
        }
    }

    @Test
    @Timeout(180)
    void shouldReleaseALockHeldByADriverThatWasKilled() throws InterruptedException
    {
        final String name = "held-by-the-dead";
        final Lock lock = objects.lock(name);
        final ClusterSettings settings = cluster.settings();
        try (ChildJvm holder = ChildJvm.of(LockHolder.class)
            .jvmOptions(JvmFlags.set(JvmFlags.IGNITE).toArray(new String[0]))
            .jvmOptions("-Xmx128m", "-XX:+UseSerialGC")
            .arguments(String.join(",", settings.addresses()), Integer.toString(settings.communicationPort() + 2),
                settings.workDirectory().toString(), objects.namespace(), name)
            .timeout(Duration.ofMinutes(3))
            .start())
        {
            holder.awaitStdout(LockHolder.HOLDING, Duration.ofSeconds(120));
            assertFalse(lock.tryLock());
            final long killedNs = System.nanoTime();
            assertEquals(137, holder.kill());
            assertTrue(lock.tryLock(60, TimeUnit.SECONDS), "the dead driver's lock was not released");
            System.err.printf("lock released %.0f ms after its holder was killed%n",
                (System.nanoTime() - killedNs) / 1e6);
            lock.unlock();
        }
    }

    /**
     * A driver JVM that takes a lock and holds it until killed.
     */
    static final class LockHolder
    {
        static final String HOLDING = "holding the lock";

        private LockHolder()
        {
        }

        /**
         * @param args addresses, communication port, work directory, namespace, lock name.
         */
        public static void main(final String[] args)
        {
            final IgniteCluster driver = IgniteCluster.connect(ClusterSettings.of(args[0].split(","))
                .withCommunicationPort(Integer.parseInt(args[1]), 3).withWorkDirectory(Path.of(args[2])));
            driver.objects(args[3]).lock(args[4]).lock();
            System.out.println(HOLDING);
            System.out.flush();
            while (true)
            {
                LockSupport.park();
            }
        }
    }

    /**
     * A member JVM that joins the cluster as a third member, then runs a {@link PipePeer}: killing it makes its node
     * leave the topology at once, where a killed driver would be dropped only after the client failure detection
     * timeout.
     */
    static final class PipePeerMember
    {
        private PipePeerMember()
        {
        }

        /**
         * @param args addresses, the first of two free ports (discovery, communication), work directory, then the
         *             peer's arguments.
         */
        public static void main(final String[] args)
        {
            final int port = Integer.parseInt(args[1]);
            Ignition.start(NodeConfigurations.member(ClusterSettings.of(args[0].split(","))
                .withDiscoveryPort(port)
                .withCommunicationPort(port + 1, 0)
                .withDataRegionBytes(64L << 20)
                .withComputeThreads(1)
                .withWorkDirectory(Path.of(args[2]))));
            PipePeer.run(Arrays.copyOfRange(args, 3, args.length));
        }
    }

    @Nested
    class Values extends ValueConformance
    {
        @Override
        protected SharedObjects objects()
        {
            return objects;
        }

        @Override
        protected Pool pool()
        {
            return pool;
        }
    }

    @Nested
    class Maps extends MapConformance
    {
        @Override
        protected SharedObjects objects()
        {
            return objects;
        }

        @Override
        protected Pool pool()
        {
            return pool;
        }
    }

    @Nested
    class Queues extends QueueConformance
    {
        @Override
        protected SharedObjects objects()
        {
            return objects;
        }

        @Override
        protected Pool pool()
        {
            return pool;
        }
    }

    @Nested
    class Locks extends LockConformance
    {
        @Override
        protected SharedObjects objects()
        {
            return objects;
        }

        @Override
        protected Pool pool()
        {
            return pool;
        }
    }

    @Nested
    class Semaphores extends SemaphoreConformance
    {
        @Override
        protected SharedObjects objects()
        {
            return objects;
        }

        @Override
        protected Pool pool()
        {
            return pool;
        }
    }

    @Nested
    class EventsAndBarriers extends EventBarrierConformance
    {
        @Override
        protected SharedObjects objects()
        {
            return objects;
        }

        @Override
        protected Pool pool()
        {
            return pool;
        }
    }

    @Nested
    class Pipes extends PipeConformance
    {
        @Override
        protected SharedObjects objects()
        {
            return objects;
        }

        @Override
        protected Pool pool()
        {
            return pool;
        }

        @Override
        protected ChildJvm startPipePeer(final String... peerArguments)
        {
            final ClusterSettings settings = cluster.settings();
            final int ports = FreePorts.block(2);
            final List<String> arguments = new ArrayList<>(List.of(String.join(",", settings.addresses()),
                Integer.toString(ports), settings.workDirectory().toString()));
            arguments.addAll(List.of(peerArguments));
            return ChildJvm.of(PipePeerMember.class)
                .jvmOptions(JvmFlags.set(JvmFlags.IGNITE).toArray(new String[0]))
                .jvmOptions("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC")
                .arguments(arguments.toArray(new String[0]))
                .timeout(Duration.ofMinutes(2))
                .start();
        }
    }
}
