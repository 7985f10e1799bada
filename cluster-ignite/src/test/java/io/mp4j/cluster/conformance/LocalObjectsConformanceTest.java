package io.mp4j.cluster.conformance;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.collections.SharedMap;
import io.mp4j.ipc.queue.SharedQueue;
import io.mp4j.ipc.sync.SharedLock;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.launcher.objects.SharedObjects;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.Pools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The shared-object suites on the default backend, {@value Pools#LOCAL}: a space of this host, opened through
 * {@link SharedObjects}, and a process pool of two worker JVMs for the cross-process tests.
 */
class LocalObjectsConformanceTest
{
    private static final PoolOptions OPTIONS = PoolOptions.defaults().withWorkers(2).withKeepAlive(Duration.ZERO);

    private static Pool pool;
    private static SharedObjects objects;

    @BeforeAll
    @Timeout(60)
    static void open()
    {
        objects = SharedObjects.open(Pools.LOCAL, "objects-conformance-" + ProcessHandle.current().pid());
        pool = Pools.open(Pools.LOCAL, OPTIONS);
    }

    @AfterAll
    @Timeout(60)
    static void close()
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
            if (objects != null)
            {
                objects.close();
                Space.open(objects.namespace()).destroy();
            }
        }
    }

    @Test
    void shouldBeTheLocalEngineByDefault()
    {
        try (SharedObjects configured = SharedObjects.open(objects.namespace()))
        {
            assertEquals(Pools.LOCAL, configured.backend());
            assertInstanceOf(SharedLong.class, configured.longValue("default-value"));
            assertInstanceOf(SharedMap.class, configured.map("default-map", String.class, String.class));
            assertInstanceOf(SharedQueue.class, configured.queue("default-queue", 2));
            assertInstanceOf(SharedLock.class, configured.lock("default-lock"));
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
            return ChildJvm.of(PipePeer.class).arguments(peerArguments).timeout(Duration.ofMinutes(2)).start();
        }
    }
}
