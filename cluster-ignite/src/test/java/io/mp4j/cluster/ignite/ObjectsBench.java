package io.mp4j.cluster.ignite;

import io.mp4j.ipc.LongValue;
import io.mp4j.ipc.MessageQueue;
import io.mp4j.ipc.Space;
import io.mp4j.launcher.objects.SharedObjects;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.Pools;
import io.mp4j.launcher.pool.ProcessPool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;

/**
 * The shared objects on the Ignite backend beside the local engine, in one run, interleaved run by run: counter
 * increments from one JVM and from two (this one and a task of the backend's pool: a worker JVM, or a member),
 * map gets and puts, and a queue between one producer thread and one consumer thread of this JVM. Each figure is a
 * rate over a fixed time ({@code seconds}). The Ignite objects live on {@value PoolOverheadBench#MEMBERS} member
 * JVMs on 127.0.0.1 that this JVM starts ({@link TestCluster}), this JVM their driver. JSON lines ({@link BenchLines})
 * go to standard output, progress to standard error.
 *
 * <pre>
 * cluster-ignite/run-bench.sh objects    # builds, then runs this with the JVM flags of the sets it needs
 * </pre>
 *
 * Knobs (system properties): {@code runs} (5), {@code seconds} (1), {@code mapKeys} (1000), {@code capacity}
 * (1024).
 */
public final class ObjectsBench
{
    private static final int END = -1;

    private ObjectsBench()
    {
    }

    /**
     * @param args none.
     * @throws Exception if a call fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final int runs = Integer.getInteger("runs", 5);
        final Duration period = Duration.ofMillis(Math.round(Double.parseDouble(
            System.getProperty("seconds", "1")) * 1000));
        final int mapKeys = Integer.getInteger("mapKeys", 1000);
        final int capacity = Integer.getInteger("capacity", 1024);
        final BenchLines out = new BenchLines(System.out);
        System.setOut(System.err);

        final String namespace = "objects-bench-" + ProcessHandle.current().pid();
        try
        {
            run(out, namespace, runs, period, mapKeys, capacity);
        }
        finally
        {
            Space.open(namespace).destroy();
        }
    }

    private static void run(final BenchLines out, final String namespace, final int runs, final Duration period,
        final int mapKeys, final int capacity) throws Exception
    {
        final long clusterStartNs = System.nanoTime();
        try (TestCluster cluster = TestCluster.start(PoolOverheadBench.MEMBERS);
             SharedObjects local = SharedObjects.open(Pools.LOCAL, namespace);
             SharedObjects ignite = cluster.driver().objects(namespace);
             Pool igniteTasks = cluster.driver().pool(PoolOptions.defaults());
             Pool localTasks = new ProcessPool(PoolOptions.defaults().withWorkers(1).withKeepAlive(Duration.ZERO)))
        {
            final double clusterStartMs = (System.nanoTime() - clusterStartNs) / 1e6;
            final Map<String, Backend> backends = new LinkedHashMap<>();
            backends.put("mp4j.local", new Backend(local, localTasks, BenchLines.params("engine", "shared memory",
                "second_jvm", "a worker JVM")));
            backends.put("mp4j.ignite", new Backend(ignite, igniteTasks, BenchLines.params("members",
                PoolOverheadBench.MEMBERS, "cluster_start_ms", Math.round(clusterStartMs), "host", "127.0.0.1",
                "second_jvm", "a task on a member")));
            final List<Figure> figures = new ArrayList<>();
            for (int run = -1; run < runs; run++)
            {
                for (final Map.Entry<String, Backend> e : backends.entrySet())
                {
                    measure(e.getKey(), e.getValue(), run, period, mapKeys, capacity, figures);
                }
            }
            final Map<String, List<Figure>> byId = new LinkedHashMap<>();
            figures.forEach(f -> byId.computeIfAbsent(BenchLines.id(f.bench, f.metric, f.params),
                id -> new ArrayList<>()).add(f));
            for (final List<Figure> same : byId.values())
            {
                final Figure first = same.get(0);
                out.emit(first.bench, first.metric, first.unit, same.stream().mapToDouble(Figure::value).toArray(),
                    first.params, backends.get(first.bench.substring(0, first.bench.lastIndexOf('.'))).info);
            }
        }
    }

    private static void measure(final String name, final Backend backend, final int run, final Duration period,
        final int mapKeys, final int capacity, final List<Figure> figures) throws Exception
    {
        final String suffix = "-" + (run + 1);
        final double counter1 = increments(backend.objects.longValue("counter1" + suffix), period) /
            seconds(period);

        final String backendName = backend.objects.backend();
        final String namespace = backend.objects.namespace();
        final String counterName = "counter2" + suffix;
        final LongValue counter = backend.objects.longValue(counterName);
        final long periodNs = period.toNanos();
        final long t0 = System.nanoTime();
        final CompletableFuture<Long> remote = backend.tasks.applyAsync(ignored ->
        {
            try (SharedObjects objects = SharedObjects.open(backendName, namespace))
            {
                return increments(objects.longValue(counterName), Duration.ofNanos(periodNs));
            }
        }, 0);
        final long mine = increments(counter, period);
        final long theirs = remote.get();
        final double counter2 = (mine + theirs) / ((System.nanoTime() - t0) / 1e9);
        if (counter.get() != mine + theirs)
        {
            throw new AssertionError("lost increments: " + counter.get() + " != " + (mine + theirs));
        }

        final ConcurrentMap<String, Integer> map = backend.objects.map("map" + suffix, String.class, Integer.class);
        final String[] keys = new String[mapKeys];
        for (int i = 0; i < mapKeys; i++)
        {
            keys[i] = "key-" + i;
            map.put(keys[i], i);
        }
        long deadline = System.nanoTime() + periodNs;
        long gets = 0;
        while (deadline - System.nanoTime() > 0)
        {
            final int i = (int) (gets % mapKeys);
            if (map.get(keys[i]) != i)
            {
                throw new AssertionError("wrong value for " + keys[i]);
            }
            gets++;
        }
        final double mapGet = gets / seconds(period);
        deadline = System.nanoTime() + periodNs;
        long puts = 0;
        while (deadline - System.nanoTime() > 0)
        {
            final int i = (int) (puts % mapKeys);
            map.put(keys[i], i);
            puts++;
        }
        final double mapPut = puts / seconds(period);

        final double queue = queueRate(backend.objects.queue("queue" + suffix, capacity), period);

        System.err.printf("run %d %-12s counter %,12.0f/s (2 JVMs %,12.0f/s)  map get %,12.0f/s put %,12.0f/s  " +
            "queue %,12.0f msgs/s%n", run + 1, name, counter1, counter2, mapGet, mapPut, queue);
        if (run >= 0)
        {
            figures.add(new Figure(name + ".counter", "ops_per_s", "ops/s", BenchLines.params("jvms", 1),
                counter1));
            figures.add(new Figure(name + ".counter", "ops_per_s", "ops/s", BenchLines.params("jvms", 2),
                counter2));
            figures.add(new Figure(name + ".map_get", "ops_per_s", "ops/s", BenchLines.params("keys", mapKeys),
                mapGet));
            figures.add(new Figure(name + ".map_put", "ops_per_s", "ops/s", BenchLines.params("keys", mapKeys),
                mapPut));
            figures.add(new Figure(name + ".queue", "msgs_per_s", "msgs/s", BenchLines.params("producers", 1,
                "consumers", 1, "capacity", capacity, "message", "Integer"), queue));
        }
    }

    private static long increments(final LongValue counter, final Duration period)
    {
        final long deadline = System.nanoTime() + period.toNanos();
        long done = 0;
        while (deadline - System.nanoTime() > 0)
        {
            counter.incrementAndGet();
            done++;
        }
        return done;
    }

    private static double queueRate(final MessageQueue<Integer> queue, final Duration period) throws Exception
    {
        final long t0 = System.nanoTime();
        final CompletableFuture<Long> producer = CompletableFuture.supplyAsync(() ->
        {
            final long deadline = t0 + period.toNanos();
            long sent = 0;
            while (deadline - System.nanoTime() > 0)
            {
                queue.put((int) sent);
                sent++;
            }
            queue.put(END);
            return sent;
        });
        long received = 0;
        while (true)
        {
            final int message = queue.get(Duration.ofSeconds(60));
            if (message == END)
            {
                break;
            }
            if (message != (int) received)
            {
                throw new AssertionError("message " + message + " where " + received + " was expected");
            }
            received++;
        }
        final double elapsedS = (System.nanoTime() - t0) / 1e9;
        if (producer.get() != received)
        {
            throw new AssertionError("sent " + producer.get() + ", received " + received);
        }
        return received / elapsedS;
    }

    private static double seconds(final Duration period)
    {
        return period.toNanos() / 1e9;
    }

    private record Backend(SharedObjects objects, Pool tasks, Map<String, Object> info)
    {
    }

    private record Figure(String bench, String metric, String unit, Map<String, Object> params, double value)
    {
    }
}
