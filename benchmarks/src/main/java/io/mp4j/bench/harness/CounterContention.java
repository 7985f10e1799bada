package io.mp4j.bench.harness;

import io.mp4j.bench.Cli;
import io.mp4j.bench.MappedCounterFile;
import io.mp4j.bench.ResultLines;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.sync.SharedLock;
import io.mp4j.ipc.values.SharedBoolean;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.ipc.values.SharedLongArray;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Contended increments of one shared long, the cross-process figure of design.md section 6: for each kind, child
 * JVMs warm up (JIT) on a separate counter, say they are ready through a shared count, spin on a shared "go" flag,
 * then each does {@code n_each} {@code getAndAdd(1)} on the measured counter and reports its start and end
 * {@code System.nanoTime()} (CLOCK_MONOTONIC, comparable across processes on Linux) through a shared array. The
 * rate is {@code total / (max end - min start)}; lost updates are {@code total - final value}; the overlap is the
 * share of that span during which all participants were incrementing at once (a run with a low overlap was hardly
 * contended: one participant was descheduled or started late). {@code contended_increments_per_s} is the median
 * rate over the runs with an overlap of at least 90%: the figure to compare on a machine shared with other load.
 *
 * <p>Kinds: {@value #SHARED_LONG} (mp4j, 2 JVMs), {@value #AGRONA} (raw Agrona {@code UnsafeBuffer} over a file
 * mapped in /dev/shm, 2 JVMs), {@value #ATOMIC_LONG} (one JVM, 2 threads); and the lock figures, a plain
 * read-increment-write under a lock: {@value #SHARED_LOCK} (mp4j's robust lock, 2 JVMs; Python's peer is
 * {@code kind=RawValue+Lock}) and {@value #REENTRANT_LOCK} (one JVM, 2 threads). Every run starts fresh JVMs; the runs of
 * all kinds are interleaved so that the machine's noise spreads over them alike. JSON lines in the Python peers'
 * format on stdout, human lines on stderr.
 *
 * <pre>
 * java $(java -cp benchmarks.jar io.mp4j.bench.PrintJvmFlags) -cp benchmarks.jar \
 *     io.mp4j.bench.harness.CounterContention [--runs 5] [--n-each 500000,10000000] [--warmup-ms 1500] \
 *     [--kinds SharedLong.getAndAdd,Agrona.getAndAddLong,AtomicLong.getAndAdd]
 * </pre>
 */
public final class CounterContention
{
    /** Kind: mp4j {@link SharedLong#getAndAdd(long)} from 2 JVMs. */
    public static final String SHARED_LONG = "SharedLong.getAndAdd";

    /** Kind: raw Agrona {@code UnsafeBuffer.getAndAddLong} on a mapped file from 2 JVMs. */
    public static final String AGRONA = "Agrona.getAndAddLong";

    /** Kind: {@link AtomicLong#getAndAdd(long)} from 2 threads of one JVM. */
    public static final String ATOMIC_LONG = "AtomicLong.getAndAdd";

    /** Kind: a plain read and write of a shared long under an mp4j {@code SharedLock}, from 2 JVMs. */
    public static final String SHARED_LOCK = "SharedLock+plain";

    /** Kind: a plain read and write of a long under a {@link ReentrantLock}, from 2 threads of one JVM. */
    public static final String REENTRANT_LOCK = "ReentrantLock+plain";

    /** The bench name of the emitted lines; Python's peer is {@code mp.shared_counter}. */
    public static final String BENCH = "mp4j.shared_counter";

    private static final String USAGE = "CounterContention [--runs R] [--n-each N[,N...]] [--warmup-ms MS] " +
        "[--kinds K[,K...]]";
    private static final int WARMUP_CHUNK = 1_000;
    private static final int MIN_WARMUP_CHUNKS = 20_000;
    private static final int PARTICIPANTS = 2;
    private static final double CONTENDED_MIN_OVERLAP = 0.9;

    // Slots of the "times" array: start and end of participant i at 2i and 2i+1, the AtomicLong's final value here.
    private static final int FINAL_VALUE_SLOT = 2 * PARTICIPANTS;
    private static final int TIMES_LENGTH = FINAL_VALUE_SLOT + 1;

    private CounterContention()
    {
    }

    /**
     * @param args see the class comment.
     * @throws InterruptedException if interrupted while waiting for children.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Cli a = new Cli(args, USAGE, "runs", "n-each", "warmup-ms", "kinds");
        final int runs = a.intValue("runs", 5);
        final List<String> nEachList = a.list("n-each", "500000,10000000");
        final long warmupMs = a.longValue("warmup-ms", 1500);
        final List<String> kinds = a.list("kinds", SHARED_LONG + "," + AGRONA + "," + ATOMIC_LONG);
        for (final String kind : kinds)
        {
            if (!List.of(SHARED_LONG, AGRONA, ATOMIC_LONG, SHARED_LOCK, REENTRANT_LOCK).contains(kind))
            {
                throw new IllegalArgumentException("unknown kind " + kind + "\nusage: " + USAGE);
            }
        }
        final ResultLines out = new ResultLines(System.out, System.err);
        System.err.printf("== CounterContention: java %s, %d cpus, runs=%d, n_each=%s, warm-up %d ms per child%n",
            Runtime.version(), Runtime.getRuntime().availableProcessors(), runs, nEachList, warmupMs);

        final long pid = ProcessHandle.current().pid();
        final Space space = Space.at(Path.of("/dev/shm", "mp4j-bench-" + pid));
        final Path rawFile = Path.of("/dev/shm", "mp4j-bench-" + pid + "-raw.counter");
        final Map<String, double[]> rates = new LinkedHashMap<>();
        final Map<String, double[]> lost = new LinkedHashMap<>();
        final Map<String, double[]> overlaps = new LinkedHashMap<>();
        try (SharedLong ready = space.sharedLong("ready");
            SharedBoolean go = space.sharedBoolean("go");
            SharedLongArray times = space.sharedLongArray("times", TIMES_LENGTH);
            SharedLong counter = space.sharedLong("counter");
            SharedLong warmup = space.sharedLong("warmup");
            MappedCounterFile raw = MappedCounterFile.create(rawFile))
        {
            for (int run = 0; run < runs; run++)
            {
                for (final String n : nEachList)
                {
                    final int nEach = Integer.parseInt(n.replace("_", ""));
                    for (final String kind : kinds)
                    {
                        final String key = kind + "/" + nEach;
                        ready.set(0);
                        go.set(false);
                        for (int i = 0; i < TIMES_LENGTH; i++)
                        {
                            times.set(i, 0);
                        }
                        counter.set(0);
                        warmup.set(0);
                        raw.buffer().putLongVolatile(MappedCounterFile.COUNTER_OFFSET, 0);

                        final List<Process> children = new ArrayList<>();
                        try
                        {
                            final int jvms = inOneJvm(kind) ? 1 : PARTICIPANTS;
                            for (int slot = 0; slot < jvms; slot++)
                            {
                                children.add(ChildJvms.start(List.of(), Child.class, kind,
                                    space.directory().toString(), rawFile.toString(), Integer.toString(slot),
                                    Integer.toString(nEach), Long.toString(warmupMs)));
                            }
                            ChildJvms.awaitCount(ready, PARTICIPANTS, children, 120_000);
                            go.set(true);
                            ChildJvms.awaitExit(children, 600_000);
                        }
                        finally
                        {
                            ChildJvms.destroy(children);
                        }

                        long minStart = Long.MAX_VALUE;
                        long maxStart = Long.MIN_VALUE;
                        long minEnd = Long.MAX_VALUE;
                        long maxEnd = Long.MIN_VALUE;
                        for (int i = 0; i < PARTICIPANTS; i++)
                        {
                            minStart = Math.min(minStart, times.get(2 * i));
                            maxStart = Math.max(maxStart, times.get(2 * i));
                            minEnd = Math.min(minEnd, times.get(2 * i + 1));
                            maxEnd = Math.max(maxEnd, times.get(2 * i + 1));
                        }
                        // Share of the whole span during which all participants were incrementing at once.
                        final double overlap = Math.max(0, minEnd - maxStart) / (double)(maxEnd - minStart);
                        final long total = (long)PARTICIPANTS * nEach;
                        final long finalValue = switch (kind)
                        {
                            case SHARED_LONG, SHARED_LOCK -> counter.get();
                            case AGRONA -> raw.buffer().getLongVolatile(MappedCounterFile.COUNTER_OFFSET);
                            default -> times.get(FINAL_VALUE_SLOT);
                        };
                        final double rate = total / ((maxEnd - minStart) / 1e9);
                        System.err.printf("   run %d %-22s n_each=%,d: %,.0f inc/s over %.2f ms, overlap %.0f%%, " +
                            "start skew %,d ns, final %,d (%s)%n", run + 1, kind, nEach, rate, (maxEnd - minStart) / 1e6,
                            overlap * 100, maxStart - minStart, finalValue,
                            finalValue == total ? "exact" : "LOST " + (total - finalValue));
                        rates.computeIfAbsent(key, k -> new double[runs])[run] = rate;
                        lost.computeIfAbsent(key, k -> new double[runs])[run] = total - finalValue;
                        overlaps.computeIfAbsent(key, k -> new double[runs])[run] = Math.round(overlap * 1000) / 10.0;
                    }
                }
            }
        }
        finally
        {
            space.destroy();
        }

        for (final String n : nEachList)
        {
            final int nEach = Integer.parseInt(n.replace("_", ""));
            for (final String kind : kinds)
            {
                final String key = kind + "/" + nEach;
                final Map<String, Object> params = inOneJvm(kind) ?
                    ResultLines.params("kind", kind, "procs", 1, "threads", PARTICIPANTS, "n_each", nEach) :
                    ResultLines.params("kind", kind, "procs", PARTICIPANTS, "n_each", nEach);
                final Map<String, Object> info = ResultLines.params("warmup_ms", warmupMs);
                out.emit(BENCH, "increments_per_s", "inc/s", rates.get(key), params, info);
                out.emit(BENCH, "lost_updates", "count", lost.get(key), params, info);
                out.emit(BENCH, "overlap_pct", "%", overlaps.get(key), params, info);
                // The rate over the runs in which all participants really ran at once.
                final double[] overlapped = contended(rates.get(key), overlaps.get(key));
                if (overlapped.length > 0)
                {
                    out.emit(BENCH, "contended_increments_per_s", "inc/s", overlapped, params,
                        ResultLines.params("warmup_ms", warmupMs, "min_overlap_pct", CONTENDED_MIN_OVERLAP * 100,
                            "runs_kept", overlapped.length, "runs_total", runs));
                }
                else
                {
                    System.err.printf("  %s %s n_each=%d: no run with overlap >= %.0f%%: no contended figure%n",
                        BENCH, kind, nEach, CONTENDED_MIN_OVERLAP * 100);
                }
            }
        }
    }

    private static boolean inOneJvm(final String kind)
    {
        return ATOMIC_LONG.equals(kind) || REENTRANT_LOCK.equals(kind);
    }

    private static double[] contended(final double[] rates, final double[] overlapPcts)
    {
        final List<Double> kept = new ArrayList<>();
        for (int i = 0; i < rates.length; i++)
        {
            if (overlapPcts[i] >= CONTENDED_MIN_OVERLAP * 100)
            {
                kept.add(rates[i]);
            }
        }
        return kept.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * A participant: warms up, says it is ready, waits for "go", increments, reports its times.
     * Arguments: kind, space directory, raw file, slot, n_each, warm-up ms.
     */
    public static final class Child
    {
        private Child()
        {
        }

        /**
         * @param args see the class comment.
         * @throws InterruptedException if interrupted while joining its threads.
         */
        public static void main(final String[] args) throws InterruptedException
        {
            final String kind = args[0];
            final Space space = Space.at(Path.of(args[1]));
            final Path rawFile = Path.of(args[2]);
            final int slot = Integer.parseInt(args[3]);
            final int nEach = Integer.parseInt(args[4]);
            final long warmupMs = Long.parseLong(args[5]);
            try (SharedLong ready = space.attach("ready", SharedLong.class);
                SharedBoolean go = space.attach("go", SharedBoolean.class);
                SharedLongArray times = space.attach("times", SharedLongArray.class))
            {
                switch (kind)
                {
                    case SHARED_LONG -> runSharedLong(space, ready, go, times, slot, nEach, warmupMs);
                    case AGRONA -> runAgrona(rawFile, ready, go, times, slot, nEach, warmupMs);
                    case ATOMIC_LONG -> runAtomicLong(ready, go, times, nEach, warmupMs);
                    case SHARED_LOCK -> runSharedLock(space, ready, go, times, slot, nEach, warmupMs);
                    case REENTRANT_LOCK -> runReentrantLock(ready, go, times, nEach, warmupMs);
                    default -> throw new IllegalArgumentException("unknown kind " + kind);
                }
            }
        }

        private static void runSharedLong(final Space space, final SharedLong ready, final SharedBoolean go,
            final SharedLongArray times, final int slot, final int nEach, final long warmupMs)
        {
            try (SharedLong counter = space.attach("counter", SharedLong.class);
                SharedLong warm = space.attach("warmup", SharedLong.class))
            {
                final long deadlineNs = System.nanoTime() + warmupMs * 1_000_000L;
                for (int i = 0; i < MIN_WARMUP_CHUNKS || System.nanoTime() - deadlineNs < 0; i++)
                {
                    addSharedLong(warm, WARMUP_CHUNK);
                }
                ready.getAndAdd(1);
                awaitGo(go);
                final long startNs = System.nanoTime();
                addSharedLong(counter, nEach);
                final long endNs = System.nanoTime();
                report(times, slot, startNs, endNs);
            }
        }

        private static void runAgrona(final Path rawFile, final SharedLong ready, final SharedBoolean go,
            final SharedLongArray times, final int slot, final int nEach, final long warmupMs)
        {
            try (MappedCounterFile raw = MappedCounterFile.attach(rawFile))
            {
                final UnsafeBuffer buffer = raw.buffer();
                final long deadlineNs = System.nanoTime() + warmupMs * 1_000_000L;
                for (int i = 0; i < MIN_WARMUP_CHUNKS || System.nanoTime() - deadlineNs < 0; i++)
                {
                    addAgrona(buffer, MappedCounterFile.WARMUP_OFFSET, WARMUP_CHUNK);
                }
                ready.getAndAdd(1);
                awaitGo(go);
                final long startNs = System.nanoTime();
                addAgrona(buffer, MappedCounterFile.COUNTER_OFFSET, nEach);
                final long endNs = System.nanoTime();
                report(times, slot, startNs, endNs);
            }
        }

        private static void runAtomicLong(final SharedLong ready, final SharedBoolean go, final SharedLongArray times,
            final int nEach, final long warmupMs) throws InterruptedException
        {
            final AtomicLong counter = new AtomicLong();
            final AtomicLong warm = new AtomicLong();
            final List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < PARTICIPANTS; t++)
            {
                final int slot = t;
                threads.add(new Thread(() ->
                {
                    final long deadlineNs = System.nanoTime() + warmupMs * 1_000_000L;
                    for (int i = 0; i < MIN_WARMUP_CHUNKS || System.nanoTime() - deadlineNs < 0; i++)
                    {
                        addAtomicLong(warm, WARMUP_CHUNK);
                    }
                    ready.getAndAdd(1);
                    awaitGo(go);
                    final long startNs = System.nanoTime();
                    addAtomicLong(counter, nEach);
                    final long endNs = System.nanoTime();
                    report(times, slot, startNs, endNs);
                }, "incrementer-" + t));
            }
            for (final Thread t : threads)
            {
                t.start();
            }
            for (final Thread t : threads)
            {
                t.join();
            }
            times.set(FINAL_VALUE_SLOT, counter.get());
        }

        private static void runSharedLock(final Space space, final SharedLong ready, final SharedBoolean go,
            final SharedLongArray times, final int slot, final int nEach, final long warmupMs)
        {
            try (SharedLock lock = space.lock("lock"); SharedLock warmLock = space.lock("warmup-lock");
                SharedLong counter = space.attach("counter", SharedLong.class);
                SharedLong warm = space.attach("warmup", SharedLong.class))
            {
                final long deadlineNs = System.nanoTime() + warmupMs * 1_000_000L;
                for (int i = 0; i < MIN_WARMUP_CHUNKS || System.nanoTime() - deadlineNs < 0; i++)
                {
                    addUnderSharedLock(warmLock, warm, WARMUP_CHUNK);
                }
                ready.getAndAdd(1);
                awaitGo(go);
                final long startNs = System.nanoTime();
                addUnderSharedLock(lock, counter, nEach);
                final long endNs = System.nanoTime();
                report(times, slot, startNs, endNs);
            }
        }

        private static void runReentrantLock(final SharedLong ready, final SharedBoolean go,
            final SharedLongArray times, final int nEach, final long warmupMs) throws InterruptedException
        {
            final ReentrantLock lock = new ReentrantLock();
            final ReentrantLock warmLock = new ReentrantLock();
            final long[] counter = new long[1];
            final long[] warm = new long[1];
            final List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < PARTICIPANTS; t++)
            {
                final int slot = t;
                threads.add(new Thread(() ->
                {
                    final long deadlineNs = System.nanoTime() + warmupMs * 1_000_000L;
                    for (int i = 0; i < MIN_WARMUP_CHUNKS || System.nanoTime() - deadlineNs < 0; i++)
                    {
                        addUnderReentrantLock(warmLock, warm, WARMUP_CHUNK);
                    }
                    ready.getAndAdd(1);
                    awaitGo(go);
                    final long startNs = System.nanoTime();
                    addUnderReentrantLock(lock, counter, nEach);
                    final long endNs = System.nanoTime();
                    report(times, slot, startNs, endNs);
                }, "locker-" + t));
            }
            for (final Thread t : threads)
            {
                t.start();
            }
            for (final Thread t : threads)
            {
                t.join();
            }
            lock.lock();
            try
            {
                times.set(FINAL_VALUE_SLOT, counter[0]);
            }
            finally
            {
                lock.unlock();
            }
        }

        private static void addUnderSharedLock(final SharedLock lock, final SharedLong counter, final int n)
        {
            for (int i = 0; i < n; i++)
            {
                lock.acquire();
                try
                {
                    counter.setPlain(counter.getPlain() + 1);
                }
                finally
                {
                    lock.release();
                }
            }
        }

        private static void addUnderReentrantLock(final ReentrantLock lock, final long[] counter, final int n)
        {
            for (int i = 0; i < n; i++)
            {
                lock.lock();
                try
                {
                    counter[0]++;
                }
                finally
                {
                    lock.unlock();
                }
            }
        }

        private static long addSharedLong(final SharedLong counter, final int n)
        {
            long last = 0;
            for (int i = 0; i < n; i++)
            {
                last = counter.getAndAdd(1);
            }
            return last;
        }

        private static long addAgrona(final UnsafeBuffer buffer, final int offset, final int n)
        {
            long last = 0;
            for (int i = 0; i < n; i++)
            {
                last = buffer.getAndAddLong(offset, 1);
            }
            return last;
        }

        private static long addAtomicLong(final AtomicLong counter, final int n)
        {
            long last = 0;
            for (int i = 0; i < n; i++)
            {
                last = counter.getAndAdd(1);
            }
            return last;
        }

        private static void awaitGo(final SharedBoolean go)
        {
            while (!go.get())
            {
                Thread.onSpinWait();
            }
        }

        private static void report(final SharedLongArray times, final int slot, final long startNs, final long endNs)
        {
            times.set(2 * slot, startNs);
            times.set(2 * slot + 1, endNs);
        }
    }
}
