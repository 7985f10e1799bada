package io.mp4j.launcher.pool;

import io.mp4j.launcher.Job;
import io.mp4j.launcher.process.WorkerSpec;

import java.time.Duration;
import java.util.Objects;

/**
 * A pool's settings. Immutable.
 *
 * @param workers          the number of workers: positive, or negative as in joblib ({@link Workers}).
 * @param spec             how worker JVMs start (process pools only).
 * @param initializer      runs once in each worker before its first task, or null. If it throws, the pool fails
 *                         every call with that exception instead of starting workers forever.
 * @param maxTasksPerChild a worker is replaced after this many tasks; 0 for never.
 * @param taskTimeout      a task running longer fails with a {@link io.mp4j.launcher.TaskTimeoutException} (its
 *                         worker JVM is killed and replaced), or null for no limit.
 * @param retry            what happens to a failed task.
 * @param keepAlive        how long a closed process pool's idle workers wait for a new pool with the same settings
 *                         to take them; {@link Duration#ZERO} stops them at close.
 */
public record PoolOptions(
    int workers,
    WorkerSpec spec,
    Job<?> initializer,
    int maxTasksPerChild,
    Duration taskTimeout,
    RetryPolicy retry,
    Duration keepAlive)
{
    /** Default keep-alive of a closed pool's workers. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);

    /**
     * Validates.
     *
     * @param workers          the number of workers.
     * @param spec             how worker JVMs start.
     * @param initializer      the initializer, or null.
     * @param maxTasksPerChild tasks before a worker is replaced; 0 for never.
     * @param taskTimeout      the per-task timeout, or null.
     * @param retry            the retry policy.
     * @param keepAlive        the keep-alive of a closed pool's workers.
     */
    public PoolOptions
    {
        Workers.resolve(workers);
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(keepAlive, "keepAlive");
        if (maxTasksPerChild < 0)
        {
            throw new IllegalArgumentException("maxTasksPerChild must be 0 (never) or positive: maxTasksPerChild=" +
                maxTasksPerChild);
        }
        if (taskTimeout != null && (taskTimeout.isNegative() || taskTimeout.isZero()))
        {
            throw new IllegalArgumentException("taskTimeout must be positive: taskTimeout=" + taskTimeout);
        }
        if (keepAlive.isNegative())
        {
            throw new IllegalArgumentException("keepAlive is negative: keepAlive=" + keepAlive);
        }
    }

    /**
     * @return one worker per processor, default worker spec, no initializer, no recycling, no timeout, no retry,
     * workers kept alive {@link #DEFAULT_KEEP_ALIVE} after close.
     */
    public static PoolOptions defaults()
    {
        return new PoolOptions(-1, WorkerSpec.defaults(), null, 0, null, RetryPolicy.none(), DEFAULT_KEEP_ALIVE);
    }

    /**
     * @param workers the number of workers: positive, or negative as in joblib.
     * @return a copy with it.
     */
    public PoolOptions withWorkers(final int workers)
    {
        return new PoolOptions(workers, spec, initializer, maxTasksPerChild, taskTimeout, retry, keepAlive);
    }

    /**
     * @param spec how worker JVMs start.
     * @return a copy with it.
     */
    public PoolOptions withSpec(final WorkerSpec spec)
    {
        return new PoolOptions(workers, spec, initializer, maxTasksPerChild, taskTimeout, retry, keepAlive);
    }

    /**
     * @param initializer runs once in each worker before its first task.
     * @return a copy with it.
     */
    public PoolOptions withInitializer(final Job<?> initializer)
    {
        return new PoolOptions(workers, spec, initializer, maxTasksPerChild, taskTimeout, retry, keepAlive);
    }

    /**
     * @param maxTasksPerChild tasks before a worker is replaced; 0 for never.
     * @return a copy with it.
     */
    public PoolOptions withMaxTasksPerChild(final int maxTasksPerChild)
    {
        return new PoolOptions(workers, spec, initializer, maxTasksPerChild, taskTimeout, retry, keepAlive);
    }

    /**
     * @param taskTimeout the per-task timeout, or null for none.
     * @return a copy with it.
     */
    public PoolOptions withTaskTimeout(final Duration taskTimeout)
    {
        return new PoolOptions(workers, spec, initializer, maxTasksPerChild, taskTimeout, retry, keepAlive);
    }

    /**
     * @param retry the retry policy.
     * @return a copy with it.
     */
    public PoolOptions withRetry(final RetryPolicy retry)
    {
        return new PoolOptions(workers, spec, initializer, maxTasksPerChild, taskTimeout, retry, keepAlive);
    }

    /**
     * @param keepAlive how long a closed pool's idle workers wait to be reused; zero to stop them at close.
     * @return a copy with it.
     */
    public PoolOptions withKeepAlive(final Duration keepAlive)
    {
        return new PoolOptions(workers, spec, initializer, maxTasksPerChild, taskTimeout, retry, keepAlive);
    }

    /**
     * @return the resolved number of workers.
     */
    public int workerCount()
    {
        return Workers.resolve(workers);
    }
}
