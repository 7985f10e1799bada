package io.mp4j.bench.parallel;

import io.mp4j.bench.Cli;
import io.mp4j.bench.ResultLines;
import io.mp4j.launcher.parallel.Backend;
import io.mp4j.launcher.parallel.Delayed;
import io.mp4j.launcher.parallel.Parallel;
import io.mp4j.launcher.parallel.ParallelScope;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.process.WorkerSpec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Parallel's figures beside joblib's {@code bench_joblib.py} (same scenarios, 2 jobs): the first call of a
 * {@code Parallel} in a JVM (worker JVMs started cold) and the next call (a closed pool's warm workers reused), the
 * overhead per trivial task with automatic batching and with batches of 1, on worker JVMs and on threads, one scoped
 * pool kept for several calls, and the cost of verbose progress. JSON lines on stdout (value = median of the runs),
 * human lines on stderr.
 *
 * <pre>
 * java $(java -cp benchmarks.jar io.mp4j.bench.PrintJvmFlags) -cp benchmarks.jar io.mp4j.bench.parallel.ParallelBench \
 *     [--runs 5] [--sizes 10000,100000] [--batch1-n 10000] [--jobs 2]
 * </pre>
 */
public final class ParallelBench
{
    private static final String USAGE = "ParallelBench [--runs R] [--sizes N,N] [--batch1-n N] [--jobs J]";
    private static final Map<String, Object> NONE = Map.of();

    private ParallelBench()
    {
    }

    static long cube(final long x)
    {
        return x * x * x;
    }

    /**
     * @param args see the class comment.
     * @throws Exception if a step fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Cli cli = new Cli(args, USAGE, "runs", "sizes", "batch1-n", "jobs");
        final int runs = cli.intValue("runs", 5);
        final List<Integer> sizes = cli.ints("sizes", "10000,100000");
        final int batch1N = cli.intValue("batch1-n", 10_000);
        final int jobs = cli.intValue("jobs", 2);
        final ResultLines out = new ResultLines(System.out, System.err);

        startup(out, runs, jobs);
        for (final Backend backend : List.of(Backend.PROCESSES, Backend.THREADS))
        {
            final Parallel parallel = new Parallel(jobs).backend(backend);
            timeRun(parallel, 1000);
            for (final int n : sizes)
            {
                perTask(out, parallel, runs, n, "auto", jobs);
            }
            perTask(out, parallel.batchSize(1), runs, batch1N, 1, jobs);
        }
        scoped(out, runs, sizes.get(0), jobs);
        progress(out, runs, sizes.get(0), jobs);
    }

    private static void startup(final ResultLines out, final int runs, final int jobs)
    {
        final double[] first = new double[runs];
        final double[] next = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            // a setting of its own per run, so that no warm worker of an earlier run is taken: the first call is cold
            final PoolOptions options = PoolOptions.defaults().withWorkers(jobs)
                .withSpec(WorkerSpec.defaults().withSystemProperty("mp4j.bench.run", Integer.toString(r)));
            final Parallel parallel = new Parallel(jobs).poolOptions(options);
            first[r] = timeRun(parallel, 2) / 1e6;
            next[r] = timeRun(parallel, 2) / 1e6;
        }
        final Map<String, Object> params = ResultLines.params("backend", "processes", "n_jobs", jobs);
        out.emit("mp4j.Parallel.startup", "first_call_2_tasks_ms", "ms", first, params,
            Map.of("note", "worker JVMs started cold, start-up archive in use"));
        out.emit("mp4j.Parallel.startup", "next_call_2_tasks_ms", "ms", next, params,
            Map.of("note", "the first call's closed pool's workers reused"));
    }

    private static void perTask(final ResultLines out, final Parallel parallel, final int runs, final int n,
        final Object batchSize, final int jobs)
    {
        final double[] us = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            us[r] = timeRun(parallel, n) / 1e3 / n;
        }
        out.emit("mp4j.Parallel", "us_per_task", "us", us, ResultLines.params("backend",
            parallel.effectiveBackend().name().toLowerCase(), "n", n, "batch_size", batchSize, "n_jobs", jobs), NONE);
    }

    private static void scoped(final ResultLines out, final int runs, final int n, final int jobs)
    {
        final double[] us = new double[runs];
        try (ParallelScope scope = new Parallel(jobs).open())
        {
            scope.run(calls(100));
            for (int r = 0; r < runs; r++)
            {
                final long startNs = System.nanoTime();
                check(scope.run(calls(n)), n);
                us[r] = (System.nanoTime() - startNs) / 1e3 / n;
            }
        }
        out.emit("mp4j.Parallel", "us_per_task", "us", us, ResultLines.params("backend", "processes", "n", n,
            "batch_size", "auto", "n_jobs", jobs, "reuse", "scope"), NONE);
    }

    private static void progress(final ResultLines out, final int runs, final int n, final int jobs)
    {
        for (final int verbose : new int[] {0, 10})
        {
            final double[] us = new double[runs];
            final CountingStream lines = new CountingStream();
            final PrintStream saved = System.err;
            for (int r = 0; r < runs; r++)
            {
                System.setErr(new PrintStream(lines, true));
                try
                {
                    us[r] = timeRun(new Parallel(jobs).verbose(verbose), n) / 1e3 / n;
                }
                finally
                {
                    System.setErr(saved);
                }
            }
            out.emit("mp4j.Parallel.progress", "us_per_task", "us", us, ResultLines.params("backend", "processes",
                "n", n, "verbose", verbose), Map.of("progress_lines", lines.lines / runs));
        }
    }

    private static long timeRun(final Parallel parallel, final int n)
    {
        final long startNs = System.nanoTime();
        check(parallel.run(calls(n)), n);
        return System.nanoTime() - startNs;
    }

    private static Stream<Delayed<Long>> calls(final int n)
    {
        return IntStream.range(0, n).mapToObj(x -> Parallel.delayed(ParallelBench::cube, (long)x));
    }

    private static void check(final List<Long> results, final int n)
    {
        if (results.size() != n || results.get(n - 1) != cube(n - 1))
        {
            throw new IllegalStateException("wrong results: size " + results.size());
        }
    }

    private static final class CountingStream extends OutputStream
    {
        long lines;

        @Override
        public void write(final int b)
        {
            if (b == '\n')
            {
                lines++;
            }
        }
    }
}
