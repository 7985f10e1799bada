package io.mp4j.bench.ipc;

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
 * One-way queue throughput across JVMs: producers and consumers each in their own JVM ({@link QueueParticipant}),
 * for each topology ({@code 1P1C}, {@code 2P1C}, {@code 1P2C}), message length and queue of {@link QueueImpls}
 * (mp4j's raw {@code QueueRing} and its {@code SharedQueue} object API with {@code Codecs.bytes()}, raw Agrona,
 * Chronicle Queue, and {@code ArrayBlockingQueue} between threads of one JVM). A run starts fresh JVMs, lets them
 * run {@code --warmup-ms}, then counts what the consumers take during {@code --measure-ms}; runs go round-robin over
 * every case, so that the figures of one round are seconds apart, and each figure is the median over the runs.
 * With {@code --spsc BINARY} (spsc.c compiled) the C ring floor runs at the end of every round, for each message
 * length up to 4 KiB.
 *
 * <p>With {@code --pin split} producers run under {@code taskset -c 0} and consumers under {@code taskset -c 1} (the
 * in-JVM peer's threads are not pinned); spsc.c always pins itself so.
 *
 * <p>Ids: {@code ipc.queue[impl=...,msg_bytes=...,pin=...,topo=1P1C].msgs_per_s} and {@code .payload_MB_per_s} (MB = 1e6
 * bytes, as the Python peers), {@code .over_agrona} (the run-by-run ratio to raw Agrona's msgs_per_s),
 * {@code .over_spsc_floor} (the same against spsc.c, 1P1C),
 * {@code .consumer_cpu_share} and {@code .producer_cpu_share} (CPU time of a consumer or producer thread during the
 * window over the window: below 1 when it waited for a core), {@code .consumer_empty_poll_pct} (polls that found
 * the queue empty) and {@code .mean_depth} (messages waiting, sampled by the consumer).
 *
 * <p>Chronicle Queue keeps every message in its files (here on /dev/shm, in memory): its warm-up and window last at
 * most a second each, its producers stop after {@code --chronicle-cap-mb} (2 GiB) of payload per run, and the
 * window then ends at the last message taken. The files are deleted after each run. The same holds for mp4j's
 * durable queues ({@code --impls mp4j.DurableQueue.consumer,mp4j.DurableQueue.reader}, not in the default list; ids
 * {@code .over_chronicle}: the run-by-run ratio to raw Chronicle Queue's msgs_per_s).
 *
 * <pre>
 * java $(java -cp benchmarks.jar io.mp4j.bench.PrintJvmFlags) -cp benchmarks.jar \
 *     io.mp4j.bench.ipc.IpcQueueThroughput [--topologies 1P1C,2P1C,1P2C] [--sizes 8,64,1024,65536]
 *     [--impls ...] [--runs 3] [--warmup-ms 1500] [--measure-ms 1500] [--spsc /tmp/spsc] [--pin none|split]
 *     [--dir DIR]
 * </pre>
 */
public final class IpcQueueThroughput
{
    /** The bench name of the emitted lines. */
    public static final String BENCH = "ipc.queue";

    private static final String USAGE = "IpcQueueThroughput [--topologies 1P1C,2P1C,1P2C] [--sizes 8,64,1024,65536] " +
        "[--impls A,B] [--runs R] [--warmup-ms MS] [--measure-ms MS] [--spsc SPSC_BINARY] [--spsc-messages N] " +
        "[--chronicle-cap-mb MB] [--pin none|split] [--dir DIR]";

    /** Chronicle's warm-up and window are at most this long: its files hold every message. */
    private static final long CHRONICLE_MAX_MS = 1000;
    /** Attempts of a run whose window a consumer missed (descheduled on a loaded machine) before it counts as failed. */
    private static final int MAX_ATTEMPTS = 3;

    private IpcQueueThroughput()
    {
    }

    private record Case(String topology, int producers, int consumers, int size, String impl)
    {
        String key()
        {
            return topology + "/" + size + "/" + impl;
        }
    }

    /**
     * @param args see the class comment.
     * @throws InterruptedException if interrupted.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Cli cli = new Cli(args, USAGE, "topologies", "sizes", "impls", "runs", "warmup-ms", "measure-ms",
            "spsc", "spsc-messages", "chronicle-cap-mb", "pin", "dir");
        final List<String> topologies = cli.list("topologies", "1P1C,2P1C,1P2C");
        final List<Integer> sizes = cli.ints("sizes", "8,64,1024,65536");
        final List<String> impls = cli.list("impls", String.join(",", QueueImpls.ALL));
        final int runs = cli.intValue("runs", 3);
        final long warmupMs = cli.longValue("warmup-ms", 1500);
        final long measureMs = cli.longValue("measure-ms", 1500);
        final String spsc = cli.string("spsc", null);
        final long spscMessages = cli.longValue("spsc-messages", 50_000_000);
        final long chronicleCap = cli.longValue("chronicle-cap-mb", 2048) << 20;
        final String pin = cli.string("pin", "none");
        if (!pin.equals("none") && !pin.equals("split"))
        {
            throw new IllegalArgumentException("unknown --pin " + pin + "\nusage: " + USAGE);
        }
        final Path dir = Jvms.runDirectory(Path.of(cli.string("dir",
            "/dev/shm/mp4j-bench-ipc-" + ProcessHandle.current().pid())));
        final Space space = Space.at(dir.resolve("space"));

        final List<Case> cases = new ArrayList<>();
        for (final String topology : topologies)
        {
            final int producers = Integer.parseInt(topology.substring(0, topology.indexOf('P')));
            final int consumers = Integer.parseInt(topology.substring(topology.indexOf('P') + 1,
                topology.indexOf('C')));
            for (final int size : sizes)
            {
                for (final String impl : impls)
                {
                    if (QueueImpls.supports(impl, producers, consumers))
                    {
                        cases.add(new Case(topology, producers, consumers, size, impl));
                    }
                }
            }
        }
        final List<Integer> spscSizes = sizes.stream().filter(s -> s >= 8 && s <= 4096).toList();
        System.err.printf("== IpcQueueThroughput: java %s, pin=%s, %d cases x %d runs, warm-up %d ms, window %d ms%s%n",
            Runtime.version(), pin, cases.size(), runs, warmupMs, measureMs,
            spsc == null ? "" : ", C spsc floor at " + spscSizes + " B");

        final Map<String, double[]> rates = new LinkedHashMap<>();
        final Map<String, double[]> consumerShares = new LinkedHashMap<>();
        final Map<String, double[]> producerShares = new LinkedHashMap<>();
        final Map<String, double[]> emptyPolls = new LinkedHashMap<>();
        final Map<String, double[]> depths = new LinkedHashMap<>();
        final Map<String, Long> errors = new LinkedHashMap<>();
        for (final Case c : cases)
        {
            final double[] r = new double[runs];
            Arrays.fill(r, Double.NaN);
            rates.put(c.key(), r);
            consumerShares.put(c.key(), r.clone());
            producerShares.put(c.key(), r.clone());
            emptyPolls.put(c.key(), r.clone());
            depths.put(c.key(), r.clone());
        }
        final Map<Integer, double[]> spscRates = new LinkedHashMap<>();
        for (final int s : spscSizes)
        {
            final double[] r = new double[runs];
            Arrays.fill(r, Double.NaN);
            spscRates.put(s, r);
        }
        try
        {
            for (int run = 0; run < runs; run++)
            {
                for (final Case c : cases)
                {
                    final String tag = "q-" + run + "-" + c.topology() + "-" + c.size() + "-" +
                        c.impl().replace('.', '_');
                    try
                    {
                        final boolean persistent = QueueImpls.persistent(c.impl());
                        final double[] shares = new double[4];
                        long[] result = null;
                        for (int attempt = 1; result == null; attempt++)
                        {
                            try
                            {
                                result = oneRun(c, pin, dir, space, tag + "-" + attempt,
                                    persistent ? Math.min(warmupMs, CHRONICLE_MAX_MS) : warmupMs,
                                    persistent ? Math.min(measureMs, CHRONICLE_MAX_MS) : measureMs,
                                    persistent ? chronicleCap : 0, shares);
                            }
                            catch (final MissedWindowException ex)
                            {
                                // A consumer descheduled through a whole short window measured nothing: run it again.
                                if (attempt == MAX_ATTEMPTS)
                                {
                                    throw ex;
                                }
                                System.err.printf("   run %d %s %s %d B: %s; attempt %d of %d%n", run + 1,
                                    c.topology(), c.impl(), c.size(), ex.getMessage(), attempt + 1, MAX_ATTEMPTS);
                            }
                        }
                        final double rate = result[0] * 1e9 / result[1];
                        rates.get(c.key())[run] = rate;
                        consumerShares.get(c.key())[run] = shares[0];
                        producerShares.get(c.key())[run] = shares[1];
                        emptyPolls.get(c.key())[run] = shares[2];
                        depths.get(c.key())[run] = shares[3];
                        errors.merge(c.key(), result[2], Long::sum);
                        System.err.printf(Locale.ROOT, "   run %d %s %-28s %6d B: %,14.0f msg/s %,10.1f MB/s" +
                                "  (%,d msgs in %.3f s; cpu share: consumers %.2f, producers %.2f; empty polls %.1f%%, " +
                                "depth %.0f%s)%n", run + 1,
                            c.topology(), QueueImpls.idName(c.impl(), c.producers()), c.size(), rate,
                            rate * c.size() / 1e6, result[0], result[1] / 1e9, shares[0], shares[1], shares[2],
                            shares[3],
                            result[2] == 0 ? "" : ", " + result[2] + " ORDER ERRORS");
                    }
                    catch (final RuntimeException ex)
                    {
                        System.err.printf("!! run %d %s %s %d B failed: %s%n", run + 1, c.topology(), c.impl(),
                            c.size(), ex);
                    }
                }
                if (spsc != null)
                {
                    for (final int s : spscSizes)
                    {
                        final long n = s <= 64 ? spscMessages : Math.max(1_000_000, spscMessages / 5);
                        final double[] f = Floors.run(new String[] {spsc, Long.toString(n), Integer.toString(s)},
                            "msgs_per_s");
                        spscRates.get(s)[run] = f[0];
                        System.err.printf(Locale.ROOT, "   run %d C spsc floor (pinned 0/1) %6d B: %,14.0f msg/s " +
                            "%,10.1f MB/s%n", run + 1, s, f[0], f[0] * s / 1e6);
                    }
                }
            }
        }
        finally
        {
            Jvms.deleteRecursively(dir.resolve("space"));
        }

        final ResultLines out = new ResultLines(System.out, System.err);
        for (final String topology : topologies)
        {
            for (final int size : sizes)
            {
                for (final String metric : List.of("msgs_per_s", "payload_MB_per_s"))
                {
                    final double scale = metric.equals("msgs_per_s") ? 1 : size / 1e6;
                    for (final Case c : cases)
                    {
                        if (c.topology().equals(topology) && c.size() == size)
                        {
                            emit(out, c, pin, metric, metric.equals("msgs_per_s") ? "msg/s" : "MB/s",
                                scaled(rates.get(c.key()), scale), errors.getOrDefault(c.key(), 0L), warmupMs,
                                measureMs, runs);
                        }
                    }
                    if (topology.equals("1P1C") && spscRates.containsKey(size))
                    {
                        final double[] ok = finite(scaled(spscRates.get(size), scale));
                        if (ok.length > 0)
                        {
                            out.emit(BENCH, metric, metric.equals("msgs_per_s") ? "msg/s" : "MB/s", ok,
                                ResultLines.params("impl", "C.spsc", "msg_bytes", size, "pin", pin, "topo", topology),
                                ResultLines.params("note", "spsc.c: fixed-size slots, no header, tail published " +
                                    "every 64 messages, pinned to cpus 0/1; an upper bound"));
                        }
                    }
                }
                for (final Case c : cases)
                {
                    if (c.topology().equals(topology) && c.size() == size)
                    {
                        for (final String who : List.of("consumer", "producer"))
                        {
                            final double[] ok = finite((who.equals("consumer") ? consumerShares : producerShares)
                                .get(c.key()));
                            if (ok.length > 0 && Arrays.stream(ok).allMatch(v -> v >= 0))
                            {
                                out.emit(BENCH, who + "_cpu_share", "cpu", ok, params(c, pin), ResultLines.params("what",
                                    "CPU time of each " + who + " thread during the window / the window, mean " +
                                    "over the " + who + "s"));
                            }
                        }
                        final double[] empty = finite(emptyPolls.get(c.key()));
                        if (empty.length > 0 && Arrays.stream(empty).allMatch(v -> v >= 0))
                        {
                            out.emit(BENCH, "consumer_empty_poll_pct", "%", empty, params(c, pin),
                                ResultLines.params("what", "polls in the window that found nothing: the consumer " +
                                    "had caught up"));
                        }
                        final double[] depth = finite(depths.get(c.key()));
                        if (depth.length > 0 && Arrays.stream(depth).allMatch(v -> v >= 0))
                        {
                            out.emit(BENCH, "mean_depth", "msgs", depth, params(c, pin),
                                ResultLines.params("what", "messages waiting, sampled by the consumer in the window"));
                        }
                    }
                }
                if (topology.equals("1P1C") && spscRates.containsKey(size))
                {
                    final double[] floor = spscRates.get(size);
                    for (final Case c : cases)
                    {
                        if (c.topology().equals(topology) && c.size() == size)
                        {
                            final double[] mine = rates.get(c.key());
                            final double[] ratio = new double[runs];
                            for (int i = 0; i < runs; i++)
                            {
                                ratio[i] = mine[i] / floor[i];
                            }
                            final double[] ok = finite(ratio);
                            if (ok.length > 0)
                            {
                                out.emit(BENCH, "over_spsc_floor", "x", ok, params(c, pin), ResultLines.params("how",
                                    "run-by-run ratio of msgs_per_s to spsc.c run at the end of the same round"));
                            }
                        }
                    }
                }
                final double[] chronicleRates = rates.get(topology + "/" + size + "/" + QueueImpls.CHRONICLE);
                if (chronicleRates != null)
                {
                    for (final Case c : cases)
                    {
                        if (c.topology().equals(topology) && c.size() == size &&
                            QueueImpls.DURABLE.contains(c.impl()))
                        {
                            final double[] mine = rates.get(c.key());
                            final double[] ratio = new double[runs];
                            for (int i = 0; i < runs; i++)
                            {
                                ratio[i] = mine[i] / chronicleRates[i];
                            }
                            final double[] ok = finite(ratio);
                            if (ok.length > 0)
                            {
                                out.emit(BENCH, "over_chronicle", "x", ok, params(c, pin), ResultLines.params("how",
                                    "run-by-run ratio of msgs_per_s to raw Chronicle Queue's, same round"));
                            }
                        }
                    }
                }
                final double[] agrona = rates.get(topology + "/" + size + "/" + QueueImpls.AGRONA);
                if (agrona != null)
                {
                    for (final Case c : cases)
                    {
                        if (c.topology().equals(topology) && c.size() == size && c.impl().startsWith("mp4j."))
                        {
                            final double[] mine = rates.get(c.key());
                            final double[] ratio = new double[runs];
                            for (int i = 0; i < runs; i++)
                            {
                                ratio[i] = mine[i] / agrona[i];
                            }
                            final double[] ok = finite(ratio);
                            if (ok.length > 0)
                            {
                                out.emit(BENCH, "over_agrona", "x", ok, params(c, pin), ResultLines.params("agrona",
                                    QueueImpls.idName(QueueImpls.AGRONA, c.producers()), "how",
                                    "run-by-run ratio of msgs_per_s, same round"));
                            }
                        }
                    }
                }
            }
        }
    }

    private static Map<String, Object> params(final Case c, final String pin)
    {
        return ResultLines.params("impl", QueueImpls.idName(c.impl(), c.producers()), "msg_bytes", c.size(),
            "pin", pin, "topo", c.topology());
    }

    private static void emit(final ResultLines out, final Case c, final String pin, final String metric,
        final String unit, final double[] runs, final long errors, final long warmupMs, final long measureMs,
        final int allRuns)
    {
        final double[] ok = finite(runs);
        if (ok.length == 0)
        {
            System.err.printf("!! no %s for %s %s %d B: every run failed%n", metric, c.topology(), c.impl(), c.size());
            return;
        }
        final Map<String, Object> info = new LinkedHashMap<>();
        final boolean persistent = QueueImpls.persistent(c.impl());
        info.put("warmup_ms", persistent ? Math.min(warmupMs, CHRONICLE_MAX_MS) : warmupMs);
        info.put("window_ms", persistent ? Math.min(measureMs, CHRONICLE_MAX_MS) : measureMs);
        if (c.impl().startsWith("mp4j.") && !persistent)
        {
            info.put("slots", QueueImpls.mp4jSlots(c.size()));
        }
        else if (c.impl().equals(QueueImpls.AGRONA))
        {
            info.put("capacity_bytes", QueueImpls.agronaCapacity(c.size()));
        }
        else if (c.impl().equals(QueueImpls.ABQ))
        {
            info.put("capacity", QueueImpls.mp4jSlots(c.size()));
            if (pin.equals("split"))
            {
                info.put("note", "threads of one JVM: not pinned");
            }
        }
        if (ok.length < allRuns)
        {
            info.put("failed_runs", allRuns - ok.length);
        }
        if (errors != 0)
        {
            info.put("order_errors", errors);
        }
        out.emit(BENCH, metric, unit, ok, params(c, pin), info);
    }

    private static double[] scaled(final double[] values, final double scale)
    {
        return Arrays.stream(values).map(v -> v * scale).toArray();
    }

    private static double[] finite(final double[] values)
    {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v) && !Double.isInfinite(v)).toArray();
    }

    /**
     * One run of a case: fresh JVMs, go, stop after the window, results.
     *
     * @return messages counted in the window (all consumers), its length in ns (their mean), order errors.
     */
    private static long[] oneRun(final Case c, final String pin, final Path dir, final Space space, final String tag,
        final long warmupMs, final long measureMs, final long capBytes, final double[] cpuShares)
        throws InterruptedException
    {
        final String where = QueueImpls.create(c.impl(), dir, tag, c.size());
        final List<Jvms.Child> producers = new ArrayList<>();
        final List<Jvms.Child> consumers = new ArrayList<>();
        final String controlName = tag + "-ctl";
        try (SharedLongArray ctl = space.sharedLongArray(controlName, QueueParticipant.CONTROL_LENGTH))
        {
            final int expectedReady;
            if (c.impl().equals(QueueImpls.ABQ))
            {
                consumers.add(start(c, List.of(), "threads", 0, where, space, controlName, capBytes));
                expectedReady = c.producers() + c.consumers();
            }
            else
            {
                for (int i = 0; i < c.consumers(); i++)
                {
                    consumers.add(start(c, pin.equals("split") ? List.of("taskset", "-c", "1") : List.of(), "consumer", i,
                        where, space, controlName, capBytes));
                }
                for (int i = 0; i < c.producers(); i++)
                {
                    producers.add(start(c, pin.equals("split") ? List.of("taskset", "-c", "0") : List.of(), "producer", i,
                        where, space, controlName, capBytes));
                }
                expectedReady = c.producers() + c.consumers();
            }
            final List<Jvms.Child> all = new ArrayList<>(consumers);
            all.addAll(producers);
            final long readyDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (ctl.get(QueueParticipant.READY) < expectedReady)
            {
                for (final Jvms.Child child : all)
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
            final long endNs = startNs + TimeUnit.MILLISECONDS.toNanos(measureMs);
            ctl.set(QueueParticipant.START_NS, startNs);
            ctl.set(QueueParticipant.END_NS, endNs);
            ctl.set(QueueParticipant.GO, goNs);
            while (System.nanoTime() - endNs < TimeUnit.MILLISECONDS.toNanos(20))
            {
                Thread.sleep(5);
                for (final Jvms.Child child : all)
                {
                    if (!child.process.isAlive() && child.process.exitValue() != 0)
                    {
                        throw new IllegalStateException("a participant failed with code " +
                            child.process.exitValue());
                    }
                }
            }
            ctl.set(QueueParticipant.STOP, 1);
            double producerCpu = 0;
            int producerCpus = 0;
            final List<String> lines = new ArrayList<>();
            for (final Jvms.Child p : producers)
            {
                lines.addAll(p.awaitExit(60_000));
            }
            for (final Jvms.Child consumer : consumers)
            {
                lines.addAll(consumer.awaitExit(60_000));
            }
            long messages = 0;
            long nanos = 0;
            long errors = 0;
            double consumerCpu = 0;
            double emptyPct = 0;
            double depth = 0;
            int windows = 0;
            for (final String line : lines)
            {
                final String[] f = line.split(" ");
                if (line.startsWith("MISSED "))
                {
                    throw new MissedWindowException("a consumer " + line);
                }
                else if (line.startsWith("RESULT "))
                {
                    messages += Long.parseLong(f[1]);
                    nanos += Long.parseLong(f[2]);
                    errors += Long.parseLong(f[3]);
                    consumerCpu += Double.parseDouble(f[5]);
                    emptyPct += Double.parseDouble(f[6]);
                    depth += Double.parseDouble(f[7]);
                    windows++;
                }
                else if (line.startsWith("CPU "))
                {
                    producerCpu += Double.parseDouble(f[1]);
                    producerCpus++;
                }
            }
            if (windows != c.consumers())
            {
                throw new IllegalStateException("expected " + c.consumers() + " results, got " + windows);
            }
            // Consumers share one window: the rate is the sum of their rates; report it as messages per mean window.
            cpuShares[0] = consumerCpu / windows;
            cpuShares[1] = producerCpus == 0 ? Double.NaN : producerCpu / producerCpus;
            cpuShares[2] = emptyPct / windows;
            cpuShares[3] = depth / windows;
            return new long[] {messages, nanos / windows, errors};
        }
        finally
        {
            Jvms.destroyAll(consumers);
            Jvms.destroyAll(producers);
            space.remove(controlName);
            QueueImpls.delete(c.impl(), where);
        }
    }

    private static Jvms.Child start(final Case c, final List<String> prefix, final String role, final int index,
        final String where, final Space space, final String controlName, final long capBytes)
    {
        return Jvms.start(prefix, QueueParticipant.class, c.impl(), role, Integer.toString(index), where,
            Integer.toString(c.size()), Integer.toString(c.producers()), Integer.toString(c.consumers()),
            space.directory().toString(), controlName, Long.toString(capBytes));
    }

    /**
     * A consumer saw no message inside the measured window: nothing was measured, nothing was wrong.
     */
    static final class MissedWindowException extends IllegalStateException
    {
        private static final long serialVersionUID = 1L;

        MissedWindowException(final String message)
        {
            super(message);
        }
    }
}
