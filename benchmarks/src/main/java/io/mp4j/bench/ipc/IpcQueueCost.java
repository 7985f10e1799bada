package io.mp4j.bench.ipc;

import io.mp4j.bench.Cli;
import io.mp4j.bench.ResultLines;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The cost of a message with no other thread involved: one thread puts 32 messages and takes them back, again and
 * again, on the same mapped files as {@link IpcQueueThroughput} (mp4j's raw ring and object API, Agrona's
 * one-to-one and many-to-one rings) or an {@code ArrayBlockingQueue}. No cache line moves between cores, so the
 * figure is the instructions and atomic operations of one put and one take: the part of the cross-process
 * throughput that more cores would not hide. Repeated {@code --runs} times in this JVM after a warm-up; the
 * figure is the median.
 *
 * <p>Ids: {@code ipc.queue.one_thread[impl=...,msg_bytes=...].ns_per_msg} and {@code .bytes_allocated_per_msg} (Java
 * heap the thread allocated per put and take).
 *
 * <pre>
 * java $(java -cp benchmarks.jar io.mp4j.bench.PrintJvmFlags) -cp benchmarks.jar io.mp4j.bench.ipc.IpcQueueCost \
 *     [--sizes 8,64,1024,65536] [--runs 5] [--warmup-ms 1000] [--measure-ms 500] [--dir DIR]
 * </pre>
 */
public final class IpcQueueCost
{
    /** The bench name of the emitted lines. */
    public static final String BENCH = "ipc.queue.one_thread";

    private static final String USAGE = "IpcQueueCost [--sizes 8,64,1024,65536] [--runs R] [--warmup-ms MS] " +
        "[--measure-ms MS] [--dir DIR]";
    private static final List<String> IMPLS = List.of(QueueImpls.MP4J_RAW, QueueImpls.MP4J_BYTES,
        "agrona.OneToOneRingBuffer", "agrona.ManyToOneRingBuffer", QueueImpls.ABQ);

    /** Messages put before they are taken back: fits every ring here, 64 KiB ones included. */
    private static final int BATCH = 32;

    private IpcQueueCost()
    {
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        final Cli cli = new Cli(args, USAGE, "sizes", "runs", "warmup-ms", "measure-ms", "dir");
        final List<Integer> sizes = cli.ints("sizes", "8,64,1024,65536");
        final int runs = cli.intValue("runs", 5);
        final long warmupMs = cli.longValue("warmup-ms", 1000);
        final long measureMs = cli.longValue("measure-ms", 500);
        final Path dir = Jvms.runDirectory(Path.of(cli.string("dir",
            "/dev/shm/mp4j-bench-ipc-" + ProcessHandle.current().pid())));
        System.err.printf("== IpcQueueCost: java %s, one thread puts 32 and takes 32, %d runs of %d ms after %d ms%n",
            Runtime.version(), runs, measureMs, warmupMs);
        final ResultLines out = new ResultLines(System.out, System.err);
        try
        {
            for (final int size : sizes)
            {
                for (final String impl : IMPLS)
                {
                    final double[] allocated = new double[runs];
                    final double[] ns = measure(impl, dir, size, runs, warmupMs, measureMs, allocated);
                    out.emit(BENCH, "ns_per_msg", "ns", ns, ResultLines.params("impl", impl, "msg_bytes", size),
                        Map.of("what", "one put and one take, same thread, batches of 32"));
                    out.emit(BENCH, "bytes_allocated_per_msg", "B", allocated,
                        ResultLines.params("impl", impl, "msg_bytes", size),
                        Map.of("what", "Java heap allocated by the thread per put and take"));
                }
            }
        }
        finally
        {
            Jvms.deleteRecursively(dir.resolve("space"));
        }
    }

    private static double[] measure(final String impl, final Path dir, final int size, final int runs,
        final long warmupMs, final long measureMs, final double[] allocated)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final String base = impl.startsWith("agrona.") ? QueueImpls.AGRONA : impl;
        final int producers = impl.equals("agrona.ManyToOneRingBuffer") ? 2 : 1;
        final String tag = "cost-" + size + "-" + impl.replace('.', '_');
        final String where = QueueImpls.create(base, dir, tag, size);
        final QueueImpls.Checker checker = new QueueImpls.Checker(size);
        final QueueImpls.Producer producer;
        final QueueImpls.Consumer consumer;
        if (base.equals(QueueImpls.ABQ))
        {
            final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(Integer.parseInt(where));
            producer = new QueueImpls.AbqProducer(queue);
            consumer = new QueueImpls.AbqConsumer(queue, checker);
        }
        else
        {
            producer = QueueImpls.producer(base, where, producers, size);
            consumer = QueueImpls.consumer(base, where, producers, size, checker);
        }
        try
        {
            final byte[] message = new byte[size];
            final UnsafeBuffer header = new UnsafeBuffer(message);
            final long[] seq = {0};
            loop(producer, consumer, message, header, seq, TimeUnit.MILLISECONDS.toNanos(warmupMs));
            final double[] ns = new double[runs];
            for (int r = 0; r < runs; r++)
            {
                final long bytes0 = threads.getCurrentThreadAllocatedBytes();
                final long t0 = System.nanoTime();
                final long n = loop(producer, consumer, message, header, seq,
                    TimeUnit.MILLISECONDS.toNanos(measureMs));
                ns[r] = (System.nanoTime() - t0) / (double)n;
                allocated[r] = (threads.getCurrentThreadAllocatedBytes() - bytes0) / (double)n;
            }
            if (checker.errors != 0)
            {
                throw new IllegalStateException(impl + ": " + checker.errors + " order errors");
            }
            System.err.printf(Locale.ROOT, "   %-28s %6d B: %s ns per message, %.0f B allocated per message%n", impl,
                size, Arrays.toString(Arrays.stream(ns).map(v -> Math.round(v * 10) / 10.0).toArray()),
                ResultLines.median(allocated));
            return ns;
        }
        finally
        {
            producer.close();
            consumer.close();
            QueueImpls.delete(base, where);
        }
    }

    private static long loop(final QueueImpls.Producer producer, final QueueImpls.Consumer consumer,
        final byte[] message, final UnsafeBuffer header, final long[] seq, final long durationNs)
    {
        final long end = System.nanoTime() + durationNs;
        long n = 0;
        do
        {
            for (int i = 0; i < BATCH; i++)
            {
                header.putLong(0, seq[0]++);
                if (!producer.offer(message))
                {
                    throw new IllegalStateException("full with " + i + " messages in it");
                }
            }
            int taken = 0;
            while (taken < BATCH)
            {
                taken += consumer.poll(BATCH - taken);
            }
            n += BATCH;
        }
        while (System.nanoTime() - end < 0);
        return n;
    }
}
