package io.mp4j.cluster.conformance;

import io.mp4j.ipc.Permits;
import io.mp4j.launcher.objects.SharedObjects;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Permits}: a counting semaphore across processes, alike on every backend.
 */
public abstract class SemaphoreConformance extends ObjectsConformance
{
    @Test
    void shouldCountPermits() throws InterruptedException
    {
        final String name = unique("semaphore");
        final Permits permits = objects().semaphore(name, 2);
        assertEquals(2, objects().semaphore(name, 5).availablePermits());
        assertTrue(permits.tryAcquire());
        permits.acquire();
        assertFalse(permits.tryAcquire());
        assertFalse(permits.tryAcquire(Duration.ofMillis(50)));
        assertEquals(0, permits.availablePermits());
        permits.release();
        assertEquals(1, permits.availablePermits());
        assertTrue(permits.tryAcquire(Duration.ofMillis(50)));
        permits.release();
        permits.release();
        assertEquals(2, permits.availablePermits());
    }

    @Test
    void shouldTakeAPermitReleasedByAnotherProcess() throws InterruptedException
    {
        final String backend = objects().backend();
        final String namespace = objects().namespace();
        final String name = unique("semaphore");
        final Permits permits = objects().semaphore(name, 0);
        final CompletableFuture<Long> remote = CompletableFuture.supplyAsync(() -> pool().apply(task ->
        {
            try (SharedObjects objects = remote(backend, namespace))
            {
                objects.semaphore(name, 0).release();
                return ProcessHandle.current().pid();
            }
        }, 0));
        assertTrue(permits.tryAcquire(Duration.ofSeconds(60)));
        remote.join();
        assertEquals(0, permits.availablePermits());
    }
}
