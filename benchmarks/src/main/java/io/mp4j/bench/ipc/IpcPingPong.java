package io.mp4j.bench.ipc;

import io.mp4j.bench.Cli;
import io.mp4j.bench.ResultLines;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Round trip of a message between two JVMs: this JVM sends, a child JVM ({@link PingPongEcho}) sends it back, for
 * each link of {@link Links} (mp4j's {@code Pipe} with its default waiting, with busy spinning and with 10 spins
 * before yielding, a raw Agrona one-to-one ring pair, a Unix domain socket, TCP loopback) and each message length. Each run of a link starts a fresh child, warms up for at least
 * {@code --warmup-ms} and {@code --warmup-round-trips}, then records {@code --round-trips} round trips (a fifth of
 * them for the sockets, whose round trip is ~100 times longer; each phase stops after {@code --max-ms} at the
 * latest) in an HdrHistogram. Runs go round-robin over the
 * links, so that the figures of one round are seconds apart; with {@code --floor BINARY} (pingpong.c compiled) the
 * C cache-line round trip runs at the end of every round. Each figure is the median over the runs.
 *
 * <p>Ids: {@code ipc.pingpong[impl=...,msg_bytes=...,pin=...].rtt_p50_ns} and so on up to {@code rtt_p99.99_ns}
 * (written last, after {@code rtt_mean_ns}); the C floor is
 * {@code impl=C.cacheline} (pingpong.c pins itself to cpus 0 and 1 whatever {@code pin} says).
 *
 * <pre>
 * java $(java -cp benchmarks.jar io.mp4j.bench.PrintJvmFlags) -cp benchmarks.jar io.mp4j.bench.ipc.IpcPingPong \
 *     [--impls mp4j.Pipe,mp4j.Pipe.busyspin,mp4j.Pipe.spins10,agrona.OneToOneRingBuffer,jdk.UnixDomainSocket,
 *     jdk.TcpLoopback]
 *     [--sizes 8,1024]
 *     [--runs 3] [--round-trips 1000000] [--warmup-round-trips 200000] [--warmup-ms 2000] [--max-ms 15000]
 *     [--pin none|split|same]
 *     [--floor /tmp/pingpong] [--dir /dev/shm/...]
 * </pre>
 * With {@code --pin split} the child runs under {@code taskset -c 1}, with {@code --pin same} under
 * {@code taskset -c 0}; start this JVM under {@code taskset -c 0} for both.
 */
public final class IpcPingPong
{
    /** The bench name of the emitted lines. */
    public static final String BENCH = "ipc.pingpong";

    private static final String USAGE = "IpcPingPong [--impls A,B] [--sizes 8,1024] [--runs R] [--round-trips N] " +
        "[--warmup-round-trips N] [--warmup-ms MS] [--max-ms MS] [--pin none|split|same] [--floor PINGPONG_BINARY] " +
        "[--dir DIR]";
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(10);
    private static final String[] METRICS = {"rtt_p50_ns", "rtt_p90_ns", "rtt_p99_ns", "rtt_p99.9_ns", "rtt_max_ns",
        "rtt_mean_ns", "rtt_p99.99_ns"};
    private static final String[] FLOOR_METRICS = {"rtt_p50_ns", "rtt_p99_ns", "rtt_p99.9_ns", "rtt_min_ns"};

    private IpcPingPong()
    {
    }

    /**
     * @param args see the class comment.
     * @throws InterruptedException if interrupted.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Cli cli = new Cli(args, USAGE, "impls", "sizes", "runs", "round-trips", "warmup-round-trips",
            "warmup-ms", "max-ms", "pin", "floor", "dir");
        final List<String> impls = cli.list("impls", String.join(",", Links.NAMES));
        final List<Integer> sizes = cli.ints("sizes", "8,1024");
        final int runs = cli.intValue("runs", 3);
        final long roundTrips = cli.longValue("round-trips", 1_000_000);
        final long warmupRoundTrips = cli.longValue("warmup-round-trips", 200_000);
        final long warmupMs = cli.longValue("warmup-ms", 2000);
        final long maxMs = cli.longValue("max-ms", 15_000);
        final String pin = cli.string("pin", "none");
        final String floor = cli.string("floor", null);
        final Path dir = Jvms.runDirectory(Path.of(cli.string("dir",
            "/dev/shm/mp4j-bench-ipc-" + ProcessHandle.current().pid())));
        final List<String> prefix = switch (pin)
        {
            case "none" -> List.of();
            case "split" -> List.of("taskset", "-c", "1");
            case "same" -> List.of("taskset", "-c", "0");
            default -> throw new IllegalArgumentException("unknown --pin " + pin + "\nusage: " + USAGE);
        };
        System.err.printf("== IpcPingPong: java %s, pin=%s, impls=%s, sizes=%s, runs=%d x %,d round trips " +
            "(sockets %,d), warm-up >= %d ms and %,d round trips%n", Runtime.version(), pin, impls, sizes, runs,
            roundTrips, roundTrips / 5, warmupMs, warmupRoundTrips);

        // figures[impl][size] -> metric -> runs
        final Map<String, double[][]> figures = new LinkedHashMap<>();
        final Map<String, double[]> p50OverFloor = new LinkedHashMap<>();
        final double[][] floorFigures = new double[FLOOR_METRICS.length][runs];
        final Map<String, Long> warmups = new LinkedHashMap<>();
        final Map<String, Long> measured = new LinkedHashMap<>();
        for (final String impl : impls)
        {
            for (final int size : sizes)
            {
                final double[][] f = new double[METRICS.length][runs];
                for (final double[] m : f)
                {
                    java.util.Arrays.fill(m, Double.NaN);
                }
                figures.put(key(impl, size), f);
                final double[] ratio = new double[runs];
                java.util.Arrays.fill(ratio, Double.NaN);
                p50OverFloor.put(key(impl, size), ratio);
            }
        }
        try
        {
            for (int run = 0; run < runs; run++)
            {
                for (final int size : sizes)
                {
                    for (final String impl : impls)
                    {
                        final boolean slow = Links.isSlow(impl);
                        final long n = slow ? Math.max(10_000, roundTrips / 5) : roundTrips;
                        final long w = slow ? Math.max(10_000, warmupRoundTrips / 10) : warmupRoundTrips;
                        final String tag = "pp-" + run + "-" + size + "-" + impl.replace('.', '_');
                        try
                        {
                            final Histogram h = new Histogram(HIGHEST_TRACKABLE_NS, 3);
                            final long warmed = oneRun(impl, dir, tag, size, prefix, w, warmupMs, n, maxMs, h);
                            warmups.put(key(impl, size), warmed);
                            measured.merge(key(impl, size), h.getTotalCount(), Math::min);
                            final double[][] f = figures.get(key(impl, size));
                            f[0][run] = h.getValueAtPercentile(50);
                            f[1][run] = h.getValueAtPercentile(90);
                            f[2][run] = h.getValueAtPercentile(99);
                            f[3][run] = h.getValueAtPercentile(99.9);
                            f[4][run] = h.getMaxValue();
                            f[5][run] = h.getMean();
                            f[6][run] = h.getValueAtPercentile(99.99);
                            System.err.printf("   run %d %-26s %5d B: p50 %,7d ns  p90 %,7d  p99 %,8d  p99.9 %,9d  " +
                                "max %,11d  mean %,9.0f  (%,d round trips after %,d warm-up)%n", run + 1, impl, size,
                                (long)f[0][run], (long)f[1][run], (long)f[2][run], (long)f[3][run], (long)f[4][run],
                                f[5][run], h.getTotalCount(), warmed);
                        }
                        catch (final RuntimeException ex)
                        {
                            System.err.printf("!! run %d %s %d B failed: %s%n", run + 1, impl, size, ex);
                        }
                    }
                }
                if (floor != null)
                {
                    final double[] c = Floors.run(new String[] {floor, "2000000"}, "p50_ns", "p99_ns", "p999_ns",
                        "min_ns");
                    for (int m = 0; m < c.length; m++)
                    {
                        floorFigures[m][run] = c[m];
                    }
                    System.err.printf("   run %d C cache-line floor (pinned 0/1): p50 %,.0f ns, p99 %,.0f, p99.9 %,.0f, " +
                        "min %,.0f%n", run + 1, c[0], c[1], c[2], c[3]);
                    for (final String impl : impls)
                    {
                        for (final int size : sizes)
                        {
                            p50OverFloor.get(key(impl, size))[run] = figures.get(key(impl, size))[0][run] / c[0];
                        }
                    }
                }
            }
        }
        finally
        {
            Jvms.deleteRecursively(dir.resolve("space"));
        }

        final ResultLines out = new ResultLines(System.out, System.err);
        for (final int size : sizes)
        {
            for (int m = 0; m < METRICS.length; m++)
            {
                for (final String impl : impls)
                {
                    emit(out, impl, size, pin, METRICS[m], "ns", figures.get(key(impl, size))[m],
                        ResultLines.params("round_trips_per_run", measured.getOrDefault(key(impl, size), 0L),
                            "warmup_round_trips", warmups.getOrDefault(key(impl, size), 0L)));
                }
                if (floor != null && size == 8 && m < 3)
                {
                    emitFloor(out, pin, FLOOR_METRICS[m], floorFigures[m]);
                }
            }
            if (floor != null && size == 8)
            {
                emitFloor(out, pin, FLOOR_METRICS[3], floorFigures[3]);
            }
            if (floor != null)
            {
                for (final String impl : impls)
                {
                    emit(out, impl, size, pin, "rtt_p50_over_floor", "x", p50OverFloor.get(key(impl, size)),
                        ResultLines.params("floor", "C pingpong.c (8 B, pinned to cpus 0/1) run after each round"));
                }
            }
        }
    }

    private static void emit(final ResultLines out, final String impl, final int size, final String pin,
        final String metric, final String unit, final double[] runs, final Map<String, Object> info)
    {
        final double[] ok = java.util.Arrays.stream(runs).filter(v -> !Double.isNaN(v)).toArray();
        if (ok.length == 0)
        {
            System.err.printf("!! no %s for %s %d B: every run failed%n", metric, impl, size);
            return;
        }
        final Map<String, Object> allInfo = new LinkedHashMap<>(info);
        if (ok.length < runs.length)
        {
            allInfo.put("failed_runs", runs.length - ok.length);
        }
        out.emit(BENCH, metric, unit, ok, ResultLines.params("impl", impl, "msg_bytes", size, "pin", pin), allInfo);
    }

    private static void emitFloor(final ResultLines out, final String pin, final String metric, final double[] runs)
    {
        out.emit(BENCH, metric, "ns", runs, ResultLines.params("impl", "C.cacheline", "msg_bytes", 8, "pin", pin),
            ResultLines.params("note", "pingpong.c pins its two processes to cpus 0 and 1; first tenth dropped",
                "round_trips_per_run", 2_000_000));
    }

    private static String key(final String impl, final int size)
    {
        return impl + "/" + size;
    }

    /**
     * One run: a fresh child, warm-up, then the timed round trips.
     *
     * @return the warm-up round trips made.
     */
    private static long oneRun(final String impl, final Path dir, final String tag, final int size,
        final List<String> prefix, final long warmupRoundTrips, final long warmupMs, final long roundTrips,
        final long maxMs, final Histogram histogram) throws InterruptedException
    {
        final List<Jvms.Child> children = new ArrayList<>();
        final Links.Link link = Links.parent(impl, dir, tag, size);
        try
        {
            final List<String> childArgs = new ArrayList<>(List.of(impl, Integer.toString(size)));
            childArgs.addAll(List.of(link.childArguments()));
            final Jvms.Child child = Jvms.start(prefix, PingPongEcho.class, childArgs.toArray(new String[0]));
            children.add(child);
            link.awaitPeer(child.process::isAlive);
            child.awaitLine("READY", 120_000);
            final byte[] message = new byte[Math.max(size, 16)];
            final byte[] reply = new byte[Math.max(size, 16)];
            final UnsafeBuffer out = new UnsafeBuffer(message);
            final UnsafeBuffer in = new UnsafeBuffer(reply);
            final Histogram scratch = new Histogram(HIGHEST_TRACKABLE_NS, 3);
            final long warmupEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMs);
            final long warmupCap = warmupEnd + TimeUnit.MILLISECONDS.toNanos(maxMs);
            long seq = 0;
            while ((seq < warmupRoundTrips || System.nanoTime() - warmupEnd < 0) && System.nanoTime() - warmupCap < 0)
            {
                seq = roundTrips(link, out, in, size, seq, 1_000, warmupCap, scratch);
            }
            final long warmed = seq;
            roundTrips(link, out, in, size, seq, roundTrips,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMs), histogram);
            link.close();
            child.awaitExit(30_000);
            return warmed;
        }
        finally
        {
            Jvms.destroyAll(children);
            link.close();
            if (link instanceof Links.AgronaPair a)
            {
                a.delete();
            }
        }
    }

    private static long roundTrips(final Links.Link link, final UnsafeBuffer out, final UnsafeBuffer in,
        final int size, final long fromSeq, final long count, final long deadlineNs, final Histogram histogram)
    {
        final byte[] message = out.byteArray();
        final byte[] reply = in.byteArray();
        long seq = fromSeq;
        for (long i = 0; i < count; i++)
        {
            seq++;
            out.putLong(0, seq);
            final long startNs = System.nanoTime();
            link.send(message, size);
            final int n = link.receive(reply);
            final long rtt = System.nanoTime() - startNs;
            histogram.recordValue(Math.min(rtt, HIGHEST_TRACKABLE_NS));
            if (n != size || in.getLong(0) != seq)
            {
                throw new IllegalStateException("bad echo: length " + n + " (sent " + size + "), seq " +
                    in.getLong(0) + " (sent " + seq + ")");
            }
            if ((i & 63) == 63 && System.nanoTime() - deadlineNs > 0)
            {
                break;
            }
        }
        return seq;
    }
}
