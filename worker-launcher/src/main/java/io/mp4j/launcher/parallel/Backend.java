package io.mp4j.launcher.parallel;

/**
 * Where {@link Parallel} runs its calls: joblib's {@code backend="loky"}, {@code "threading"} and
 * {@code "sequential"}.
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
    SEQUENTIAL("sequential");

    private final String label;

    Backend(final String label)
    {
        this.label = label;
    }

    /**
     * @return the backend's name in progress lines: {@code processes}, {@code threads} or {@code sequential}.
     */
    public String label()
    {
        return label;
    }
}
