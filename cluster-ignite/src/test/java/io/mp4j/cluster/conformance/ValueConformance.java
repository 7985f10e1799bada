package io.mp4j.cluster.conformance;

import io.mp4j.ipc.BooleanValue;
import io.mp4j.ipc.DoubleValue;
import io.mp4j.ipc.IntValue;
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
 * {@link LongValue}, {@link IntValue}, {@link DoubleValue} and {@link BooleanValue}: counters and values, alike on
 * every backend.
 */
public abstract class ValueConformance extends ObjectsConformance
{
    private static final int INCREMENTS = 500;
    private static final int DOUBLE_ADDS = 50;

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
    void shouldUpdateAnIntAtomicallyAndWrapAt32Bits()
    {
        final IntValue value = objects().intValue(unique("int"));
        assertEquals(0, value.get());
        value.set(40);
        assertEquals(42, value.addAndGet(2));
        assertEquals(42, value.getAndAdd(-2));
        assertEquals(41, value.incrementAndGet());
        assertEquals(40, value.decrementAndGet());
        assertTrue(value.compareAndSet(40, 7));
        assertFalse(value.compareAndSet(40, 8));
        assertEquals(7, value.getAndSet(Integer.MAX_VALUE));
        assertEquals(Integer.MIN_VALUE, value.incrementAndGet());
        assertEquals(Integer.MIN_VALUE, value.getAndAdd(-1));
        assertEquals(Integer.MAX_VALUE, value.get());
        assertEquals(-5, objects().intValue(unique("int"), -5).get());
    }

    @Test
    void shouldUpdateADoubleAtomically()
    {
        final DoubleValue value = objects().doubleValue(unique("double"));
        assertEquals(0.0, value.get());
        value.set(1.5);
        assertEquals(1.75, value.addAndGet(0.25));
        assertEquals(1.75, value.getAndAdd(-0.75));
        assertEquals(1.0, value.get());
        assertTrue(value.compareAndSet(1.0, -2.5));
        assertFalse(value.compareAndSet(1.0, 3.0));
        assertEquals(-2.5, value.getAndSet(Double.NaN));
        assertTrue(value.compareAndSet(Double.NaN, 0.1), "NaN is compared by bits");
        assertEquals(0.1, value.get());
        assertEquals(Math.PI, objects().doubleValue(unique("double"), Math.PI).get());
    }

    @Test
    void shouldSetAndSwapABoolean()
    {
        final String name = unique("flag");
        final BooleanValue flag = objects().booleanValue(name);
        assertFalse(flag.get());
        flag.set(true);
        assertTrue(objects().booleanValue(name, false).get(), "the creator's value stays");
        assertFalse(flag.compareAndSet(false, true));
        assertTrue(flag.compareAndSet(true, false));
        assertFalse(flag.getAndSet(true));
        assertTrue(flag.getAndSet(true));
        assertTrue(objects().booleanValue(unique("flag"), true).get());
    }

    @Test
    void shouldAddDoublesExactlyAcrossProcesses()
    {
        final String backend = objects().backend();
        final String namespace = objects().namespace();
        final String name = unique("sum");
        final DoubleValue sum = objects().doubleValue(name);
        final CompletableFuture<List<Integer>> remote = pool().mapAsync(task ->
        {
            try (SharedObjects objects = remote(backend, namespace))
            {
                final DoubleValue shared = objects.doubleValue(name);
                for (int i = 0; i < DOUBLE_ADDS; i++)
                {
                    shared.addAndGet(0.5);
                }
                return task;
            }
        }, REMOTE_TASKS);
        for (int i = 0; i < DOUBLE_ADDS; i++)
        {
            sum.addAndGet(0.5);
        }
        assertEquals(REMOTE_TASKS, remote.join());
        assertEquals(0.5 * DOUBLE_ADDS * (REMOTE_TASKS.size() + 1), sum.get());
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
