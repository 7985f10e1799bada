package io.mp4j.launcher.parallel;

/**
 * Where {@link Parallel} runs its calls: joblib's {@code backend="loky"}, {@code "threading"} and
 * {@code "sequential"}, and {@link #CONFIGURED}, the pool backend that configuration names (as joblib's
 * {@code parallel_config(backend=...)} chooses one outside the code).
 */
public enum Backend
{
    /**
     * Worker JVMs ({@link io.mp4j.launcher.pool.ProcessPool}), the default: a call runs in another JVM, so functions
     * and arguments must be serializable, and a task that crashes or hangs its JVM fails alone.
     */
    PROCESSES("processes"),

    /**
     * Threads of this JVM ({@link io.mp4j.launcher.pool.ThreadPool}): calls share the heap (joblib's
     * {@code require="sharedmem"}), nothing is serialized; for IO-bound work and work that releases no lock.
     */
    THREADS("threads"),

    /**
     * The calling thread, one call after the other: what {@code nJobs == 1} means, as in joblib.
     */
    SEQUENTIAL("sequential"),

    /**
     * A pool opened by {@link io.mp4j.launcher.pool.Pools#open(io.mp4j.launcher.pool.PoolOptions)}: on the backend
     * that the system property {@value io.mp4j.launcher.pool.Pools#BACKEND_PROPERTY} or the environment variable
     * {@value io.mp4j.launcher.pool.Pools#BACKEND_ENV} names ({@code local}, {@code threads}, or one found on the
     * class path, such as {@code ignite} for a cluster), worker JVMs when neither is set. The same code then runs on
     * this host or on a cluster. Functions and arguments must be serializable, as with {@link #PROCESSES}; the
     * number of workers is the pool's size.
     */
    CONFIGURED("configured");

    private final String label;

    Backend(final String label)
    {
        this.label = label;
    }

    /**
     * @return the backend's name in progress lines: {@code processes}, {@code threads}, {@code sequential} or
     * {@code configured}.
     */
    public String label()
    {
        return label;
    }
}
