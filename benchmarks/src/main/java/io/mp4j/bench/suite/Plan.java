package io.mp4j.bench.suite;

import io.mp4j.bench.collections.MapThroughput;
import io.mp4j.bench.harness.CounterContention;
import io.mp4j.bench.ipc.IpcPingPong;
import io.mp4j.bench.ipc.IpcQueueThroughput;
import io.mp4j.bench.pool.PoolBench;
import io.mp4j.ipc.jvm.JavaCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The steps of a run: for each part chosen, the existing benchmark main that measures mp4j beside its Java peers
 * (in a child JVM with mp4j's JVM flags, from {@link JavaCommand}), then the Python peer of the same measure when an
 * interpreter was found. Counts and durations come from the mode ({@link Sizing}): the quick mode takes about a
 * minute on 2 cores, the full mode about a quarter of an hour. The expected durations (2 cores) weight the
 * progress bar.
 *
 * @param steps the steps, in the order they run.
 */
record Plan(List<Step> steps)
{
    /** Python's scale in the quick mode: the peer suite's {@code BENCH_QUICK=1}. */
    private static final double PYTHON_QUICK_SCALE = 0.1;

    /**
     * Where a plan's processes read and write.
     *
     * @param shmDir    a private directory for shared regions, queues and maps, normally under /dev/shm.
     * @param workDir   a private directory holding the extracted peer programs ({@code python/}, {@code c/}) and
     *                  the pool's start-up archives.
     * @param classPath the class path of the child JVMs.
     * @param cpus      the cpus of this machine.
     */
    record Places(Path shmDir, Path workDir, String classPath, int cpus)
    {
    }

    /**
     * @param sizing the mode and its scale.
     * @param parts  the parts to run.
     * @param python the Python interpreter, or null to skip the Python peers.
     * @param floors the C floors (maybe none).
     * @param places where the processes read and write.
     * @return the plan.
     */
    static Plan build(final Sizing sizing, final Set<Part> parts, final PythonPeer python, final CFloors floors,
        final Places places)
    {
        final Builder b = new Builder(sizing, python, floors, places);
        if (python != null)
        {
            b.python(null, "python-env", "Python peers: interpreter and libraries", 500, 500, "env_info.py");
        }
        for (final Part part : parts)
        {
            switch (part)
            {
                case PIPE -> b.pipe();
                case QUEUE -> b.queue();
                case COUNTERS -> b.counters(parts.contains(Part.LOCK));
                case LOCK -> b.lock(parts.contains(Part.COUNTERS));
                case MAP -> b.map();
                case POOL -> b.pool();
                case SPEEDUP -> b.speedup();
                default -> throw new IllegalStateException("no steps for " + part);
            }
        }
        return new Plan(List.copyOf(b.steps));
    }

    /**
     * @return the sum of the steps' expected durations.
     */
    long expectedMs()
    {
        return steps.stream().mapToLong(Step::expectedMs).sum();
    }

    /**
     * @param cpus the cpus of the machine.
     * @return the worker counts of the speed-up: 1 to 4, then powers of two, then {@code cpus} (at least 1 and 2).
     */
    static List<Integer> speedupWorkers(final int cpus)
    {
        final TreeSet<Integer> counts = new TreeSet<>(List.of(1, 2));
        for (int n = 1; n <= cpus; n++)
        {
            if (n <= 4 || Integer.bitCount(n) == 1 || n == cpus)
            {
                counts.add(n);
            }
        }
        return new ArrayList<>(counts);
    }

    private static final class Builder
    {
        private final Sizing sizing;
        private final PythonPeer python;
        private final CFloors floors;
        private final Places places;
        private final List<Step> steps = new ArrayList<>();

        Builder(final Sizing sizing, final PythonPeer python, final CFloors floors, final Places places)
        {
            this.sizing = sizing;
            this.python = python;
            this.floors = floors;
            this.places = places;
        }

        void pipe()
        {
            final List<String> args = new ArrayList<>(List.of(
                "--impls", "mp4j.Pipe,agrona.OneToOneRingBuffer,jdk.UnixDomainSocket,jdk.TcpLoopback",
                "--sizes", sizing.pick("8", "8,1024"),
                "--runs", runs(1, 3),
                "--round-trips", count(100_000, 500_000, 2_000),
                "--warmup-round-trips", count(20_000, 200_000, 1_000),
                "--warmup-ms", count(300, 2_000, 50),
                "--max-ms", count(5_000, 15_000, 1_000),
                "--pin", "none",
                "--dir", places.shmDir.resolve("pipe").toString()));
            if (floors.present())
            {
                args.addAll(List.of("--floor", floors.pingpong().toString()));
            }
            java(Part.PIPE, "pipe-java", "pipe: mp4j Pipe, raw Agrona, Unix socket, TCP loopback" +
                (floors.present() ? ", C floor" : ""), IpcPingPong.class, 6_000, 110_000, args);
            python(Part.PIPE, "pipe-python", "pipe: Python Pipe", 1_500, 30_000, "peers.py", "pipe",
                "--scale", pythonScale(), "--variants",
                sizing.pick("duplex.send_bytes.8B", "duplex.send_bytes.8B,duplex.send_bytes.1KiB"));
        }

        void queue()
        {
            final List<String> args = new ArrayList<>(List.of(
                "--impls", "mp4j.QueueRing,mp4j.SharedQueue.bytes,agrona,chronicle.Queue,jdk.ArrayBlockingQueue",
                "--topologies", "1P1C",
                "--sizes", sizing.pick("64,65536", "64,1024,65536"),
                "--runs", runs(1, 3),
                "--warmup-ms", count(300, 1_000, 50),
                "--measure-ms", count(300, 1_000, 50),
                "--chronicle-cap-mb", count(512, 2_048, 16),
                "--pin", "none",
                "--dir", places.shmDir.resolve("queue").toString()));
            if (floors.present())
            {
                args.addAll(List.of("--spsc", floors.spsc().toString(),
                    "--spsc-messages", count(5_000_000, 50_000_000, 100_000)));
            }
            java(Part.QUEUE, "queue-java", "queue: mp4j beside raw Agrona, Chronicle Queue, ArrayBlockingQueue" +
                (floors.present() ? ", C ring" : ""), IpcQueueThroughput.class, 10_000, 130_000, args);
            python(Part.QUEUE, "queue-python", "queue: Python Queue", 1_500, 15_000, "peers.py", "queue",
                "--scale", pythonScale(), "--kinds", "Queue");
        }

        void counters(final boolean withLock)
        {
            java(Part.COUNTERS, "counters-java", "counters: mp4j SharedLong beside raw Agrona, AtomicLong",
                CounterContention.class, 5_000, 70_000, List.of(
                    "--kinds", String.join(",", CounterContention.SHARED_LONG, CounterContention.AGRONA,
                        CounterContention.ATOMIC_LONG),
                    "--runs", runs(2, 9),
                    "--n-each", count(2_000_000, 10_000_000, 10_000),
                    "--warmup-ms", count(300, 1_500, 50)));
            python(Part.COUNTERS, "counters-python", withLock ? "counters and lock: Python Value, RawValue + Lock" :
                "counters: Python Value", 1_500, 15_000, "peers.py", "counters", "--scale", pythonScale(),
                "--kinds", withLock ? "Value.locked,RawValue+Lock" : "Value.locked");
        }

        void lock(final boolean pythonDoneWithCounters)
        {
            java(Part.LOCK, "lock-java", "lock: mp4j SharedLock beside ReentrantLock", CounterContention.class,
                3_000, 30_000, List.of(
                    "--kinds", String.join(",", CounterContention.SHARED_LOCK, CounterContention.REENTRANT_LOCK),
                    "--runs", runs(2, 5),
                    "--n-each", count(1_000_000, 2_000_000, 10_000),
                    "--warmup-ms", count(300, 1_500, 50)));
            if (!pythonDoneWithCounters)
            {
                python(Part.LOCK, "lock-python", "lock: Python RawValue + Lock", 1_500, 8_000, "peers.py", "counters",
                    "--scale", pythonScale(), "--kinds", "RawValue+Lock");
            }
        }

        void map()
        {
            java(Part.MAP, "map-java", "map: mp4j SharedMap beside raw Chronicle Map", MapThroughput.class,
                20_000, 170_000, List.of(
                    "--impls", "mp4j.SharedMap,chronicle.Map",
                    "--ops", "get,put",
                    "--procs", sizing.pick("2", "1,2"),
                    "--runs", runs(1, 3),
                    "--keys", count(65_536, 1_048_576, 1_024),
                    "--warmup-ms", count(1_000, 2_000, 50),
                    "--measure-ms", count(500, 2_000, 50),
                    "--dir", places.shmDir.resolve("map").toString()));
            python(Part.MAP, "map-python", "map: Python Manager().dict()", 1_500, 12_000, "peers.py", "manager",
                "--scale", pythonScale());
        }

        void pool()
        {
            final String mapSizes = sizing.full() ?
                String.join(",", count(10_000, 10_000, 1_000), count(100_000, 100_000, 1_000),
                    count(1_000_000, 1_000_000, 1_000)) :
                count(100_000, 100_000, 1_000);
            java(Part.POOL, "pool-java", "pool: mp4j ProcessPool beside ExecutorService, ForkJoinPool",
                PoolBench.class, 15_000, 200_000, List.of(
                    "--workers", "2",
                    "--runs", runs(1, 5),
                    "--parts", "startup,apply,map",
                    "--start-runs", runs(2, 11),
                    "--start-variants", sizing.pick("cold,warm", "cold,cold.archive,warm"),
                    "--cds-dir", places.workDir.resolve("cds").toString(),
                    "--apply-calls", count(10_000, 100_000, 500),
                    "--apply-warmup", count(5_000, 50_000, 200),
                    "--apply-gap-calls", count(200, 1_000, 20),
                    "--map-sizes", mapSizes,
                    "--chunk1-max-n", sizing.full() ? count(100_000, 100_000, 1_000) : "0",
                    "--warmup-ms", count(300, 3_000, 50)));
            python(Part.POOL, "pool-python", "pool: Python Pool (fork, spawn)", 2_000, 12_000, "peers.py", "pool",
                "--scale", pythonScale());
            if (python != null && python.hasJoblib())
            {
                python(Part.POOL, "pool-joblib", "pool: joblib Parallel (loky)", 2_000, 15_000, "peers.py", "joblib",
                    "--scale", pythonScale());
            }
        }

        void speedup()
        {
            final List<Integer> workers = speedupWorkers(places.cpus);
            final int most = workers.get(workers.size() - 1);
            final List<String> counts = workers.stream().map(String::valueOf).toList();
            java(Part.SPEEDUP, "speedup-java", "speed-up: mp4j ProcessPool beside threads, workers " +
                String.join(",", counts), PoolBench.class, 4_000 + 500L * most, 30_000 + 3_000L * most, List.of(
                    "--workers", "2",
                    "--runs", runs(2, 5),
                    "--parts", "speedup",
                    "--speedup-workers", String.join(",", counts),
                    "--task-ms", count(10, 20, 2),
                    "--tasks", Long.toString(Math.max(2L * most, sizing.count(8, 24, 2)))));
        }

        private void java(final Part part, final String name, final String title, final Class<?> main,
            final long quickMs, final long fullMs, final List<String> args)
        {
            steps.add(new Step(part, name, title, JavaCommand.forMainClass(main).classPath(places.classPath)
                .arguments(args.toArray(new String[0])).build(), Map.of(), null, expected(quickMs, fullMs), false));
        }

        private void python(final Part part, final String name, final String title, final long quickMs,
            final long fullMs, final String... args)
        {
            if (python == null)
            {
                return;
            }
            final List<String> command = new ArrayList<>(List.of(python.executable(), "-u"));
            command.addAll(List.of(args));
            steps.add(new Step(part, name, title, command, Map.of(
                "BENCH_REPEATS", runs(1, 5),
                "BENCH_QUICK", sizing.full() ? "0" : "1",
                "PYTHONDONTWRITEBYTECODE", "1"),
                places.workDir.resolve("python"), expected(quickMs, fullMs), true));
        }

        private long expected(final long quickMs, final long fullMs)
        {
            final long ms = sizing.full() ? fullMs : quickMs;
            return Math.max(500, Math.round(ms * Math.max(0.3, sizing.scale())));
        }

        private String count(final long quick, final long full, final long min)
        {
            return Long.toString(sizing.count(quick, full, min));
        }

        private String runs(final int quick, final int full)
        {
            return Integer.toString(sizing.intCount(quick, full, 1));
        }

        private String pythonScale()
        {
            return String.format(Locale.ROOT, "%.4g", sizing.scale() * (sizing.full() ? 1 : PYTHON_QUICK_SCALE));
        }
    }
}
