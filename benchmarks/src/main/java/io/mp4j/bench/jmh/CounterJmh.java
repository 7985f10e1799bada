package io.mp4j.bench.jmh;

import io.mp4j.bench.ResultLines;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link CounterBenchmark} (or {@link LockBenchmark} with {@code --benchmark lock}) briefly (defaults: 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement) and writes each
 * result as a JSON line in the Python peers' format on stdout ({@code mp4j.jmh.counter}, params kind and threads,
 * metric {@code ops_per_s}, value the median of the measurement iterations); JMH's own output goes to stderr and,
 * with {@code --json FILE}, JMH's JSON result file is written too. The host JVM needs mp4j's flags: the forks
 * inherit them.
 *
 * <pre>
 * java $(java -cp benchmarks.jar io.mp4j.bench.PrintJvmFlags) -cp benchmarks.jar io.mp4j.bench.jmh.CounterJmh \
 *     [--json FILE] [--forks 1] [--warmup-iterations 3] [--iterations 5] [--seconds 1] [--benchmark counter|lock]
 * </pre>
 */
public final class CounterJmh
{
    /** The bench name of the counter lines. */
    public static final String BENCH = "mp4j.jmh.counter";

    /** The bench name of the lock lines ({@code --benchmark lock}). */
    public static final String LOCK_BENCH = "mp4j.jmh.lock";

    private CounterJmh()
    {
    }

    /**
     * @param args see the class comment.
     * @throws RunnerException if JMH fails.
     */
    public static void main(final String[] args) throws RunnerException
    {
        String json = null;
        int forks = 1;
        int warmupIterations = 3;
        int iterations = 5;
        int seconds = 1;
        String benchmark = "counter";
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--json" -> json = args[i + 1];
                case "--forks" -> forks = Integer.parseInt(args[i + 1]);
                case "--warmup-iterations" -> warmupIterations = Integer.parseInt(args[i + 1]);
                case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--benchmark" -> benchmark = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0)
        {
            throw new IllegalArgumentException("options come in pairs: --name value");
        }
        final PrintStream stdout = System.out;
        System.setOut(System.err); // JMH prints its progress to System.out: stdout carries only the JSON lines
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(("lock".equals(benchmark) ? LockBenchmark.class : CounterBenchmark.class).getName() + "\\.")
            .forks(forks)
            .warmupIterations(warmupIterations)
            .warmupTime(TimeValue.seconds(seconds))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.seconds(seconds));
        if (json != null)
        {
            options.resultFormat(ResultFormatType.JSON).result(json);
        }
        final List<RunResult> results = new ArrayList<>(new Runner(options.build()).run());
        results.sort((x, y) -> x.getParams().getBenchmark().compareTo(y.getParams().getBenchmark()));

        final ResultLines out = new ResultLines(stdout, System.err);
        for (final RunResult result : results)
        {
            final String method = result.getParams().getBenchmark();
            final String name = method.substring(method.lastIndexOf('.') + 1);
            final String kind = switch (name.substring(0, name.indexOf('_')))
            {
                case "sharedLong" -> "SharedLong.getAndAdd";
                case "agrona" -> "Agrona.getAndAddLong";
                case "atomicLong" -> "AtomicLong.getAndAdd";
                case "sharedLock" -> "SharedLock.acquire+release";
                case "reentrantLock" -> "ReentrantLock.lock+unlock";
                case "synchronized" -> "synchronized";
                default -> name;
            };
            final List<Double> scores = new ArrayList<>();
            for (final BenchmarkResult fork : result.getBenchmarkResults())
            {
                for (final IterationResult iteration : fork.getIterationResults())
                {
                    scores.add(iteration.getPrimaryResult().getScore());
                }
            }
            final double[] runs = scores.stream().mapToDouble(Double::doubleValue).toArray();
            final Map<String, Object> params = ResultLines.params("kind", kind, "threads",
                result.getParams().getThreads());
            final Map<String, Object> info = ResultLines.params("forks", forks, "iteration_s", seconds,
                "jmh_score", result.getPrimaryResult().getScore(),
                "jmh_score_error", result.getPrimaryResult().getScoreError());
            out.emit("lock".equals(benchmark) ? LOCK_BENCH : BENCH, "ops_per_s", "ops/s", runs, params, info);
        }
    }
}
