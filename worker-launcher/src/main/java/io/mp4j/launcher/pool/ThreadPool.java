package io.mp4j.launcher.pool;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.TaskTimeoutException;
import io.mp4j.launcher.worker.PoolIdle;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The pool interface over threads of this JVM (Python's {@code multiprocessing.dummy.Pool} and
 * {@code ThreadPoolExecutor}), for IO-bound work: tasks are called directly, nothing is serialized. The initializer
 * runs once in each thread before its first task; {@code maxTasksPerChild} does not apply. A task past its timeout
 * fails with a {@link TaskTimeoutException} and its thread is interrupted; a thread cannot be killed, so one that
 * ignores the interrupt keeps its place until the task returns (its result is then dropped).
 *
 * <p>Threading: thread-safe.
 */
public final class ThreadPool extends AbstractPool
{
    private static final AtomicInteger POOL_IDS = new AtomicInteger(1);

    private final int id;
    private final PoolOptions options;
    private final ThreadPoolExecutor executor;
    private final ThreadLocal<Object> initialized = new ThreadLocal<>();
    private volatile boolean terminated;
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;

    private record Running(Thread thread, long startNs, AtomicBoolean settled, Chunk chunk, int index)
    {
    }

    /**
     * @param workers the number of threads: positive, or negative as in joblib.
     */
    public ThreadPool(final int workers)
    {
        this(PoolOptions.defaults().withWorkers(workers));
    }

    /**
     * @param options the settings ({@code spec}, {@code maxTasksPerChild} and {@code keepAlive} do not apply).
     */
    public ThreadPool(final PoolOptions options)
    {
        this(options, POOL_IDS.getAndIncrement());
    }

    private ThreadPool(final PoolOptions options, final int id)
    {
        super(options.workerCount(), PoolCounters.allocate(PoolCounters.poolName(PoolCounters.THREAD_POOL, id)));
        this.id = id;
        this.options = options;
        final AtomicInteger threads = new AtomicInteger(1);
        this.executor = new ThreadPoolExecutor(size(), size(), 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            r ->
            {
                final Thread thread = new Thread(r, "mp4j-thread-pool-" + id + "-" + threads.getAndIncrement());
                thread.setDaemon(true);
                return thread;
            });
        if (options.taskTimeout() != null)
        {
            final long periodNs = Math.max(1_000_000, Math.min(50_000_000, options.taskTimeout().toNanos() / 4));
            watchdog = Executors.newSingleThreadScheduledExecutor(r ->
            {
                final Thread thread = new Thread(r, "mp4j-thread-pool-" + id + "-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            watchdog.scheduleAtFixedRate(this::checkTimeouts, periodNs, periodNs, TimeUnit.NANOSECONDS);
        }
        else
        {
            watchdog = null;
        }
        if (counters() != null)
        {
            counters().workers(size());
        }
    }

    /**
     * @return the pool's id: its number in {@link #toString()} and in its shared counters' labels
     * ({@link PoolCounters}).
     */
    public int id()
    {
        return id;
    }

    @Override
    Object prepare(final Object function)
    {
        return null; // tasks are called as they are
    }

    @Override
    void execute(final Chunk chunk)
    {
        try
        {
            executor.execute(() -> run(chunk));
        }
        catch (final java.util.concurrent.RejectedExecutionException ex)
        {
            for (int index = 0; index < chunk.size(); index++)
            {
                failed(chunk, index, new TaskFailedException(this + " was terminated: task " +
                    chunk.positions[index] + " did not run", chunk.positions[index], null, null));
            }
        }
    }

    @Override
    void awaitUntil(final BooleanSupplier done)
    {
        final IdleStrategy idle = PoolIdle.create();
        while (!done.getAsBoolean())
        {
            idle.idle();
            if (Thread.interrupted())
            {
                Thread.currentThread().interrupt();
                throw new Mp4jException("interrupted while waiting for results of " + this);
            }
        }
    }

    @Override
    public void shutdown()
    {
        super.shutdown();
        executor.shutdown();
    }

    @Override
    public boolean awaitTermination(final Duration timeout)
    {
        if (!isShutdown())
        {
            throw new IllegalStateException(this + " is not shut down: call shutdown() first");
        }
        try
        {
            final boolean done = executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (done && watchdog != null)
            {
                watchdog.shutdownNow();
            }
            if (done)
            {
                closeCounters();
            }
            return done;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new Mp4jException("interrupted while waiting for " + this + " to end");
        }
    }

    @Override
    public void terminate()
    {
        super.shutdown();
        terminated = true;
        final List<Runnable> notStarted = executor.shutdownNow();
        notStarted.forEach(Runnable::run); // each fails its tasks: the pool is shut down
        if (watchdog != null)
        {
            watchdog.shutdownNow();
        }
        closeCounters();
    }

    private synchronized void closeCounters()
    {
        if (counters() != null)
        {
            counters().workers(0);
            counters().close();
        }
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
        return "ThreadPool-" + id + "(" + size() + " threads)";
    }

    private void run(final Chunk chunk)
    {
        final String thread = Thread.currentThread().getName();
        final long startNs = System.nanoTime();
        for (int index = 0; index < chunk.size(); index++)
        {
            final long position = chunk.positions[index];
            if (terminated)
            {
                failed(chunk, index, new TaskFailedException(this + " was terminated: task " + position +
                    " did not run", position, thread, null));
                continue;
            }
            final Running run = new Running(Thread.currentThread(), System.nanoTime(), new AtomicBoolean(), chunk,
                index);
            if (watchdog != null)
            {
                running.add(run);
            }
            Object value = null;
            Throwable failure;
            int attempt = 1;
            while (true)
            {
                failure = initialize();
                if (failure == null)
                {
                    try
                    {
                        value = call(chunk, index);
                    }
                    catch (final Throwable t)
                    {
                        failure = t;
                    }
                }
                if (failure == null || !options.retry().onException() || attempt >= options.retry().maxAttempts() ||
                    run.settled().get())
                {
                    break;
                }
                sleep(options.retry().backoffAfter(attempt++));
            }
            if (watchdog != null)
            {
                running.remove(run);
            }
            if (!run.settled().compareAndSet(false, true))
            {
                Thread.interrupted(); // the watchdog's interrupt, meant for the task that timed out
                continue;
            }
            if (failure == null)
            {
                succeeded(chunk, index, value);
            }
            else
            {
                failed(chunk, index, new TaskFailedException("task " + position + " failed in thread " + thread +
                    ": " + failure, position, thread, failure));
            }
        }
        chunk.call.chunkFinished(chunk.size(), System.nanoTime() - startNs);
    }

    private Throwable initialize()
    {
        if (options.initializer() == null)
        {
            return null;
        }
        Object outcome = initialized.get();
        if (outcome == null)
        {
            try
            {
                options.initializer().call();
                outcome = Boolean.TRUE;
            }
            catch (final Throwable t)
            {
                outcome = new IllegalStateException("the pool's initializer failed in thread " +
                    Thread.currentThread().getName() + ": " + t, t);
            }
            initialized.set(outcome);
        }
        return outcome instanceof Throwable failure ? failure : null;
    }

    @SuppressWarnings("unchecked")
    private static Object call(final Chunk chunk, final int index) throws Exception
    {
        final Object function = chunk.function;
        return switch (chunk.arity)
        {
            case 0 -> ((Job<Object>)function).call();
            case 2 -> ((BiTask<Object, Object, Object>)function).call(chunk.first(index), chunk.second(index));
            default -> ((Task<Object, Object>)function).call(chunk.first(index));
        };
    }

    private void checkTimeouts()
    {
        if (executor.isTerminated())
        {
            // shut down and every thread gone: nothing left to watch, even if nobody awaits termination
            watchdog.shutdown();
            return;
        }
        final long nowNs = System.nanoTime();
        final Duration timeout = options.taskTimeout();
        for (final Running run : running)
        {
            if (nowNs - run.startNs() > timeout.toNanos() && run.settled().compareAndSet(false, true))
            {
                running.remove(run);
                final long position = run.chunk().positions[run.index()];
                failed(run.chunk(), run.index(), new TaskTimeoutException("task " + position + " ran past its " +
                    "timeout of " + timeout + " in thread " + run.thread().getName() + "; the thread was interrupted",
                    position, run.thread().getName(), timeout));
                run.thread().interrupt();
            }
        }
    }

    private static void sleep(final Duration duration)
    {
        try
        {
            Thread.sleep(duration.toMillis());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
