package io.mp4j.launcher.pool;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.launcher.TaskFailedException;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The pool interface over a {@link PoolEngine}: the same calls, chunking, ordering and failure rules as
 * {@link ProcessPool} and {@link ThreadPool}, with tasks run wherever the engine runs them (a cluster backend, see
 * {@link PoolBackend}). Works with {@link CallStream} too.
 *
 * <p>Callers that wait for results park, and are unparked as outcomes are reported: nothing spins on this JVM's
 * cores while a remote engine works.
 *
 * <p>Threading: thread-safe.
 */
public final class EnginePool extends AbstractPool
{
    /** Longest park of a waiting caller between checks: a safety net, since reports unpark waiters. */
    static final long MAX_PARK_NS = 10_000_000;

    private static final AtomicInteger POOL_IDS = new AtomicInteger(1);

    private final int id = POOL_IDS.getAndIncrement();
    private final PoolEngine engine;
    private final String name;
    private final Set<TaskBatch> live = ConcurrentHashMap.newKeySet();
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean engineClosed = new AtomicBoolean();
    private volatile boolean terminated;

    /**
     * @param size   the pool's nominal number of workers: what automatic chunk sizes are computed from.
     * @param engine where tasks run; closed when the pool has terminated.
     * @param name   what {@link #toString()} shows, e.g. {@code "IgnitePool(3 servers)"}.
     */
    public EnginePool(final int size, final PoolEngine engine, final String name)
    {
        super(checkSize(size));
        this.engine = Objects.requireNonNull(engine, "engine");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    Object prepare(final Object function)
    {
        return engine.prepare(function);
    }

    @Override
    void execute(final Chunk chunk)
    {
        final TaskBatch batch = new TaskBatch(this, chunk);
        live.add(batch);
        if (terminated)
        {
            batch.failRemaining(this + " was terminated");
            return;
        }
        try
        {
            engine.execute(batch);
        }
        catch (final RuntimeException ex)
        {
            for (int task = 0; task < batch.size(); task++)
            {
                final long index = batch.index(task);
                batch.failed(task, new TaskFailedException("task " + index + " was not sent: " +
                    ex, index, null, ex));
            }
        }
    }

    @Override
    void awaitUntil(final BooleanSupplier done)
    {
        if (done.getAsBoolean())
        {
            return;
        }
        final Thread self = Thread.currentThread();
        waiting.add(self);
        try
        {
            // a report after the add unparks us; one before it is seen by the check
            while (!done.getAsBoolean())
            {
                LockSupport.parkNanos(this, MAX_PARK_NS);
                if (Thread.interrupted())
                {
                    self.interrupt();
                    throw new Mp4jException("interrupted while waiting for results of " + this);
                }
            }
        }
        finally
        {
            waiting.remove(self);
        }
    }

    void wakeWaiters()
    {
        for (final Thread thread : waiting)
        {
            LockSupport.unpark(thread);
        }
    }

    void batchEnded(final TaskBatch batch)
    {
        live.remove(batch);
    }

    @Override
    public boolean awaitTermination(final Duration timeout)
    {
        if (!isShutdown())
        {
            throw new IllegalStateException(this + " is not shut down: call shutdown() first");
        }
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        final Thread self = Thread.currentThread();
        waiting.add(self);
        try
        {
            while (unfinishedTasks() > 0)
            {
                final long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0)
                {
                    return false;
                }
                LockSupport.parkNanos(this, Math.min(leftNs, MAX_PARK_NS));
                if (Thread.interrupted())
                {
                    self.interrupt();
                    throw new Mp4jException("interrupted while waiting for " + this + " to end");
                }
            }
        }
        finally
        {
            waiting.remove(self);
        }
        closeEngine();
        return true;
    }

    @Override
    public void terminate()
    {
        shutdown();
        terminated = true;
        for (final TaskBatch batch : live)
        {
            batch.failRemaining(this + " was terminated");
        }
        closeEngine();
    }

    @Override
    public void close()
    {
        shutdown();
        awaitTermination(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Override
    public String toString()
    {
        return name + "-" + id;
    }

    private void closeEngine()
    {
        if (engineClosed.compareAndSet(false, true))
        {
            engine.close();
        }
    }

    private static int checkSize(final int size)
    {
        if (size < 1)
        {
            throw new IllegalArgumentException("size must be at least 1: size=" + size);
        }
        return size;
    }
}
