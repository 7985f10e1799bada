package io.mp4j.launcher.objects;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.sync.SharedBarrier;
import io.mp4j.ipc.sync.SharedEvent;
import io.mp4j.ipc.sync.SharedLock;
import io.mp4j.ipc.sync.SharedSemaphore;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.launcher.pool.Pools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local engine's shared objects by name: ipc-core's classes in a space named like the namespace, chosen by the
 * same setting as pools; an unknown backend says which exist.
 */
@Timeout(60)
class SharedObjectsTest
{
    @Test
    void shouldOpenIpcCoreObjectsInTheNamespacesSpace()
    {
        final String namespace = "shared-objects-test-" + ProcessHandle.current().pid();
        try
        {
            try (SharedObjects objects = SharedObjects.open(Pools.LOCAL, namespace))
            {
                assertEquals(Pools.LOCAL, objects.backend());
                assertEquals(namespace, objects.namespace());
                assertInstanceOf(SharedLong.class, objects.longValue("value", 3));
                assertInstanceOf(SharedLock.class, objects.lock("lock"));
                assertInstanceOf(SharedSemaphore.class, objects.semaphore("semaphore", 1));
                assertInstanceOf(SharedEvent.class, objects.event("event"));
                assertInstanceOf(SharedBarrier.class, objects.barrier("barrier", 2));
                try (SharedLong direct = Space.open(namespace).sharedLong("value"))
                {
                    assertEquals(4, direct.incrementAndGet());
                }
            }
            try (SharedObjects again = SharedObjects.open(Pools.LOCAL, namespace))
            {
                assertEquals(4, again.longValue("value").get());
            }
        }
        finally
        {
            Space.open(namespace).destroy();
        }
    }

    @Test
    void shouldNameTheBackendsWhenOneIsMissing()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> SharedObjects.open("nowhere", "any"));
        assertTrue(ex.getMessage().contains("'nowhere'") && ex.getMessage().contains(Pools.LOCAL), ex.getMessage());
    }
}
