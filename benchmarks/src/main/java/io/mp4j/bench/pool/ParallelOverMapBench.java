package io.mp4j.bench.pool;

import io.mp4j.bench.ResultLines;
import io.mp4j.launcher.parallel.Backend;
import io.mp4j.launcher.parallel.Delayed;
import io.mp4j.launcher.parallel.Parallel;
import io.mp4j.launcher.parallel.ParallelScope;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.ProcessPool;
import io.mp4j.launcher.pool.ThreadPool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static io.mp4j.launcher.parallel.Parallel.delayed;

/**
 * Time per trivial call ({@link Tasks#cube}) of a whole {@code Parallel.run} over {@code n} calls, automatic
 * batches, on worker JVMs and on threads, beside {@code map} of the same pool kind in the same runs (the peer
 * {@code Parallel} should stay close to) and joblib's figure from the Python peers:
 * <ul>
 *   <li>{@code pool=cold}: the first call, no warm worker JVM left (they are stopped before each run): the pool's
 *       start is in the time;</li>
 *   <li>{@code pool=warm_next}: the call right after, which takes the cold call's idle workers (JIT of the workers
 *       barely started);</li>
 *   <li>{@code pool=warm}: a call of a plain {@code Parallel} after {@code warmupMs} of such calls (each call still
 *       opens a pool on warm workers and closes it);</li>
 *   <li>{@code pool=scope}: a call in a {@link ParallelScope} (one pool for every call), after the warm-up;</li>
 *   <li>{@code input=stream}: the warm call with its {@code Delayed}s made on the fly from a stream (their
 *       allocation counted), instead of a list made beforehand.</li>
 * </ul>
 *
 * <p>Ids: {@code mp4j.Parallel.run[backend=processes,input=list,n=100000,pool=cold].us_per_task} and so on;
 * {@code mp4j.ProcessPool.map[chunksize=default,n=100000].us_per_task} beside.
 */
final class ParallelOverMapBench
{
    private ParallelOverMapBench()
    {
    }

    static void run(final int workers, final int runs, final List<Integer> sizes, final long warmupMs,
        final ResultLines out)
    {
        System.err.printf("== Parallel.run per call: %d workers, %d runs, sizes %s%n", workers, runs, sizes);
        final Figures figures = new Figures();
        for (final int n : sizes)
        {
            final List<Integer> inputs = IntStream.range(0, n).boxed().toList();
            final List<Delayed<Integer>> calls = new ArrayList<>(n);
            for (final Integer x : inputs)
            {
                calls.add(delayed(Tasks::cube, x));
            }
            for (final Backend backend : new Backend[] {Backend.PROCESSES, Backend.THREADS})
            {
                final Parallel parallel = new Parallel(workers).backend(backend)
                    .poolOptions(PoolOptions.defaults().withKeepAlive(Duration.ofSeconds(60)));
                final String label = backend.label();
                for (int run = 0; run < runs; run++)
                {
                    ProcessPool.stopIdleWorkers();
                    time(figures, "mp4j.Parallel.run", label, "list", "cold", n, () -> parallel.run(calls));
                    time(figures, "mp4j.Parallel.run", label, "list", "warm_next", n, () -> parallel.run(calls));
                }
                warmUp(warmupMs, () -> parallel.run(calls), n);
                try (ParallelScope scope = parallel.open();
                     Pool pool = backend == Backend.PROCESSES ?
                         new ProcessPool(PoolOptions.defaults().withWorkers(workers)) : new ThreadPool(workers))
                {
                    warmUp(warmupMs, () -> scope.run(calls), n);
                    warmUp(warmupMs, () -> pool.map(Tasks::cube, inputs), n);
                    for (int run = 0; run < runs; run++)
                    {
                        time(figures, "mp4j.Parallel.run", label, "list", "warm", n, () -> parallel.run(calls));
                        time(figures, "mp4j.Parallel.run", label, "stream", "warm", n,
                            () -> parallel.run(inputs.stream().map(x -> delayed(Tasks::cube, x))));
                        time(figures, "mp4j.Parallel.run", label, "list", "scope", n, () -> scope.run(calls));
                        final long t0 = System.nanoTime();
                        check(pool.map(Tasks::cube, inputs), n);
                        final double us = (System.nanoTime() - t0) / 1e3 / n;
                        figures.add(backend == Backend.PROCESSES ? "mp4j.ProcessPool.map" : "mp4j.ThreadPool.map",
                            "us_per_task", "us", ResultLines.params("chunksize", "default", "n", n), us);
                        System.err.printf("   run %d %-22s %-9s n=%,9d  %9.4f us/task%n", run + 1, "pool.map",
                            label, n, us);
                    }
                }
            }
        }
        ProcessPool.stopIdleWorkers();
        figures.emit(out);
    }

    private static void time(final Figures figures, final String bench, final String backend, final String input,
        final String pool, final int n, final Supplier<List<Integer>> call)
    {
        final long t0 = System.nanoTime();
        final List<Integer> results = call.get();
        final double us = (System.nanoTime() - t0) / 1e3 / n;
        check(results, n);
        final Map<String, Object> params = ResultLines.params("backend", backend, "input", input, "n", n, "pool",
            pool);
        figures.add(bench, "us_per_task", "us", params, us);
        System.err.printf("   %-22s %-9s %-6s %-9s n=%,9d  %9.4f us/task  (%,.1f ms)%n", bench, backend, input, pool,
            n, us, us * n / 1e3);
    }

    private static void warmUp(final long warmupMs, final Supplier<List<Integer>> call, final int n)
    {
        final long deadlineNs = System.nanoTime() + warmupMs * 1_000_000L;
        int calls = 0;
        while (calls < 5 || System.nanoTime() - deadlineNs < 0)
        {
            check(call.get(), n);
            calls++;
        }
    }

    private static void check(final List<Integer> results, final int n)
    {
        if (results.size() != n || !results.get(n - 1).equals(Tasks.cube(n - 1)) ||
            !results.get(n / 2).equals(Tasks.cube(n / 2)))
        {
            throw new IllegalStateException("wrong results for n=" + n);
        }
    }
}
