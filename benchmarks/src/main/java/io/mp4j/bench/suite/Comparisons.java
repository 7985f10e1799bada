package io.mp4j.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparisons of each part: which mp4j figure stands beside which peers (by their JSON ids, the same as the
 * benchmark mains and the Python peer scripts write), and the targets of design.md section 6. Comparisons whose mp4j
 * figure the run lacks are left out by the report.
 *
 * <p>Threading: static methods, any thread.
 */
final class Comparisons
{
    private static final double NS_PER_US = 1e3;
    private static final double NS_PER_MS = 1e6;
    private static final String NONE = "none";

    private Comparisons()
    {
    }

    /**
     * @param part    a part.
     * @param results the run's figures (some comparisons depend on what was run, e.g. the speed-up's workers).
     * @return its comparisons, in report order.
     */
    static List<Comparison> of(final Part part, final Results results)
    {
        return switch (part)
        {
            case PIPE -> pipe();
            case QUEUE -> queue();
            case COUNTERS -> counters();
            case LOCK -> lock();
            case MAP -> map();
            case POOL -> pool();
            case SPEEDUP -> speedup(results);
        };
    }

    private static List<Comparison> pipe()
    {
        final List<Comparison> list = new ArrayList<>();
        for (final String p : new String[] {"p50", "p99"})
        {
            list.add(pipeRoundTrip(8, p, "duplex.send_bytes.8B",
                "p50".equals(p) ? Target.atMost(250, "<= 250 ns") : Target.atMost(1_000, "<= 1 us")));
        }
        list.add(pipeRoundTrip(1024, "p50", "duplex.send_bytes.1KiB", null));
        return list;
    }

    private static Comparison pipeRoundTrip(final int bytes, final String percentile, final String pythonVariant,
        final Target target)
    {
        final String metric = "rtt_" + percentile + "_ns";
        final Query mp4j = Query.of("ipc.pingpong", metric, "impl", "mp4j.Pipe", "msg_bytes", bytes, "pin", NONE);
        Comparison c = Comparison.of("round trip, " + (bytes == 8 ? "8 B" : "1 KiB") + ", " + percentile,
            Quantity.TIME, "")
            .mp4j("mp4j `Pipe`", mp4j, 1, target)
            .peer("raw Agrona rings", pingpong(metric, "agrona.OneToOneRingBuffer", bytes), 1)
            .peer("Unix domain socket", pingpong(metric, "jdk.UnixDomainSocket", bytes), 1)
            .peer("TCP loopback", pingpong(metric, "jdk.TcpLoopback", bytes), 1)
            .peer("Python `Pipe`", Query.of("mp.Pipe.pingpong", "rtt_" + percentile + "_us",
                "variant", pythonVariant).without("pin"), NS_PER_US);
        if (bytes == 8)
        {
            c = c.peer("C cache-line floor", pingpong(metric, "C.cacheline", bytes), 1);
        }
        return c;
    }

    private static Query pingpong(final String metric, final String impl, final int bytes)
    {
        return Query.of("ipc.pingpong", metric, "impl", impl, "msg_bytes", bytes, "pin", NONE);
    }

    private static List<Comparison> queue()
    {
        final Comparison small = Comparison.of("64 B messages", Quantity.RATE, "msg")
            .mp4j("mp4j `QueueRing`", queue("mp4j.QueueRing", 64, "msgs_per_s"), 1,
                Target.atLeast(20e6, ">= 20 M msg/s"))
            .mp4j("mp4j `SharedQueue` (`byte[]`)", queue("mp4j.SharedQueue.bytes", 64, "msgs_per_s"), 1,
                null)
            .peer("raw Agrona ring", queue("agrona.OneToOneRingBuffer", 64, "msgs_per_s"), 1,
                Target.ratioAtLeast(0.7, "mp4j >= 0.7x raw Agrona"))
            .peer("Chronicle Queue", queue("chronicle.Queue", 64, "msgs_per_s"), 1)
            .peer("`ArrayBlockingQueue` (1 JVM)", queue("jdk.ArrayBlockingQueue", 64, "msgs_per_s"), 1)
            .peer("Python `Queue` (small int)", Query.of("mp.Queue", "msgs_per_s", "msg", "int"), 1)
            .peer("C ring floor", queue("C.spsc", 64, "msgs_per_s"), 1);
        final Comparison medium = Comparison.of("1 KiB messages", Quantity.RATE, "msg")
            .mp4j("mp4j `QueueRing`", queue("mp4j.QueueRing", 1024, "msgs_per_s"), 1, null)
            .mp4j("mp4j `SharedQueue` (`byte[]`)", queue("mp4j.SharedQueue.bytes", 1024, "msgs_per_s"), 1,
                null)
            .peer("raw Agrona ring", queue("agrona.OneToOneRingBuffer", 1024, "msgs_per_s"), 1)
            .peer("Chronicle Queue", queue("chronicle.Queue", 1024, "msgs_per_s"), 1)
            .peer("`ArrayBlockingQueue` (1 JVM)", queue("jdk.ArrayBlockingQueue", 1024, "msgs_per_s"), 1)
            .peer("C ring floor", queue("C.spsc", 1024, "msgs_per_s"), 1);
        final Target fiveGb = Target.atLeast(5_000, ">= 5 GB/s");
        final Comparison large = Comparison.of("64 KiB messages", Quantity.BANDWIDTH, "")
            .mp4j("mp4j `QueueRing`", queue("mp4j.QueueRing", 65536, "payload_MB_per_s"), 1, fiveGb)
            .mp4j("mp4j `SharedQueue` (`byte[]`)", queue("mp4j.SharedQueue.bytes", 65536,
                "payload_MB_per_s"), 1, fiveGb)
            .peer("raw Agrona ring", queue("agrona.OneToOneRingBuffer", 65536, "payload_MB_per_s"), 1)
            .peer("Chronicle Queue", queue("chronicle.Queue", 65536, "payload_MB_per_s"), 1)
            .peer("`ArrayBlockingQueue` (1 JVM)", queue("jdk.ArrayBlockingQueue", 65536,
                "payload_MB_per_s"), 1)
            .peer("Python `Queue`", Query.of("mp.Queue", "payload_MB_per_s", "msg", "64KiB"), 1);
        return List.of(small, medium, large);
    }

    private static Query queue(final String impl, final int bytes, final String metric)
    {
        return Query.of("ipc.queue", metric, "impl", impl, "msg_bytes", bytes, "pin", NONE, "topo", "1P1C");
    }

    private static List<Comparison> counters()
    {
        final List<Comparison> list = new ArrayList<>();
        for (final String metric : new String[] {"increments_per_s", "contended_increments_per_s"})
        {
            final boolean all = "increments_per_s".equals(metric);
            list.add(Comparison.of(all ? "`getAndAdd(1)`, 2 JVMs, all runs" :
                    "`getAndAdd(1)`, 2 JVMs, runs with both at once (overlap >= 90 %)", Quantity.RATE, "inc")
                .mp4j("mp4j `SharedLong`", counter("SharedLong.getAndAdd", metric, 2), 1, null)
                .peer("raw Agrona", counter("Agrona.getAndAddLong", metric, 2), 1,
                    Target.ratioAtLeast(0.8, "mp4j >= 0.8x raw Agrona"))
                .peer("`AtomicLong` (1 JVM)", counter("AtomicLong.getAndAdd", metric, 1), 1)
                .peer("Python `Value` + lock", Query.of("mp.shared_counter", "increments_per_s",
                    "kind", "Value.locked", "procs", 2), 1));
        }
        list.add(Comparison.of("lost updates", Quantity.COUNT, "")
            .mp4j("mp4j `SharedLong`", counter("SharedLong.getAndAdd", "lost_updates", 2), 1,
                Target.atMost(0, "exact total"))
            .peer("raw Agrona", counter("Agrona.getAndAddLong", "lost_updates", 2), 1)
            .peer("Python `Value` + lock", Query.of("mp.shared_counter", "lost_updates",
                "kind", "Value.locked", "procs", 2), 1));
        return list;
    }

    private static Query counter(final String kind, final String metric, final int procs)
    {
        return Query.of("mp4j.shared_counter", metric, "kind", kind, "procs", procs);
    }

    private static List<Comparison> lock()
    {
        return List.of(
            Comparison.of("a plain increment under the lock, 2 JVMs", Quantity.RATE, "inc")
                .mp4j("mp4j `SharedLock`", counter("SharedLock+plain", "increments_per_s", 2), 1, null)
                .peer("`ReentrantLock` (1 JVM)", counter("ReentrantLock+plain", "increments_per_s", 1),
                    1)
                .peer("Python `RawValue` + `Lock`", Query.of("mp.shared_counter", "increments_per_s",
                    "kind", "RawValue+Lock", "procs", 2), 1),
            Comparison.of("lost updates under the lock", Quantity.COUNT, "")
                .mp4j("mp4j `SharedLock`", counter("SharedLock+plain", "lost_updates", 2), 1,
                    Target.atMost(0, "exact total"))
                .peer("Python `RawValue` + `Lock`", Query.of("mp.shared_counter", "lost_updates",
                    "kind", "RawValue+Lock", "procs", 2), 1));
    }

    private static List<Comparison> map()
    {
        final List<Comparison> list = new ArrayList<>();
        for (final int procs : new int[] {2, 1})
        {
            for (final String op : new String[] {"get", "put"})
            {
                final boolean get = "get".equals(op);
                final Target target = procs == 1 ? null : get ? Target.atLeast(3e6, ">= 3 M ops/s per JVM") :
                    Target.atLeast(1e6, ">= 1 M ops/s per JVM");
                list.add(Comparison.of("`" + op + "` per JVM, " + (procs == 2 ? "2 JVMs at once" : "1 JVM alone"),
                        Quantity.RATE, "ops")
                    .mp4j("mp4j `SharedMap`", mapQuery("mp4j.SharedMap", op, procs), 1, target)
                    .peer("raw Chronicle Map", mapQuery("chronicle.Map", op, procs), 1)
                    .peer("Python `Manager().dict()`", Query.of(
                        "mp.Manager.dict_" + (get ? "get" : "set"), "ops_per_s", "caller", "child"), 1));
            }
        }
        return list;
    }

    private static Query mapQuery(final String impl, final String op, final int procs)
    {
        return Query.of("mp4j.map", "ops_per_s_per_jvm", "impl", impl, "op", op, "procs", procs);
    }

    private static List<Comparison> pool()
    {
        final String[] without = {"pin", "gap_us"};
        return List.of(
            Comparison.of("pool start, 2 workers, to the first result", Quantity.TIME, "")
                .mp4j("mp4j `ProcessPool`, cold", startup("cold", "first_result_ms"), NS_PER_MS,
                    Target.atMost(60e6, "<= 60 ms"))
                .mp4j("mp4j `ProcessPool`, cold, archive", startup("cold.archive", "first_result_ms"),
                    NS_PER_MS, null)
                .peer("Python `Pool`, spawn", Query.of("mp.Pool", "first_result_ms", "start", "spawn", "workers", 2),
                    NS_PER_MS, Target.ratioAtLeast(1, "mp4j <= Python spawn"))
                .peer("Python `Pool`, fork", Query.of("mp.Pool", "first_result_ms", "start", "fork", "workers", 2),
                    NS_PER_MS)
                .peer("joblib loky, first call", Query.of("joblib.Parallel.startup",
                    "first_call_2_tasks_ms", "backend", "loky"), NS_PER_MS)
                .peer("bare JVM, start to exit", Query.of("jvm.start", "run_ms", "cmd", "java Noop"), NS_PER_MS),
            Comparison.of("reused warm pool, to the first result", Quantity.TIME, "")
                .mp4j("mp4j `ProcessPool`, warm", startup("warm", "first_result_ms"), NS_PER_MS,
                    Target.atMost(1e6, "<= 1 ms"))
                .peer("joblib loky, next call", Query.of("joblib.Parallel.startup",
                    "next_call_2_tasks_ms", "backend", "loky"), NS_PER_MS),
            Comparison.of("`apply` round trip, one call at a time, p50", Quantity.TIME, "")
                .mp4j("mp4j `ProcessPool`", Query.of("mp4j.ProcessPool.apply", "rtt_p50_us").without(without),
                    NS_PER_US, Target.atMost(10_000, "<= 10 us"))
                .mp4j("mp4j `ThreadPool`", Query.of("mp4j.ThreadPool.apply", "rtt_p50_us").without(without),
                    NS_PER_US, null)
                .peer("`ExecutorService` (1 JVM)", Query.of("jdk.ExecutorService.submit_get",
                    "rtt_p50_us").without(without), NS_PER_US),
            Comparison.of("`apply` in a loop, mean per call", Quantity.TIME, "")
                .mp4j("mp4j `ProcessPool`", Query.of("mp4j.ProcessPool.apply_loop", "us_per_task")
                    .without(without), NS_PER_US, null)
                .peer("`ExecutorService` (1 JVM)", Query.of("jdk.ExecutorService.submit_result_loop",
                    "us_per_task").without(without), NS_PER_US)
                .peer("Python `Pool` (fork)", Query.of("mp.Pool.apply_loop", "us_per_task", "start", "fork")
                    .without(without), NS_PER_US),
            Comparison.of("`map` of trivial tasks, automatic chunks, per task", Quantity.TIME, "")
                .mp4j("mp4j `ProcessPool` (n={n})", Query.of("mp4j.ProcessPool.map", "us_per_task",
                    "chunksize", "default").without(without), NS_PER_US, Target.atMost(50, "<= 0.05 us"))
                .mp4j("mp4j `ThreadPool` (n={n})", Query.of("mp4j.ThreadPool.map", "us_per_task",
                    "chunksize", "default").without(without), NS_PER_US, null)
                .peer("`ForkJoinPool` stream (n={n})", Query.of("jdk.ForkJoinPool.parallel_stream",
                    "us_per_task", "chunksize", "auto").without(without), NS_PER_US)
                .peer("one thread (n={n})", Query.of("jdk.serial.map", "us_per_task").without(without),
                    NS_PER_US)
                .peer("Python `Pool` (fork, n={n})", Query.of("mp.Pool.map", "us_per_task", "start", "fork",
                    "chunksize", "default").without(without), NS_PER_US)
                .peer("joblib loky (n={n})", Query.of("joblib.Parallel", "us_per_task", "backend", "loky",
                    "batch_size", "auto").without("pin", "gap_us", "reuse"), NS_PER_US));
    }

    private static Query startup(final String start, final String metric)
    {
        return Query.of("mp4j.ProcessPool", metric, "start", start, "workers", 2);
    }

    private static List<Comparison> speedup(final Results results)
    {
        final List<Comparison> list = new ArrayList<>();
        for (final Figure f : results.findAll(Query.of("mp4j.ProcessPool.cpu_bound", "speedup")))
        {
            final int n = (int)f.numericParam("workers");
            if (n < 2)
            {
                continue;
            }
            list.add(Comparison.of(String.format(Locale.ROOT, "speed-up, %d workers, CPU-bound tasks of %s ms", n,
                    f.params().get("task_ms")), Quantity.FACTOR, "")
                .mp4j("mp4j `ProcessPool`", Query.of("mp4j.ProcessPool.cpu_bound", "speedup", "workers", n), 1,
                    Target.atLeast(0.9 * n, String.format(Locale.ROOT, ">= 0.9 n = %.1f", 0.9 * n)))
                .peer("threads (1 JVM)", Query.of("jdk.ExecutorService.cpu_bound", "speedup",
                    "workers", n), 1));
        }
        return list;
    }
}
