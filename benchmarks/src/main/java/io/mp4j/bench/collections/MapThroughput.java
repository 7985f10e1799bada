package io.mp4j.bench.collections;

import io.mp4j.bench.ipc.Jvms;

import io.mp4j.bench.Cli;
import io.mp4j.bench.ResultLines;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.values.SharedLongArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Shared map {@code get} and {@code put} throughput per JVM, the figure of design.md section 6 ("shared map get /
 * put from 2 JVMs: >= 3 M / >= 1 M ops/s per JVM"), for mp4j's {@code SharedMap<Long, Long>} beside raw Chronicle
 * Map {@code ChronicleMap<Long, Long>} ({@link MapImpls}: same entries, same key and value sizes). The parent
 * creates each map once and fills it with keys {@code 0..keys-1}; then, for each run, it goes round-robin over every
 * case (implementation x JVMs x operation), so that the figures of one round are seconds apart. A case starts
 * {@code procs} fresh JVMs ({@link MapParticipant}) that open the map, wait for a shared go, run {@code --warmup-ms}
 * and count the calls completed during the next {@code --measure-ms}, each in one thread. Each figure is the median
 * over the runs.
 *
 * <p>Ids: {@code mp4j.map[impl=...,keys=...,op=get|put,procs=1|2].ops_per_s_per_jvm} (calls per second of one JVM, the mean
 * over the JVMs of the run), {@code .ops_per_s_total} (all JVMs together), {@code .cpu_share} (CPU time of a JVM's
 * thread during the window over the window, mean over the JVMs: below 1 when it waited for a core),
 * {@code .absent} (calls that found no value: 0 expected) and, for mp4j, {@code .over_chronicle} (the run-by-run
 * ratio of ops_per_s_per_jvm to raw Chronicle Map's in the same round). Python's peer is
 * {@code mp.Manager.dict_get[caller=child,n=...].ops_per_s} and {@code dict_set} (bench_manager.py).
 *
 * <pre>
 * java $(java -cp benchmarks.jar io.mp4j.bench.PrintJvmFlags) -cp benchmarks.jar \
 *     io.mp4j.bench.collections.MapThroughput [--impls mp4j.SharedMap,chronicle.Map] [--ops get,put]
 *     [--procs 1,2] [--runs 5] [--keys 1048576] [--warmup-ms 2000] [--measure-ms 2000] [--dir DIR]
 * </pre>
 */
public final class MapThroughput
{
    /** The bench name of the emitted lines. */
    public static final String BENCH = "mp4j.map";

    private static final String USAGE = "MapThroughput [--impls mp4j.SharedMap,chronicle.Map] [--ops get,put] " +
        "[--procs 1,2] [--runs R] [--keys N] [--warmup-ms MS] [--measure-ms MS] [--dir DIR]";

    private MapThroughput()
    {
    }

    private record Case(String impl, int procs, String op)
    {
        String key()
        {
            return impl + "/" + procs + "/" + op;
        }
    }

    /**
     * @param args see the class comment.
     * @throws InterruptedException if interrupted.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Cli cli = new Cli(args, USAGE, "impls", "ops", "procs", "runs", "keys", "warmup-ms", "measure-ms",
            "dir");
        final List<String> impls = cli.list("impls", String.join(",", MapImpls.ALL));
        final List<String> ops = cli.list("ops", "get,put");
        final List<Integer> procsList = cli.ints("procs", "1,2");
        final int runs = cli.intValue("runs", 5);
        final long keys = cli.longValue("keys", 1 << 20);
        final long warmupMs = cli.longValue("warmup-ms", 2000);
        final long measureMs = cli.longValue("measure-ms", 2000);
        final Path dir = Jvms.runDirectory(Path.of(cli.string("dir",
            "/dev/shm/mp4j-bench-map-" + ProcessHandle.current().pid())));
        for (final String impl : impls)
        {
            if (!MapImpls.ALL.contains(impl))
            {
                throw new IllegalArgumentException("unknown impl " + impl + "\nusage: " + USAGE);
            }
        }
        final List<Case> cases = new ArrayList<>();
        for (final int procs : procsList)
        {
            for (final String op : ops)
            {
                for (final String impl : impls)
                {
                    cases.add(new Case(impl, procs, op));
                }
            }
        }
        System.err.printf(Locale.ROOT, "== MapThroughput: java %s, %d cpus, %d cases x %d runs, %,d keys, " +
            "warm-up %d ms, window %d ms%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
            cases.size(), runs, keys, warmupMs, measureMs);

        final Map<String, double[]> perJvm = new LinkedHashMap<>();
        final Map<String, double[]> total = new LinkedHashMap<>();
        final Map<String, double[]> cpuShares = new LinkedHashMap<>();
        final Map<String, double[]> absent = new LinkedHashMap<>();
        for (final Case c : cases)
        {
            for (final Map<String, double[]> m : List.of(perJvm, total, cpuShares, absent))
            {
                final double[] r = new double[runs];
                Arrays.fill(r, Double.NaN);
                m.put(c.key(), r);
            }
        }
        final Space control = Space.at(dir.resolve("control"));
        final Map<String, String> where = new LinkedHashMap<>();
        try
        {
            for (final String impl : impls)
            {
                final long startNs = System.nanoTime();
                where.put(impl, MapImpls.create(impl, dir, keys));
                System.err.printf(Locale.ROOT, "   %s: created and filled with %,d keys in %.1f s%n", impl, keys,
                    (System.nanoTime() - startNs) / 1e9);
            }
            for (int run = 0; run < runs; run++)
            {
                for (final Case c : cases)
                {
                    try
                    {
                        final double[] r = oneRun(c, where.get(c.impl()), keys, control, "ctl-" + run, warmupMs,
                            measureMs);
                        perJvm.get(c.key())[run] = r[0];
                        total.get(c.key())[run] = r[1];
                        cpuShares.get(c.key())[run] = r[2];
                        absent.get(c.key())[run] = r[3];
                        System.err.printf(Locale.ROOT, "   run %d %-15s %s procs=%d: %,12.0f ops/s per JVM, " +
                                "%,12.0f total (cpu share %.2f, absent %.0f)%n", run + 1, c.impl(), c.op(), c.procs(),
                            r[0], r[1], r[2], r[3]);
                    }
                    catch (final RuntimeException ex)
                    {
                        System.err.printf("!! run %d %s %s procs=%d failed: %s%n", run + 1, c.impl(), c.op(),
                            c.procs(), ex);
                    }
                }
            }
        }
        finally
        {
            Jvms.deleteRecursively(dir);
        }

        final ResultLines out = new ResultLines(System.out, System.err);
        for (final Case c : cases)
        {
            final Map<String, Object> params = ResultLines.params("impl", c.impl(), "keys", keys, "op", c.op(),
                "procs", c.procs());
            final double[] rates = finite(perJvm.get(c.key()));
            if (rates.length == 0)
            {
                System.err.printf("!! no figure for %s %s procs=%d: every run failed%n", c.impl(), c.op(), c.procs());
                continue;
            }
            final Map<String, Object> info = ResultLines.params("warmup_ms", warmupMs, "window_ms", measureMs,
                "threads_per_jvm", 1);
            if (rates.length < runs)
            {
                info.put("failed_runs", runs - rates.length);
            }
            out.emit(BENCH, "ops_per_s_per_jvm", "op/s", rates, params, info);
            out.emit(BENCH, "ops_per_s_total", "op/s", finite(total.get(c.key())), params, info);
            out.emit(BENCH, "cpu_share", "cpu", finite(cpuShares.get(c.key())), params, ResultLines.params("what",
                "CPU time of a JVM's thread during the window / the window, mean over the JVMs"));
            out.emit(BENCH, "absent", "count", finite(absent.get(c.key())), params, ResultLines.params("what",
                "calls that found no value (every key exists: 0 expected)"));
            if (!c.impl().equals(MapImpls.CHRONICLE))
            {
                final double[] peer = perJvm.get(new Case(MapImpls.CHRONICLE, c.procs(), c.op()).key());
                if (peer != null)
                {
                    final double[] mine = perJvm.get(c.key());
                    final double[] ratio = new double[runs];
                    for (int i = 0; i < runs; i++)
                    {
                        ratio[i] = mine[i] / peer[i];
                    }
                    final double[] ok = finite(ratio);
                    if (ok.length > 0)
                    {
                        out.emit(BENCH, "over_chronicle", "x", ok, params, ResultLines.params("how",
                            "run-by-run ratio of ops_per_s_per_jvm to chronicle.Map's, same round"));
                    }
                }
            }
        }
    }

    private static double[] finite(final double[] values)
    {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v) && !Double.isInfinite(v)).toArray();
    }

    /**
     * One run of a case: fresh JVMs, go, wait for the end of the window, results.
     *
     * @return calls per second per JVM (mean), all JVMs together, mean CPU share, calls that found no value.
     */
    private static double[] oneRun(final Case c, final String where, final long keys, final Space control,
        final String controlName, final long warmupMs, final long measureMs) throws InterruptedException
    {
        final List<Jvms.Child> children = new ArrayList<>();
        try (SharedLongArray ctl = control.sharedLongArray(controlName, MapParticipant.CONTROL_LENGTH))
        {
            for (int i = 0; i < MapParticipant.CONTROL_LENGTH; i++)
            {
                ctl.set(i, 0);
            }
            for (int i = 0; i < c.procs(); i++)
            {
                children.add(Jvms.start(List.of(), MapParticipant.class, c.impl(), c.op(), Integer.toString(i),
                    Integer.toString(c.procs()), where, Long.toString(keys), control.directory().toString(),
                    controlName));
            }
            final long readyDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (ctl.get(MapParticipant.READY) < c.procs())
            {
                for (final Jvms.Child child : children)
                {
                    if (!child.process.isAlive())
                    {
                        throw new IllegalStateException("a participant exited early with code " +
                            child.process.exitValue());
                    }
                }
                if (System.nanoTime() - readyDeadline > 0)
                {
                    throw new IllegalStateException("participants not ready after 120 s");
                }
                LockSupport.parkNanos(1_000_000);
            }
            final long goNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
            final long startNs = goNs + TimeUnit.MILLISECONDS.toNanos(warmupMs);
            ctl.set(MapParticipant.START_NS, startNs);
            ctl.set(MapParticipant.END_NS, startNs + TimeUnit.MILLISECONDS.toNanos(measureMs));
            ctl.set(MapParticipant.GO, goNs);
            double perJvm = 0;
            double cpu = 0;
            long absent = 0;
            int results = 0;
            for (final Jvms.Child child : children)
            {
                for (final String line : child.awaitExit(warmupMs + measureMs + 60_000))
                {
                    if (line.startsWith("RESULT "))
                    {
                        final String[] f = line.split(" ");
                        perJvm += Long.parseLong(f[1]) * 1e9 / Long.parseLong(f[2]);
                        cpu += Double.parseDouble(f[3]);
                        absent += Long.parseLong(f[4]);
                        results++;
                    }
                }
            }
            if (results != c.procs())
            {
                throw new IllegalStateException("expected " + c.procs() + " results, got " + results);
            }
            return new double[] {perJvm / results, perJvm, cpu / results, absent};
        }
        finally
        {
            Jvms.destroyAll(children);
            control.remove(controlName);
        }
    }
}
