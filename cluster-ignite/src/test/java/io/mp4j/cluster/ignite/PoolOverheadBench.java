package io.mp4j.cluster.ignite;

import io.mp4j.launcher.Task;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.ProcessPool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * The cost of a remote task on the Ignite backend beside the local process pool, in one run, interleaved run by run:
 * {@code pool.map} per trivial task (automatic chunks and chunks of 1), the blocking {@code apply} round trip
 * (percentiles over every call, and the loop's mean), and {@code applyAsync} with every call in flight. The Ignite
 * pool runs on {@value #MEMBERS} member JVMs on 127.0.0.1 that this JVM starts ({@link TestCluster}), this JVM its
 * driver; the process pool has {@value #LOCAL_WORKERS} worker JVMs. JSON lines ({@link BenchLines}) go to standard
 * output, progress to standard error.
 *
 * <pre>
 * cluster-ignite/run-bench.sh            # builds, then runs this with the JVM flags of the sets it needs
 * </pre>
 *
 * Knobs (system properties): {@code runs} (5), {@code mapN} (100000), {@code chunk1N} (2000), {@code applyN}
 * (1000), {@code asyncN} (2000).
 */
public final class PoolOverheadBench
{
    static final int MEMBERS = 3;
    static final int LOCAL_WORKERS = 2;

    private static final Task<Integer, Integer> INCREMENT = x -> x + 1;

    private PoolOverheadBench()
    {
    }

    /**
     * @param args none.
     * @throws Exception if a call fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final int runs = Integer.getInteger("runs", 5);
        final int mapN = Integer.getInteger("mapN", 100_000);
        final int chunk1N = Integer.getInteger("chunk1N", 2_000);
        final int applyN = Integer.getInteger("applyN", 1_000);
        final int asyncN = Integer.getInteger("asyncN", 2_000);
        final BenchLines out = new BenchLines(System.out);
        System.setOut(System.err); // Ignite prints its quiet-mode lines to System.out: keep them out of the JSON

        final long clusterStartNs = System.nanoTime();
        try (TestCluster cluster = TestCluster.start(MEMBERS))
        {
            final double clusterStartMs = (System.nanoTime() - clusterStartNs) / 1e6;
            System.err.printf("cluster of %d members and this driver up in %.0f ms%n", MEMBERS, clusterStartMs);
            try (Pool ignite = cluster.driver().pool(PoolOptions.defaults());
                 Pool local = new ProcessPool(PoolOptions.defaults().withWorkers(LOCAL_WORKERS)
                     .withKeepAlive(Duration.ZERO)))
            {
                final Map<String, Pool> pools = new LinkedHashMap<>();
                pools.put("mp4j.ProcessPool", local);
                pools.put("mp4j.IgnitePool", ignite);
                final Map<String, Map<String, Object>> info = new LinkedHashMap<>();
                info.put("mp4j.ProcessPool", BenchLines.params("workers", local.size()));
                info.put("mp4j.IgnitePool", BenchLines.params("members", MEMBERS, "compute_threads", ignite.size(),
                    "cluster_start_ms", Math.round(clusterStartMs), "host", "127.0.0.1"));
                final Figures figures = new Figures();
                final List<Integer> mapInputs = IntStream.range(0, mapN).boxed().toList();
                final List<Integer> chunk1Inputs = IntStream.range(0, chunk1N).boxed().toList();
                for (final Map.Entry<String, Pool> e : pools.entrySet())
                {
                    warmUp(e.getValue(), mapInputs, chunk1Inputs);
                    System.err.println("warmed up " + e.getKey());
                }
                for (int run = 0; run < runs; run++)
                {
                    for (final Map.Entry<String, Pool> e : pools.entrySet())
                    {
                        measure(e.getKey(), e.getValue(), run, mapInputs, chunk1Inputs, applyN, asyncN, figures);
                    }
                }
                figures.emit(out, info);
            }
        }
    }

    private static void warmUp(final Pool pool, final List<Integer> mapInputs, final List<Integer> chunk1Inputs)
        throws Exception
    {
        for (int i = 0; i < 3; i++)
        {
            check(pool.map(INCREMENT, mapInputs));
            check(pool.map(INCREMENT, chunk1Inputs, 1));
            for (int x = 0; x < 200; x++)
            {
                pool.apply(INCREMENT, x);
            }
            asyncAll(pool, chunk1Inputs.size());
        }
    }

    private static void measure(final String name, final Pool pool, final int run, final List<Integer> mapInputs,
        final List<Integer> chunk1Inputs, final int applyN, final int asyncN, final Figures figures)
        throws Exception
    {
        long t0 = System.nanoTime();
        check(pool.map(INCREMENT, mapInputs));
        final double mapUs = (System.nanoTime() - t0) / 1e3 / mapInputs.size();
        figures.add(name + ".map", "us_per_task", BenchLines.params("chunksize", "default", "n", mapInputs.size()),
            mapUs);

        t0 = System.nanoTime();
        check(pool.map(INCREMENT, chunk1Inputs, 1));
        final double chunk1Us = (System.nanoTime() - t0) / 1e3 / chunk1Inputs.size();
        figures.add(name + ".map", "us_per_task", BenchLines.params("chunksize", 1, "n", chunk1Inputs.size()),
            chunk1Us);

        final long[] rttNs = new long[applyN];
        t0 = System.nanoTime();
        for (int i = 0; i < applyN; i++)
        {
            final long s = System.nanoTime();
            if (pool.apply(INCREMENT, i) != i + 1)
            {
                throw new AssertionError("wrong apply result");
            }
            rttNs[i] = System.nanoTime() - s;
        }
        final double loopUs = (System.nanoTime() - t0) / 1e3 / applyN;
        Arrays.sort(rttNs);
        final Map<String, Object> applyParams = BenchLines.params("n", applyN);
        figures.add(name + ".apply", "rtt_p50_us", applyParams, percentile(rttNs, 50) / 1e3);
        figures.add(name + ".apply", "rtt_p90_us", applyParams, percentile(rttNs, 90) / 1e3);
        figures.add(name + ".apply", "rtt_p99_us", applyParams, percentile(rttNs, 99) / 1e3);
        figures.add(name + ".apply_loop", "us_per_task", applyParams, loopUs);

        t0 = System.nanoTime();
        asyncAll(pool, asyncN);
        final double asyncUs = (System.nanoTime() - t0) / 1e3 / asyncN;
        figures.add(name + ".apply_async", "us_per_task", BenchLines.params("n", asyncN), asyncUs);

        System.err.printf("run %d %-18s map %8.3f us/task  map(chunk 1) %8.1f us/task  apply p50 %8.1f us  " +
            "p99 %8.1f us  loop %8.1f us  applyAsync %8.1f us/task%n", run + 1, name, mapUs, chunk1Us,
            percentile(rttNs, 50) / 1e3, percentile(rttNs, 99) / 1e3, loopUs, asyncUs);
    }

    private static void asyncAll(final Pool pool, final int n) throws Exception
    {
        final List<CompletableFuture<Integer>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            futures.add(pool.applyAsync(INCREMENT, i));
        }
        for (int i = 0; i < n; i++)
        {
            if (futures.get(i).get() != i + 1)
            {
                throw new AssertionError("wrong applyAsync result");
            }
        }
    }

    private static void check(final List<Integer> results)
    {
        for (int i = 0; i < results.size(); i++)
        {
            if (results.get(i) != i + 1)
            {
                throw new AssertionError("wrong result at " + i + ": " + results.get(i));
            }
        }
    }

    private static long percentile(final long[] sorted, final double p)
    {
        return sorted[(int)Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /**
     * Figures collected run by run, emitted once with every run's value.
     */
    private static final class Figures
    {
        private final Map<String, Figure> figures = new LinkedHashMap<>();

        void add(final String bench, final String metric, final Map<String, Object> params, final double value)
        {
            figures.computeIfAbsent(BenchLines.id(bench, metric, params),
                id -> new Figure(bench, metric, params, new ArrayList<>())).runs.add(value);
        }

        void emit(final BenchLines out, final Map<String, Map<String, Object>> info)
        {
            for (final Figure f : figures.values())
            {
                final String impl = f.bench.substring(0, f.bench.lastIndexOf('.'));
                out.emit(f.bench, f.metric, "us", f.runs.stream().mapToDouble(Double::doubleValue).toArray(),
                    f.params, info.get(impl));
            }
        }

        private record Figure(String bench, String metric, Map<String, Object> params, List<Double> runs)
        {
        }
    }
}
