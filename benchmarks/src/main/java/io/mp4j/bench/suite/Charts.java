package io.mp4j.bench.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The charts of a run, each drawn when the run has its figures: {@value #LATENCY} (the pipe's round-trip
 * percentiles), {@value #QUEUE} (queue throughput per message size), {@value #SHARED} (counter, lock and map
 * operations per second), {@value #POOL} (pool start, apply and map overhead) and {@value #SPEEDUP} (speed-up
 * against workers with the ideal line and the Amdahl fit).
 *
 * <p>Threading: static methods, any thread.
 */
final class Charts
{
    /** The pipe's latency percentiles. */
    static final String LATENCY = "latency.png";
    /** Queue throughput. */
    static final String QUEUE = "queue.png";
    /** Counters, locks and the map. */
    static final String SHARED = "shared-objects.png";
    /** Pool overhead. */
    static final String POOL = "pool.png";
    /** Speed-up against workers. */
    static final String SPEEDUP = "speedup.png";

    private static final String NONE = "none";

    /**
     * A chart written.
     *
     * @param part    the part it shows.
     * @param file    the PNG.
     * @param caption one line saying what it shows.
     */
    record Drawn(Part part, Path file, String caption)
    {
    }

    private Charts()
    {
    }

    /**
     * @param parts   the parts run.
     * @param results the run's figures.
     * @param dir     where the PNGs go.
     * @return the charts written, in report order.
     */
    static List<Drawn> draw(final Set<Part> parts, final Results results, final Path dir)
    {
        final List<Drawn> drawn = new ArrayList<>();
        if (parts.contains(Part.PIPE))
        {
            final List<LatencySeries> series = LatencySeries.of(results);
            if (!series.isEmpty())
            {
                drawn.add(new Drawn(Part.PIPE, LatencyChart.draw(series,
                    "Round trip of an 8-byte message between two processes", dir.resolve(LATENCY)),
                    "Pipe round trip, 8 B, p50 to p99.99 per implementation (log scale)"));
            }
        }
        if (parts.contains(Part.QUEUE))
        {
            queue(results).filter(BarChart::hasData).ifPresent(c -> drawn.add(new Drawn(Part.QUEUE,
                c.draw(dir.resolve(QUEUE)), "Queue throughput, 1 producer JVM -> 1 consumer JVM, msg/s")));
        }
        if (parts.contains(Part.COUNTERS) || parts.contains(Part.LOCK) || parts.contains(Part.MAP))
        {
            final BarChart c = shared(results);
            if (c.hasData())
            {
                drawn.add(new Drawn(parts.contains(Part.COUNTERS) ? Part.COUNTERS :
                    parts.contains(Part.LOCK) ? Part.LOCK : Part.MAP, c.draw(dir.resolve(SHARED)),
                    "Shared counter, lock and map from 2 processes, operations per second"));
            }
        }
        if (parts.contains(Part.POOL))
        {
            final BarChart c = pool(results);
            if (c.hasData())
            {
                drawn.add(new Drawn(Part.POOL, c.draw(dir.resolve(POOL)),
                    "Pool start, apply and map overhead, microseconds (lower is better)"));
            }
        }
        if (parts.contains(Part.SPEEDUP))
        {
            final SpeedupSeries mp4j = SpeedupSeries.of(results, "mp4j.ProcessPool.cpu_bound");
            if (mp4j.workers().length > 0)
            {
                final String taskMs = results.find(Query.of("mp4j.ProcessPool.cpu_bound", "speedup"))
                    .map(f -> f.params().getOrDefault("task_ms", "?")).orElse("?");
                drawn.add(new Drawn(Part.SPEEDUP, SpeedupChart.draw(mp4j,
                    SpeedupSeries.of(results, "jdk.ExecutorService.cpu_bound"),
                    "Speed-up of CPU-bound tasks (" + taskMs + " ms each) against worker JVMs", dir.resolve(SPEEDUP)),
                    "Speed-up against workers, with the ideal line and the Amdahl fit"));
            }
        }
        return drawn;
    }

    private static Optional<BarChart> queue(final Results results)
    {
        final int[] sizes = {64, 1024, 65536};
        final List<String> categories = new ArrayList<>();
        final List<Integer> present = new ArrayList<>();
        for (final int size : sizes)
        {
            if (results.find(queueQuery("mp4j.QueueRing", size)).isPresent())
            {
                present.add(size);
                categories.add(size == 64 ? "64 B messages" : size == 1024 ? "1 KiB messages" : "64 KiB messages");
            }
        }
        if (present.isEmpty())
        {
            return Optional.empty();
        }
        final String[][] impls = {
            {"mp4j.QueueRing", "mp4j QueueRing"},
            {"mp4j.SharedQueue.bytes", "mp4j SharedQueue"},
            {"agrona.OneToOneRingBuffer", "raw Agrona"},
            {"chronicle.Queue", "Chronicle Queue"},
            {"jdk.ArrayBlockingQueue", "ArrayBlockingQueue"},
            {"C.spsc", "C ring floor"}};
        final Map<String, double[]> series = new LinkedHashMap<>();
        for (final String[] impl : impls)
        {
            series.put(impl[1], present.stream().mapToDouble(size -> value(results, queueQuery(impl[0], size)))
                .toArray());
        }
        series.put("Python Queue", present.stream().mapToDouble(size -> size == 64 ?
            value(results, Query.of("mp.Queue", "msgs_per_s", "msg", "int")) : size == 65536 ?
            value(results, Query.of("mp.Queue", "msgs_per_s", "msg", "64KiB")) : Double.NaN).toArray());
        return Optional.of(new BarChart("Queue throughput, 1 producer JVM -> 1 consumer JVM",
            "messages per second (log scale)", categories, series));
    }

    private static Query queueQuery(final String impl, final int size)
    {
        return Query.of("ipc.queue", "msgs_per_s", "impl", impl, "msg_bytes", size, "pin", NONE, "topo", "1P1C");
    }

    private static BarChart shared(final Results results)
    {
        final List<String> categories = List.of("counter getAndAdd", "lock + increment", "map get", "map put");
        final Map<String, double[]> series = new LinkedHashMap<>();
        series.put("mp4j", new double[] {
            value(results, counter("SharedLong.getAndAdd", 2)), value(results, counter("SharedLock+plain", 2)),
            value(results, map("mp4j.SharedMap", "get")), value(results, map("mp4j.SharedMap", "put"))});
        series.put("raw Agrona, Chronicle Map", new double[] {
            value(results, counter("Agrona.getAndAddLong", 2)), Double.NaN,
            value(results, map("chronicle.Map", "get")), value(results, map("chronicle.Map", "put"))});
        series.put("threads of one JVM", new double[] {
            value(results, counter("AtomicLong.getAndAdd", 1)), value(results, counter("ReentrantLock+plain", 1)),
            Double.NaN, Double.NaN});
        series.put("Python", new double[] {
            value(results, Query.of("mp.shared_counter", "increments_per_s", "kind", "Value.locked")),
            value(results, Query.of("mp.shared_counter", "increments_per_s", "kind", "RawValue+Lock")),
            value(results, Query.of("mp.Manager.dict_get", "ops_per_s", "caller", "child")),
            value(results, Query.of("mp.Manager.dict_set", "ops_per_s", "caller", "child"))});
        return new BarChart("Shared objects from 2 processes", "operations per second (log scale)", categories,
            series);
    }

    private static Query counter(final String kind, final int procs)
    {
        return Query.of("mp4j.shared_counter", "increments_per_s", "kind", kind, "procs", procs);
    }

    private static Query map(final String impl, final String op)
    {
        return Query.of("mp4j.map", "ops_per_s_per_jvm", "impl", impl, "op", op, "procs", 2);
    }

    private static BarChart pool(final Results results)
    {
        final double msToUs = 1e3;
        final List<String> categories = List.of("cold start, first result", "warm pool, first result",
            "apply, mean per call", "map, per trivial task");
        final Map<String, double[]> series = new LinkedHashMap<>();
        series.put("mp4j ProcessPool", new double[] {
            value(results, Query.of("mp4j.ProcessPool", "first_result_ms", "start", "cold", "workers", 2)) * msToUs,
            value(results, Query.of("mp4j.ProcessPool", "first_result_ms", "start", "warm", "workers", 2)) * msToUs,
            value(results, Query.of("mp4j.ProcessPool.apply_loop", "us_per_task").without("pin", "gap_us")),
            value(results, Query.of("mp4j.ProcessPool.map", "us_per_task", "chunksize", "default").without("pin"))});
        series.put("JDK pools, one JVM", new double[] {Double.NaN, Double.NaN,
            value(results, Query.of("jdk.ExecutorService.submit_result_loop", "us_per_task").without("pin")),
            value(results, Query.of("jdk.ForkJoinPool.parallel_stream", "us_per_task", "chunksize", "auto"))});
        series.put("Python Pool", new double[] {
            value(results, Query.of("mp.Pool", "first_result_ms", "start", "spawn", "workers", 2)) * msToUs,
            Double.NaN,
            value(results, Query.of("mp.Pool.apply_loop", "us_per_task", "start", "fork").without("pin")),
            value(results, Query.of("mp.Pool.map", "us_per_task", "start", "fork", "chunksize", "default")
                .without("pin"))});
        series.put("joblib (loky)", new double[] {
            value(results, Query.of("joblib.Parallel.startup", "first_call_2_tasks_ms", "backend", "loky")) * msToUs,
            value(results, Query.of("joblib.Parallel.startup", "next_call_2_tasks_ms", "backend", "loky")) * msToUs,
            Double.NaN,
            value(results, Query.of("joblib.Parallel", "us_per_task", "backend", "loky", "batch_size", "auto")
                .without("reuse"))});
        return new BarChart("Pool overhead, 2 workers (lower is better)", "microseconds (log scale)", categories,
            series);
    }

    private static double value(final Results results, final Query query)
    {
        return results.find(query).map(Figure::value).orElse(Double.NaN);
    }
}
