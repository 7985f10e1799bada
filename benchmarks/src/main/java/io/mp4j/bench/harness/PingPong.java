package io.mp4j.bench.harness;

import io.mp4j.bench.Cli;
import io.mp4j.bench.ResultLines;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.values.SharedLong;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Round trip of 8 bytes between two JVMs over two {@link SharedLong}s (two regions, so two cache lines): this JVM
 * writes a sequence number to "ping" (release) and spins until the child, spinning on "ping" (acquire), has written
 * it back to "pong". Each of {@code --runs} runs starts a child JVM, warms up for at least {@code --warmup-ms} and
 * 200k round trips, then records {@code --round-trips} in an HdrHistogram; each percentile's value is the median
 * over the runs. The same measure as {@code shared/peers/limits/pingpong.c}, the cache-line floor: with
 * {@code --floor BINARY} (pingpong.c compiled) that program runs right after each run, when the child has exited,
 * and its figures are emitted as {@value #FLOOR_BENCH} with {@code beside=pin=...}, together with the run-by-run
 * ratio {@code rtt_p50_over_floor}. The VM's vCPU placement, and with it the round trip, changes over minutes:
 * only figures taken seconds apart compare.
 *
 * <p>{@code --pin split} starts the child under {@code taskset -c 1}; run this JVM under {@code taskset -c 0} for a
 * split placement like pingpong.c's.
 *
 * <pre>
 * java $(java -cp benchmarks.jar io.mp4j.bench.PrintJvmFlags) -cp benchmarks.jar \
 *     io.mp4j.bench.harness.PingPong [--runs 5] [--round-trips 1000000] [--warmup-ms 3000] [--pin none|split]
 * </pre>
 */
public final class PingPong
{
    /** The bench name of the emitted lines. */
    public static final String BENCH = "mp4j.pingpong";

    /** The bench name of the C floor's lines. */
    public static final String FLOOR_BENCH = "limits.cacheline_pingpong";

    private static final String USAGE = "PingPong [--runs R] [--round-trips N] [--warmup-ms MS] [--pin none|split] " +
        "[--floor PINGPONG_BINARY] [--floor-round-trips N]";
    private static final long STOP = -1;
    private static final long MIN_WARMUP_ROUND_TRIPS = 200_000;
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(10);

    private PingPong()
    {
    }

    /**
     * @param args see the class comment.
     * @throws InterruptedException if interrupted while waiting for the child.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Cli a = new Cli(args, USAGE, "runs", "round-trips", "warmup-ms", "pin", "floor",
            "floor-round-trips");
        final int runs = a.intValue("runs", 5);
        final long roundTrips = a.longValue("round-trips", 1_000_000);
        final long warmupMs = a.longValue("warmup-ms", 3000);
        final String pin = a.string("pin", "none");
        final String floorBinary = a.string("floor", null);
        final long floorRoundTrips = a.longValue("floor-round-trips", 2_000_000);
        final List<String> prefix = switch (pin)
        {
            case "none" -> List.of();
            case "split" -> List.of("taskset", "-c", "1");
            default -> throw new IllegalArgumentException("unknown --pin " + pin + "\nusage: " + USAGE);
        };
        final ResultLines out = new ResultLines(System.out, System.err);
        System.err.printf("== PingPong: java %s, pin=%s (this JVM's cpus: %s), runs=%d x %,d round trips, " +
            "warm-up %d ms%n", Runtime.version(), pin, allowedCpus(), runs, roundTrips, warmupMs);

        final Space space = Space.at(Path.of("/dev/shm", "mp4j-bench-" + ProcessHandle.current().pid()));
        final double[][] figures = new double[6][runs];
        final double[][] floor = new double[4][runs];
        final double[] p50OverFloor = new double[runs];
        long warmupRoundTrips = 0;
        try (SharedLong ping = space.sharedLong("ping");
            SharedLong pong = space.sharedLong("pong");
            SharedLong ready = space.sharedLong("ready"))
        {
            for (int run = 0; run < runs; run++)
            {
                // A fresh child per run, so that the C floor can run between two runs on idle cpus.
                ping.set(0);
                pong.set(0);
                ready.set(0);
                final List<Process> children = new ArrayList<>();
                final Histogram h = new Histogram(HIGHEST_TRACKABLE_NS, 3);
                try
                {
                    children.add(ChildJvms.start(prefix, Child.class, space.directory().toString()));
                    ChildJvms.awaitCount(ready, 1, children, 120_000);
                    long seq = 0;
                    final long warmupEndNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMs);
                    final Histogram scratch = new Histogram(HIGHEST_TRACKABLE_NS, 3);
                    while (seq < MIN_WARMUP_ROUND_TRIPS || System.nanoTime() - warmupEndNs < 0)
                    {
                        seq = roundTrips(ping, pong, seq, 10_000, scratch);
                    }
                    warmupRoundTrips = seq;
                    seq = roundTrips(ping, pong, seq, roundTrips, h);
                    ping.setRelease(STOP);
                    ChildJvms.awaitExit(children, 60_000);
                }
                finally
                {
                    ChildJvms.destroy(children);
                }
                figures[0][run] = h.getValueAtPercentile(50);
                figures[1][run] = h.getValueAtPercentile(90);
                figures[2][run] = h.getValueAtPercentile(99);
                figures[3][run] = h.getValueAtPercentile(99.9);
                figures[4][run] = h.getMaxValue();
                figures[5][run] = h.getMinValue();
                System.err.printf("   run %d: p50 %,d ns, p90 %,d, p99 %,d, p99.9 %,d, max %,d (mean %,.0f)%n", run + 1,
                    (long)figures[0][run], (long)figures[1][run], (long)figures[2][run], (long)figures[3][run],
                    (long)figures[4][run], h.getMean());
                if (floorBinary != null)
                {
                    final long[] c = runFloor(floorBinary, floorRoundTrips);
                    for (int m = 0; m < c.length; m++)
                    {
                        floor[m][run] = c[m];
                    }
                    p50OverFloor[run] = figures[0][run] / c[0];
                    System.err.printf("         C floor: p50 %,d ns, p99 %,d, p99.9 %,d, min %,d%n", c[0], c[1], c[2],
                        c[3]);
                }
            }
        }
        finally
        {
            space.destroy();
        }
        final Map<String, Object> params = ResultLines.params("variant", "SharedLong.8B", "pin", pin);
        final Map<String, Object> info = ResultLines.params("round_trips_per_run", roundTrips,
            "warmup_round_trips", warmupRoundTrips);
        final String[] metrics = {"rtt_p50_ns", "rtt_p90_ns", "rtt_p99_ns", "rtt_p99.9_ns", "rtt_max_ns",
            "rtt_min_ns"};
        for (int m = 0; m < metrics.length; m++)
        {
            out.emit(BENCH, metrics[m], "ns", figures[m], params, info);
        }
        if (floorBinary != null)
        {
            out.emit(BENCH, "rtt_p50_over_floor", "x", p50OverFloor, params,
                ResultLines.params("floor", "C pingpong.c run right after each run"));
            final Map<String, Object> floorParams = ResultLines.params("variant", "C.8B", "pin", "split",
                "beside", "pin=" + pin);
            final Map<String, Object> floorInfo = ResultLines.params("round_trips_per_run", floorRoundTrips,
                "first_tenth_dropped", true);
            final String[] floorMetrics = {"rtt_p50_ns", "rtt_p99_ns", "rtt_p99.9_ns", "rtt_min_ns"};
            for (int m = 0; m < floorMetrics.length; m++)
            {
                out.emit(FLOOR_BENCH, floorMetrics[m], "ns", floor[m], floorParams, floorInfo);
            }
        }
    }

    /**
     * Runs pingpong.c's binary once.
     *
     * @return p50, p99, p99.9 and min in ns.
     */
    private static long[] runFloor(final String binary, final long roundTrips) throws InterruptedException
    {
        final String output;
        try
        {
            final Process p = new ProcessBuilder(binary, Long.toString(roundTrips))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0)
            {
                throw new IllegalStateException(binary + " exited with code " + p.exitValue());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + binary, ex);
        }
        final String[] keys = {"p50_ns", "p99_ns", "p999_ns", "min_ns"};
        final long[] values = new long[keys.length];
        for (int i = 0; i < keys.length; i++)
        {
            final Matcher m = Pattern.compile("\"" + keys[i] + "\":(\\d+)").matcher(output);
            if (!m.find())
            {
                throw new IllegalStateException("no " + keys[i] + " in the output of " + binary + ": " + output);
            }
            values[i] = Long.parseLong(m.group(1));
        }
        return values;
    }

    private static long roundTrips(final SharedLong ping, final SharedLong pong, final long fromSeq, final long count,
        final Histogram histogram)
    {
        long seq = fromSeq;
        for (long i = 0; i < count; i++)
        {
            seq++;
            final long startNs = System.nanoTime();
            ping.setRelease(seq); // release: pairs with the child's acquire read of ping
            while (pong.getAcquire() != seq)
            {
                Thread.onSpinWait();
            }
            histogram.recordValue(Math.min(System.nanoTime() - startNs, HIGHEST_TRACKABLE_NS));
        }
        return seq;
    }

    private static String allowedCpus()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("Cpus_allowed_list:"))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (final IOException ex)
        {
            return "?";
        }
        return "?";
    }

    /**
     * The echoing side: copies every new value of "ping" to "pong" until it reads the stop value.
     * Argument: the space directory.
     */
    public static final class Child
    {
        private Child()
        {
        }

        /**
         * @param args the space directory.
         */
        public static void main(final String[] args)
        {
            final Space space = Space.at(Path.of(args[0]));
            try (SharedLong ping = space.attach("ping", SharedLong.class);
                SharedLong pong = space.attach("pong", SharedLong.class);
                SharedLong ready = space.attach("ready", SharedLong.class))
            {
                ready.getAndAdd(1);
                echo(ping, pong);
            }
        }

        private static void echo(final SharedLong ping, final SharedLong pong)
        {
            long last = 0;
            while (true)
            {
                final long seq = ping.getAcquire(); // acquire: pairs with the parent's release write
                if (seq == last)
                {
                    Thread.onSpinWait();
                    continue;
                }
                if (seq == STOP)
                {
                    return;
                }
                pong.setRelease(seq);
                last = seq;
            }
        }
    }
}
