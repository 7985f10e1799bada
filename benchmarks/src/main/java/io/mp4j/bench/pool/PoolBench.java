package io.mp4j.bench.pool;

import io.mp4j.bench.Cli;
import io.mp4j.bench.ResultLines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool figures of design.md section 6, as JSON lines in the Python peers' format on stdout (human lines on
 * stderr), each mp4j figure beside in-JVM peers measured in the same runs:
 * <ul>
 *     <li>{@code startup}: pool start until the first result, cold (with and without the start-up archive, and
 *     its first use) and warm ({@link StartupBench});</li>
 *     <li>{@code apply}: the round trip of a blocking {@code apply}, HdrHistogram percentiles
 *     ({@link ApplyBench});</li>
 *     <li>{@code async}: {@code applyAsync} / {@code submit} throughput ({@link ApplyBench});</li>
 *     <li>{@code map}: time per trivial task of {@code map}, automatic chunks and chunks of 1 ({@link MapBench});</li>
 *     <li>{@code speedup}: CPU-bound tasks against the number of workers, with an Amdahl fit
 *     ({@link SpeedupBench});</li>
 *     <li>{@code parallel}: time per trivial call of {@code Parallel.run}, cold, warm and in a scope, beside
 *     {@code map} ({@link ParallelOverMapBench}).</li>
 * </ul>
 * Worker JVMs get this JVM's class path: run from the shaded {@code benchmarks.jar}.
 *
 * <pre>
 * java $(java -cp benchmarks.jar io.mp4j.bench.PrintJvmFlags) -cp benchmarks.jar io.mp4j.bench.pool.PoolBench \
 *     [--parts startup,apply,async,map,speedup] [--workers 2] [--runs 5]
 *     [--start-runs 11] [--start-variants cold,cold.archive,cold.archive.first,warm] [--cds-dir DIR]
 *     [--apply-calls 100000] [--apply-warmup 50000] [--apply-gap-calls 1000] [--pin none|all_on_cpu0]
 *     [--async-sizes 10000,100000]   (async and map: each implementation warms up for --warmup-ms first)
 *     [--map-sizes 10000,100000,1000000] [--chunk1-max-n 1000000] [--warmup-ms 3000]
 *     [--speedup-workers 1,2] [--task-ms 20] [--tasks 24]
 *     [--parallel-sizes 100000]
 * </pre>
 */
public final class PoolBench
{
    private static final String USAGE = "PoolBench [--parts startup,apply,async,map,speedup] [--workers W] " +
        "[--runs R] [--start-runs R] [--start-variants cold,cold.archive,cold.archive.first,warm] [--cds-dir DIR] " +
        "[--apply-calls N] [--apply-warmup N] [--apply-gap-calls N] [--pin LABEL] [--async-sizes N,N] " +
        "[--map-sizes N,N,N] " +
        "[--chunk1-max-n N] [--warmup-ms MS] [--speedup-workers 1,2] [--task-ms MS] [--tasks N] " +
        "[--parallel-sizes N,N]";

    private PoolBench()
    {
    }

    /**
     * @param args see the class comment.
     * @throws Exception if a part fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Cli cli = new Cli(args, USAGE, "parts", "workers", "runs", "start-runs", "start-variants", "cds-dir",
            "apply-calls", "apply-warmup", "apply-gap-calls", "pin", "async-sizes", "map-sizes", "chunk1-max-n",
            "speedup-workers", "task-ms", "tasks", "warmup-ms", "parallel-sizes");
        final List<String> parts = cli.list("parts", "startup,apply,async,map,speedup");
        final int workers = cli.intValue("workers", 2);
        final int runs = cli.intValue("runs", 5);
        final ResultLines out = new ResultLines(System.out, System.err);
        System.err.printf("== PoolBench: java %s (%s), %d processors, parts %s%n", Runtime.version(),
            System.getProperty("java.home"), Runtime.getRuntime().availableProcessors(), parts);
        for (final String part : parts)
        {
            switch (part)
            {
                case "startup" ->
                {
                    final String given = cli.string("cds-dir", null);
                    final Path base = given != null ? Files.createDirectories(Path.of(given)) :
                        Files.createTempDirectory("mp4j-bench-cds-");
                    try
                    {
                        StartupBench.run(workers, cli.intValue("start-runs", 11), base,
                            cli.list("start-variants", "cold,cold.archive,cold.archive.first,warm"), out);
                    }
                    finally
                    {
                        StartupBench.deleteRecursively(base);
                    }
                }
                case "apply" -> ApplyBench.runApply(workers, runs, cli.intValue("apply-calls", 100_000),
                    cli.intValue("apply-warmup", 50_000), cli.intValue("apply-gap-calls", 1000),
                    cli.string("pin", "none"), out);
                case "async" -> ApplyBench.runAsync(workers, runs, cli.ints("async-sizes", "10000,100000"),
                    cli.longValue("warmup-ms", 3000), out);
                case "map" -> MapBench.run(workers, runs, cli.ints("map-sizes", "10000,100000,1000000"),
                    cli.intValue("chunk1-max-n", 1_000_000), cli.longValue("warmup-ms", 3000), out);
                case "speedup" -> SpeedupBench.run(cli.ints("speedup-workers", defaultWorkerCounts()), runs,
                    cli.intValue("task-ms", 20), cli.intValue("tasks", 24), out);
                case "parallel" -> ParallelOverMapBench.run(workers, runs, cli.ints("parallel-sizes", "100000"),
                    cli.longValue("warmup-ms", 3000), out);
                default -> throw new IllegalArgumentException("unknown part " + part + "\nusage: " + USAGE);
            }
        }
    }

    private static String defaultWorkerCounts()
    {
        final List<String> counts = new ArrayList<>();
        for (int n = 1; n <= Math.max(2, Runtime.getRuntime().availableProcessors()); n++)
        {
            counts.add(Integer.toString(n));
        }
        return String.join(",", counts);
    }
}
