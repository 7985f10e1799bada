package io.mp4j.cluster.conformance;

import io.mp4j.ipc.LongValue;
import io.mp4j.launcher.objects.SharedObjects;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared {@link Lock}: reentrant, exclusive across threads and processes, alike on every backend.
 */
public abstract class LockConformance extends ObjectsConformance
{
    private static final int SECTIONS = 40;

    @Test
    void shouldBeReentrantAndExclusiveAcrossThreads() throws Exception
    {
        final Lock lock = objects().lock(unique("lock"));
        lock.lock();
        try
        {
            assertTrue(lock.tryLock());
            lock.unlock();
            final CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    return lock.tryLock(50, TimeUnit.MILLISECONDS);
                }
                catch (final InterruptedException ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
            assertFalse(other.get());
        }
        finally
        {
            lock.unlock();
        }
        final CompletableFuture<Boolean> after = CompletableFuture.supplyAsync(() ->
        {
            final boolean taken = lock.tryLock();
            if (taken)
            {
                lock.unlock();
            }
            return taken;
        });
        assertTrue(after.get());
    }

    @Test
    void shouldExcludeAcrossProcesses()
    {
        final String backend = objects().backend();
        final String namespace = objects().namespace();
        final String lockName = unique("lock");
        final String valueName = unique("guarded");
        final Lock lock = objects().lock(lockName);
        final LongValue guarded = objects().longValue(valueName);
        final CompletableFuture<List<Integer>> remote = pool().mapAsync(task ->
        {
            try (SharedObjects objects = remote(backend, namespace))
            {
                final Lock shared = objects.lock(lockName);
                final LongValue value = objects.longValue(valueName);
                for (int i = 0; i < SECTIONS; i++)
                {
                    shared.lock();
                    try
                    {
                        value.set(value.get() + 1);
                    }
                    finally
                    {
                        shared.unlock();
                    }
                }
                return task;
            }
        }, REMOTE_TASKS);
        for (int i = 0; i < SECTIONS; i++)
        {
            lock.lock();
            try
            {
                guarded.set(guarded.get() + 1);
            }
            finally
            {
                lock.unlock();
            }
        }
        assertEquals(REMOTE_TASKS, remote.join());
        assertEquals((long) SECTIONS * (REMOTE_TASKS.size() + 1), guarded.get());
    }
}
