package io.mp4j.cluster.conformance;

import io.mp4j.ipc.LongValue;
import io.mp4j.launcher.objects.SharedObjects;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LongValue}: counters and values, alike on every backend.
 */
public abstract class ValueConformance extends ObjectsConformance
{
    private static final int INCREMENTS = 500;

    @Test
    void shouldUpdateAtomically()
    {
        final LongValue value = objects().longValue(unique("value"));
        assertEquals(0, value.get());
        value.set(40);
        assertEquals(42, value.addAndGet(2));
        assertEquals(42, value.getAndAdd(-2));
        assertEquals(41, value.incrementAndGet());
        assertEquals(40, value.decrementAndGet());
        assertTrue(value.compareAndSet(40, 7));
        assertFalse(value.compareAndSet(40, 8));
        assertEquals(7, value.getAndSet(9));
        assertEquals(9, value.get());
    }

    @Test
    void shouldKeepTheCreatorsInitialValue()
    {
        final String name = unique("value");
        final LongValue first = objects().longValue(name, 5);
        final LongValue second = objects().longValue(name, 99);
        assertEquals(5, second.get());
        first.incrementAndGet();
        assertEquals(6, second.get());
    }

    @Test
    void shouldCountExactlyAcrossProcesses()
    {
        final String backend = objects().backend();
        final String namespace = objects().namespace();
        final String name = unique("counter");
        final LongValue counter = objects().longValue(name);
        final long self = ProcessHandle.current().pid();
        final CompletableFuture<List<Long>> remote = pool().mapAsync(task ->
        {
            try (SharedObjects objects = remote(backend, namespace))
            {
                final LongValue shared = objects.longValue(name);
                for (int i = 0; i < INCREMENTS; i++)
                {
                    shared.incrementAndGet();
                }
                return ProcessHandle.current().pid();
            }
        }, REMOTE_TASKS);
        for (int i = 0; i < INCREMENTS; i++)
        {
            counter.incrementAndGet();
        }
        final List<Long> pids = remote.join();
        assertEquals((long) INCREMENTS * (REMOTE_TASKS.size() + 1), counter.get());
        pids.forEach(pid -> assertNotEquals(self, pid));
    }
}
