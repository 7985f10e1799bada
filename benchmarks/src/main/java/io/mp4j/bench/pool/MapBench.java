package io.mp4j.bench.pool;

import io.mp4j.bench.ResultLines;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.ProcessPool;
import io.mp4j.launcher.pool.ThreadPool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Time per trivial task ({@link Tasks#cube} on an Integer) of a whole {@code map} call on a warm pool, for several
 * numbers of tasks, with the automatic chunk size and with chunks of 1, as the Python peers' {@code mp.Pool.map}
 * ({@code chunksize=default} and {@code 1}) and {@code joblib.Parallel} figures. Beside it, in the same runs:
 * mp4j's {@link ThreadPool} with automatic chunks, a {@link ForkJoinPool} of {@code workers} threads running a
 * parallel stream ({@code jdk.ForkJoinPool.parallel_stream}, the JDK's automatic splitting) and {@code invokeAll}
 * with one task per input ({@code jdk.ForkJoinPool.invokeAll}, chunks of 1), and the serial loop
 * ({@code jdk.serial.map}, a stream of one thread, as Python's {@code serial.map}). Each implementation first
 * maps for at least {@code warmupMs} (the JIT of this JVM and of the workers needs a few seconds of this path), then
 * the runs go round-robin over the implementations and sizes; chunks of 1 with 1,000,000 tasks or more run in the
 * first 3 runs only (seconds each).
 *
 * <p>Ids: {@code mp4j.ProcessPool.map[chunksize=default,n=100000].us_per_task} and so on.
 */
final class MapBench
{
    /** From this many tasks, chunks of 1 run at most {@link #LONG_CHUNK1_RUNS} times (as Python's long runs). */
    static final int LONG_CHUNK1_N = 1_000_000;
    static final int LONG_CHUNK1_RUNS = 3;

    private MapBench()
    {
    }

    private interface Mapper
    {
        List<Integer> map(List<Integer> inputs) throws Exception;
    }

    private record Impl(String bench, String chunk, Mapper mapper, int maxN)
    {
    }

    static void run(final int workers, final int runs, final List<Integer> sizes, final int chunk1MaxN,
        final long warmupMs, final ResultLines out) throws Exception
    {
        System.err.printf("== map per task: %d workers, %d runs, sizes %s, chunks of 1 up to n=%,d%n", workers, runs,
            sizes, chunk1MaxN);
        final Figures figures = new Figures();
        final PoolOptions options = PoolOptions.defaults().withWorkers(workers).withKeepAlive(Duration.ZERO);
        final ForkJoinPool forkJoin = new ForkJoinPool(workers);
        try (ProcessPool processPool = new ProcessPool(options); ThreadPool threadPool = new ThreadPool(options))
        {
            final List<Impl> impls = List.of(
                new Impl("mp4j.ProcessPool.map", "default", in -> processPool.map(Tasks::cube, in), Integer.MAX_VALUE),
                new Impl("mp4j.ProcessPool.map", "1", in -> processPool.map(Tasks::cube, in, 1), chunk1MaxN),
                new Impl("mp4j.ThreadPool.map", "default", in -> threadPool.map(Tasks::cube, in), Integer.MAX_VALUE),
                new Impl("jdk.ForkJoinPool.parallel_stream", "auto", in -> forkJoin.submit(() ->
                    in.parallelStream().map(Tasks::cube).collect(Collectors.toList())).get(), Integer.MAX_VALUE),
                new Impl("jdk.ForkJoinPool.invokeAll", "1", in -> invokeAll(forkJoin, in), chunk1MaxN),
                new Impl("jdk.serial.map", "n/a", in -> in.stream().map(Tasks::cube).collect(Collectors.toList()),
                    Integer.MAX_VALUE));

            final Map<Integer, List<Integer>> inputs = new LinkedHashMap<>();
            for (final int n : sizes)
            {
                final List<Integer> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++)
                {
                    list.add(i);
                }
                inputs.put(n, list);
            }
            // warm-up: each implementation maps the largest input up to 100,000 (chunks of 1: up to 10,000) for at
            // least warmupMs, so that this JVM and the workers have compiled the whole path
            for (final Impl impl : impls)
            {
                if (sizes.stream().noneMatch(size -> size <= impl.maxN()))
                {
                    continue; // never measured: --chunk1-max-n below every size
                }
                int n = 0;
                for (final int size : sizes)
                {
                    if (size <= Math.min(impl.maxN(), "1".equals(impl.chunk()) ? 10_000 : 100_000))
                    {
                        n = Math.max(n, size);
                    }
                }
                final List<Integer> warmup = inputs.get(n == 0 ? sizes.get(0) : n);
                final long deadlineNs = System.nanoTime() + warmupMs * 1_000_000L;
                int calls = 0;
                while (calls < 5 || System.nanoTime() - deadlineNs < 0)
                {
                    check(impl.mapper().map(warmup), warmup.size());
                    calls++;
                }
                System.err.printf("   warm-up %-34s chunk %-7s %,d maps of %,d%n", impl.bench(), impl.chunk(), calls,
                    warmup.size());
            }
            for (int run = 0; run < runs; run++)
            {
                for (final int n : sizes)
                {
                    for (final Impl impl : impls)
                    {
                        if (n > impl.maxN() || "1".equals(impl.chunk()) && n >= LONG_CHUNK1_N &&
                            run >= LONG_CHUNK1_RUNS)
                        {
                            continue;
                        }
                        final List<Integer> in = inputs.get(n);
                        final long t0 = System.nanoTime();
                        final List<Integer> result = impl.mapper().map(in);
                        final long ns = System.nanoTime() - t0;
                        check(result, n);
                        final Map<String, Object> p = "n/a".equals(impl.chunk()) ? ResultLines.params("n", n) :
                            ResultLines.params("chunksize", impl.chunk(), "n", n);
                        figures.add(impl.bench(), "us_per_task", "us", p, ns / 1e3 / n);
                        if (impl.bench().startsWith("mp4j") && "default".equals(impl.chunk()))
                        {
                            figures.info(impl.bench(), "us_per_task", "us", p, "chunk_tasks",
                                autoChunk(n, workers));
                        }
                        System.err.printf("   run %d %-34s chunk %-7s n=%,9d  %9.4f us/task  (%,.1f ms)%n", run + 1,
                            impl.bench(), impl.chunk(), n, ns / 1e3 / n, ns / 1e6);
                    }
                }
            }
        }
        finally
        {
            forkJoin.shutdownNow();
        }
        figures.emit(out);
    }

    /**
     * The automatic chunk of {@code map}: {@code ceil(n / (4 * workers))}, at most 2048.
     */
    static int autoChunk(final int n, final int workers)
    {
        return (int)Math.max(1, Math.min(io.mp4j.launcher.pool.Pool.MAX_AUTO_CHUNK,
            (n + 4L * workers - 1) / (4L * workers)));
    }

    private static List<Integer> invokeAll(final ForkJoinPool pool, final List<Integer> inputs)
        throws InterruptedException, ExecutionException
    {
        final List<Callable<Integer>> tasks = new ArrayList<>(inputs.size());
        for (final Integer x : inputs)
        {
            tasks.add(() -> Tasks.cube(x));
        }
        final List<Integer> out = new ArrayList<>(inputs.size());
        for (final Future<Integer> f : pool.invokeAll(tasks))
        {
            out.add(f.get());
        }
        return out;
    }

    private static void check(final List<Integer> result, final int n)
    {
        if (result.size() != n || result.get(n - 1) != Tasks.cube(n - 1).intValue() || result.get(n / 2) !=
            Tasks.cube(n / 2).intValue())
        {
            throw new IllegalStateException("wrong results for n=" + n);
        }
    }
}
