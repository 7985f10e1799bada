package io.mp4j.bench.pool;

/**
 * The tasks of the pool benchmarks, as static methods so that a method reference ({@code Tasks::cube}) is a
 * serializable {@link io.mp4j.launcher.Task} that worker JVMs load from the benchmarks jar. The workloads are the
 * Python peers' ({@code shared/peers/python/_common.py}: {@code cube(x) = x * x * x}).
 *
 * <p>Threading: stateless, any thread.
 */
public final class Tasks
{
    private Tasks()
    {
    }

    /**
     * The trivial task of the per-task overhead figures.
     *
     * @param x an int.
     * @return {@code x * x * x} (wrapping on overflow).
     */
    public static Integer cube(final Integer x)
    {
        final int v = x;
        return v * v * v;
    }

    /**
     * A second trivial task, to time a function a pool has not sent before.
     *
     * @param x an int.
     * @return {@code x * x} (wrapping on overflow).
     */
    public static Integer square(final Integer x)
    {
        final int v = x;
        return v * v;
    }

    /**
     * Tells which worker ran a task, to see when every worker of a new pool has answered.
     *
     * @param ignored any value.
     * @return the pid of the JVM that ran it.
     */
    public static Long pid(final Integer ignored)
    {
        return ProcessHandle.current().pid();
    }

    /**
     * A CPU-bound task: a xorshift chain (each step depends on the one before, so the JIT can neither vectorise nor
     * drop it) whose sum is returned, so that the work cannot be eliminated as dead code.
     *
     * @param iterations steps to run; about 0.6 ns each on a 2.6 GHz core.
     * @return the sum of the states.
     */
    public static Long burn(final Long iterations)
    {
        final long n = iterations;
        long x = 0x9E3779B97F4A7C15L ^ n;
        long sum = 0;
        for (long i = 0; i < n; i++)
        {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            sum += x;
        }
        return sum;
    }
}
