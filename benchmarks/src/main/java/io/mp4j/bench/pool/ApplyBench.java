package io.mp4j.bench.pool;

import io.mp4j.bench.ResultLines;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.ProcessPool;
import io.mp4j.launcher.pool.ThreadPool;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One task at a time and many tasks in flight, on warm pools of {@code workers} workers:
 * <ul>
 *     <li>{@code apply}: a blocking call per task, each timed into an HdrHistogram ({@code rtt_p50_us} ...
 *     {@code rtt_max_us}) and the mean ({@code apply_loop ... us_per_task}, the Python peers' figure:
 *     {@code mp.Pool.apply_loop}, {@code cf.ProcessPoolExecutor.submit_result_loop});</li>
 *     <li>{@code apply_async}: n {@code applyAsync} calls, then every result joined ({@code us_per_task},
 *     {@code tasks_per_s}), beside Python's {@code mp.Pool.apply_async} and
 *     {@code cf.ProcessPoolExecutor.submit_all_gather}; and {@code submit_all_gather}, the same with
 *     {@code submit(Job)} of a lambda capturing the argument (a new function per task).</li>
 * </ul>
 * Implementations, interleaved run by run: mp4j {@link ProcessPool} ({@code mp4j.ProcessPool}), mp4j
 * {@link ThreadPool} ({@code mp4j.ThreadPool}), and a fixed {@link ExecutorService} of the JDK
 * ({@code jdk.ExecutorService}, {@code submit(...).get()}), all with the task {@link Tasks#cube}.
 */
final class ApplyBench
{
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(10);
    /** The pause before each call of the sporadic figures. */
    private static final long GAP_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private ApplyBench()
    {
    }

    /**
     * @param pin a label for the figures ({@code none}: no label), e.g. {@code all_on_cpu0} when the script runs
     *            this JVM under {@code taskset -c 0} (its workers inherit the affinity).
     */
    static void runApply(final int workers, final int runs, final int calls, final int warmupCalls,
        final int gapCalls, final String pin, final ResultLines out)
    {
        System.err.printf("== apply round trip: %d workers, %d runs x %,d calls after %,d warm-up calls, pin=%s%n",
            workers, runs, calls, warmupCalls, pin);
        final Figures figures = new Figures();
        final PoolOptions options = PoolOptions.defaults().withWorkers(workers).withKeepAlive(Duration.ZERO);
        final ExecutorService executor = Executors.newFixedThreadPool(workers);
        try (ProcessPool processPool = new ProcessPool(options); ThreadPool threadPool = new ThreadPool(options))
        {
            final Map<String, Caller> impls = new LinkedHashMap<>();
            impls.put("mp4j.ProcessPool", x -> processPool.apply(Tasks::cube, x));
            impls.put("mp4j.ThreadPool", x -> threadPool.apply(Tasks::cube, x));
            impls.put("jdk.ExecutorService", x -> getUnchecked(executor.submit(() -> Tasks.cube(x))));
            for (final Map.Entry<String, Caller> e : impls.entrySet())
            {
                loop(e.getValue(), warmupCalls, new Histogram(HIGHEST_TRACKABLE_NS, 3));
            }
            for (int run = 0; run < runs; run++)
            {
                for (final Map.Entry<String, Caller> e : impls.entrySet())
                {
                    final Histogram h = new Histogram(HIGHEST_TRACKABLE_NS, 3);
                    final long totalNs = loop(e.getValue(), calls, h);
                    final String bench = e.getKey() + (e.getKey().startsWith("jdk") ? ".submit_get" : ".apply");
                    final Map<String, Object> p = ResultLines.params("n", calls);
                    if (!"none".equals(pin))
                    {
                        p.put("pin", pin);
                    }
                    figures.add(bench, "rtt_p50_us", "us", p, h.getValueAtPercentile(50) / 1e3);
                    figures.add(bench, "rtt_p90_us", "us", p, h.getValueAtPercentile(90) / 1e3);
                    figures.add(bench, "rtt_p99_us", "us", p, h.getValueAtPercentile(99) / 1e3);
                    figures.add(bench, "rtt_p99.9_us", "us", p, h.getValueAtPercentile(99.9) / 1e3);
                    figures.add(bench, "rtt_max_us", "us", p, h.getMaxValue() / 1e3);
                    final String loopBench = e.getKey() + (e.getKey().startsWith("jdk") ? ".submit_result_loop" :
                        ".apply_loop");
                    figures.add(loopBench, "us_per_task", "us", p, totalNs / 1e3 / calls);
                    System.err.printf("   run %d %-22s p50 %8.2f us  p90 %8.2f  p99 %8.2f  p99.9 %9.2f  max %10.1f  " +
                        "mean (loop) %8.2f us%n", run + 1, e.getKey(), h.getValueAtPercentile(50) / 1e3,
                        h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                        h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, totalNs / 1e3 / calls);
                }
                if (gapCalls > 0)
                {
                    for (final Map.Entry<String, Caller> e : impls.entrySet())
                    {
                        final Histogram h = new Histogram(HIGHEST_TRACKABLE_NS, 3);
                        sporadic(e.getValue(), gapCalls, GAP_NS, h);
                        final String bench = e.getKey() + (e.getKey().startsWith("jdk") ? ".submit_get" : ".apply");
                        final Map<String, Object> p = ResultLines.params("gap_us", GAP_NS / 1000, "n", gapCalls);
                        if (!"none".equals(pin))
                        {
                            p.put("pin", pin);
                        }
                        figures.add(bench, "rtt_p50_us", "us", p, h.getValueAtPercentile(50) / 1e3);
                        figures.add(bench, "rtt_p90_us", "us", p, h.getValueAtPercentile(90) / 1e3);
                        figures.add(bench, "rtt_p99_us", "us", p, h.getValueAtPercentile(99) / 1e3);
                        System.err.printf("   run %d %-22s after a %d us pause: p50 %8.2f us  p90 %8.2f  p99 %8.2f%n",
                            run + 1, e.getKey(), GAP_NS / 1000, h.getValueAtPercentile(50) / 1e3,
                            h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3);
                    }
                }
            }
        }
        finally
        {
            executor.shutdownNow();
        }
        figures.emit(out);
    }

    static void runAsync(final int workers, final int runs, final List<Integer> sizes, final long warmupMs,
        final ResultLines out)
    {
        System.err.printf("== async throughput: %d workers, %d runs, sizes %s%n", workers, runs, sizes);
        final Figures figures = new Figures();
        final PoolOptions options = PoolOptions.defaults().withWorkers(workers).withKeepAlive(Duration.ZERO);
        final ExecutorService executor = Executors.newFixedThreadPool(workers);
        try (ProcessPool processPool = new ProcessPool(options); ThreadPool threadPool = new ThreadPool(options))
        {
            final Map<String, Batch> impls = new LinkedHashMap<>();
            impls.put("mp4j.ProcessPool.apply_async", n -> joinAll(n, x -> processPool.applyAsync(Tasks::cube, x)));
            impls.put("mp4j.ProcessPool.submit_all_gather", n -> joinAll(n, x -> processPool.submit(() ->
                Tasks.cube(x))));
            impls.put("mp4j.ThreadPool.apply_async", n -> joinAll(n, x -> threadPool.applyAsync(Tasks::cube, x)));
            impls.put("jdk.ExecutorService.submit_all_gather", n ->
            {
                final List<Future<Integer>> fs = new ArrayList<>(n);
                for (int x = 0; x < n; x++)
                {
                    final int arg = x;
                    fs.add(executor.submit(() -> Tasks.cube(arg)));
                }
                long sum = 0;
                for (final Future<Integer> f : fs)
                {
                    sum += getUnchecked(f);
                }
                return sum;
            });
            for (final Batch b : impls.values())
            {
                final long deadlineNs = System.nanoTime() + warmupMs * 1_000_000L;
                for (int i = 0; i < 3 || System.nanoTime() - deadlineNs < 0; i++)
                {
                    b.run(10_000);
                }
            }
            for (int run = 0; run < runs; run++)
            {
                for (final int n : sizes)
                {
                    for (final Map.Entry<String, Batch> e : impls.entrySet())
                    {
                        final long t0 = System.nanoTime();
                        final long sum = e.getValue().run(n);
                        final long ns = System.nanoTime() - t0;
                        check(sum, n);
                        final Map<String, Object> p = ResultLines.params("n", n);
                        figures.add(e.getKey(), "us_per_task", "us", p, ns / 1e3 / n);
                        figures.add(e.getKey(), "tasks_per_s", "tasks/s", p, n / (ns / 1e9));
                        System.err.printf("   run %d %-40s n=%,9d  %8.3f us/task  %,12.0f tasks/s%n", run + 1,
                            e.getKey(), n, ns / 1e3 / n, n / (ns / 1e9));
                    }
                }
            }
        }
        finally
        {
            executor.shutdownNow();
        }
        figures.emit(out);
    }

    private interface Caller
    {
        Integer call(int x);
    }

    private interface Batch
    {
        long run(int n);
    }

    private interface Starter
    {
        CompletableFuture<Integer> start(int x);
    }

    private static long loop(final Caller caller, final int calls, final Histogram histogram)
    {
        long check = 0;
        final long start = System.nanoTime();
        long t0 = start;
        for (int x = 0; x < calls; x++)
        {
            check += caller.call(x & 1023);
            final long t1 = System.nanoTime();
            histogram.recordValue(Math.min(t1 - t0, HIGHEST_TRACKABLE_NS));
            t0 = t1;
        }
        final long totalNs = t0 - start;
        long expected = 0;
        for (int x = 0; x < calls; x++)
        {
            expected += Tasks.cube(x & 1023);
        }
        if (check != expected)
        {
            throw new IllegalStateException("wrong sum of results: " + check + " != " + expected);
        }
        return totalNs;
    }

    /**
     * Calls one at a time with a pause before each, so that the worker has gone from spinning to parking: the round
     * trip of an occasional call. Only the call is timed.
     */
    private static void sporadic(final Caller caller, final int calls, final long gapNs, final Histogram histogram)
    {
        for (int x = 0; x < calls; x++)
        {
            final long pauseEnd = System.nanoTime() + gapNs;
            while (System.nanoTime() - pauseEnd < 0)
            {
                LockSupport.parkNanos(pauseEnd - System.nanoTime());
            }
            final long t0 = System.nanoTime();
            final Integer r = caller.call(x & 1023);
            histogram.recordValue(Math.min(System.nanoTime() - t0, HIGHEST_TRACKABLE_NS));
            if (r != Tasks.cube(x & 1023).intValue())
            {
                throw new IllegalStateException("wrong result " + r);
            }
        }
    }

    private static long joinAll(final int n, final Starter starter)
    {
        final List<CompletableFuture<Integer>> fs = new ArrayList<>(n);
        for (int x = 0; x < n; x++)
        {
            fs.add(starter.start(x));
        }
        long sum = 0;
        for (final CompletableFuture<Integer> f : fs)
        {
            sum += f.join();
        }
        return sum;
    }

    private static void check(final long sum, final int n)
    {
        long expected = 0;
        for (int x = 0; x < n; x++)
        {
            expected += Tasks.cube(x);
        }
        if (sum != expected)
        {
            throw new IllegalStateException("wrong sum of results for n=" + n + ": " + sum + " != " + expected);
        }
    }

    private static <T> T getUnchecked(final Future<T> future)
    {
        try
        {
            return future.get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException(ex.getCause());
        }
    }
}
