package io.mp4j.bench.ipc;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.values.SharedLongArray;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A producer or consumer process of {@link IpcQueueThroughput}, or (role {@code threads}) one JVM running the
 * producer and consumer threads of the in-JVM peer. All wait for the parent's go, then producers put as fast as
 * they can until the parent says stop (or a byte cap is reached), and consumers take until every producer is done
 * and the queue is empty. A consumer counts the messages it took between the shared start and end times of the
 * measured window (System.nanoTime is CLOCK_MONOTONIC, the same clock in every process) and prints
 * {@code RESULT messages nanoseconds errors total cpuShare emptyPollPct meanDepth}; a producer prints
 * {@code CPU cpuShare}, where cpuShare is the thread's CPU time during the window over the window's length (1 = a
 * whole core; less means the thread waited for a core, e.g. three spinning processes on two cores), emptyPollPct
 * the share of the consumer's polls in the window that found nothing (it had caught up with the producers), and
 * meanDepth the messages waiting in the queue, sampled about every 1024 polls (-1 if the queue cannot tell).
 *
 * <p>Waiting on a full or empty queue spins ({@code Thread.onSpinWait}) and yields every 1024 failed tries: with
 * more spinning threads than cores, a waiting thread gives its core up now and then.
 *
 * <p>Arguments: impl role index where messageLength producers consumers controlSpace controlName capBytes.
 */
public final class QueueParticipant
{
    static final int READY = 0;
    static final int GO = 1;
    static final int START_NS = 2;
    static final int END_NS = 3;
    static final int STOP = 4;
    static final int PRODUCERS_DONE = 5;
    static final int CONTROL_LENGTH = 8;

    private QueueParticipant()
    {
    }

    /**
     * @param args see the class comment.
     * @throws InterruptedException if interrupted.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        Jvms.watchParent();
        final String impl = args[0];
        final String role = args[1];
        final int index = Integer.parseInt(args[2]);
        final String where = args[3];
        final int length = Integer.parseInt(args[4]);
        final int producers = Integer.parseInt(args[5]);
        final int consumers = Integer.parseInt(args[6]);
        final Space controlSpace = Space.at(Path.of(args[7]));
        final String controlName = args[8];
        final long capBytes = Long.parseLong(args[9]);
        try (SharedLongArray ctl = controlSpace.attach(controlName, SharedLongArray.class))
        {
            switch (role)
            {
                case "producer" ->
                {
                    try (QueueImpls.Producer p = QueueImpls.producer(impl, where, producers, length))
                    {
                        System.out.println(produce(p, index, length, ctl, capBytes / producers));
                    }
                }
                case "consumer" ->
                {
                    final QueueImpls.Checker checker = new QueueImpls.Checker(length);
                    try (QueueImpls.Consumer c = QueueImpls.consumer(impl, where, producers, length, checker))
                    {
                        System.out.println(consume(c, checker, ctl, producers, capBytes > 0));
                    }
                }
                case "threads" -> threads(where, length, producers, consumers, ctl);
                default -> throw new IllegalArgumentException("unknown role " + role);
            }
        }
        System.out.flush();
    }

    private static void threads(final String where, final int length, final int producers, final int consumers,
        final SharedLongArray ctl) throws InterruptedException
    {
        final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(Integer.parseInt(where));
        final List<Thread> threads = new ArrayList<>();
        final String[] results = new String[consumers + producers];
        for (int i = 0; i < producers; i++)
        {
            final int index = i;
            threads.add(new Thread(() -> results[consumers + index] =
                produce(new QueueImpls.AbqProducer(queue), index, length, ctl, 0), "producer-" + i));
        }
        for (int i = 0; i < consumers; i++)
        {
            final int index = i;
            threads.add(new Thread(() ->
            {
                final QueueImpls.Checker checker = new QueueImpls.Checker(length);
                results[index] = consume(new QueueImpls.AbqConsumer(queue, checker), checker, ctl, producers, false);
            }, "consumer-" + i));
        }
        threads.forEach(Thread::start);
        for (final Thread t : threads)
        {
            t.join();
        }
        for (final String r : results)
        {
            System.out.println(r);
        }
    }

    private static void awaitGo(final SharedLongArray ctl)
    {
        ctl.getAndAdd(READY, 1);
        while (ctl.get(GO) == 0)
        {
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * @return {@code CPU share}: the CPU time this thread used during the window over the window's length.
     */
    static String produce(final QueueImpls.Producer producer, final int index, final int length,
        final SharedLongArray ctl, final long capBytes)
    {
        final byte[] message = new byte[length];
        final UnsafeBuffer header = new UnsafeBuffer(message);
        final long tag = (long)index << 48;
        final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        awaitGo(ctl);
        final long start = ctl.get(START_NS);
        final long end = ctl.get(END_NS);
        long startNs = 0;
        long startCpu = 0;
        long endNs = 0;
        long endCpu = 0;
        long seq = 0;
        int fails = 0;
        outer:
        while (true)
        {
            for (int i = 0; i < 64; i++)
            {
                header.putLong(0, tag | seq);
                while (!producer.offer(message))
                {
                    if ((++fails & 1023) == 0)
                    {
                        if (ctl.get(STOP) != 0)
                        {
                            break outer;
                        }
                        Thread.yield();
                    }
                    else
                    {
                        Thread.onSpinWait();
                    }
                }
                fails = 0;
                seq++;
            }
            final long now = System.nanoTime();
            if (startNs == 0 && now - start >= 0)
            {
                startNs = now;
                startCpu = cpu.getCurrentThreadCpuTime();
            }
            else if (startNs != 0 && endNs == 0 && now - end >= 0)
            {
                endNs = now;
                endCpu = cpu.getCurrentThreadCpuTime();
            }
            if (ctl.get(STOP) != 0 || (capBytes > 0 && seq * length >= capBytes))
            {
                break;
            }
        }
        ctl.getAndAdd(PRODUCERS_DONE, 1);
        return "CPU " + (endNs > startNs && startNs != 0 ? (double)(endCpu - startCpu) / (endNs - startNs) : -1);
    }

    static String consume(final QueueImpls.Consumer consumer, final QueueImpls.Checker checker,
        final SharedLongArray ctl, final int producers, final boolean capped)
    {
        final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        awaitGo(ctl);
        final long start = ctl.get(START_NS);
        final long end = ctl.get(END_NS);
        long startCpu = 0;
        long endCpu = -1;
        long count = 0;
        long startNs = 0;
        long startCount = 0;
        long endNs = 0;
        long endCount = 0;
        long lastNs = 0;
        long polls = 0;
        long emptyPolls = 0;
        long windowPolls = 0;
        long depthSum = 0;
        long depthSamples = 0;
        int fails = 0;
        boolean done = false;
        while (true)
        {
            final int n = consumer.poll(256);
            if (n > 0)
            {
                count += n;
                fails = 0;
            }
            else
            {
                if (done)
                {
                    break; // nothing left after every producer finished
                }
                if (startNs != 0 && endNs == 0)
                {
                    emptyPolls++;
                }
                done = ctl.get(PRODUCERS_DONE) == producers;
                if ((++fails & 1023) == 0)
                {
                    Thread.yield();
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
            if (startNs != 0 && endNs == 0)
            {
                windowPolls++;
            }
            if ((++polls & 63) == 0 || (capped && n > 0))
            {
                final long now = System.nanoTime();
                if (startNs != 0 && endNs == 0 && (polls & 1023) == 0)
                {
                    final long depth = consumer.depth();
                    if (depth >= 0)
                    {
                        depthSum += depth;
                        depthSamples++;
                    }
                }
                if (n > 0)
                {
                    lastNs = now;
                }
                if (startNs == 0)
                {
                    if (now - start >= 0)
                    {
                        startNs = now;
                        startCount = count;
                        startCpu = cpu.getCurrentThreadCpuTime();
                    }
                }
                else if (endNs == 0 && now - end >= 0)
                {
                    endNs = now;
                    endCount = count;
                    endCpu = cpu.getCurrentThreadCpuTime();
                }
            }
        }
        if (endNs == 0)
        {
            endNs = lastNs; // the producers stopped before the end of the window (byte cap)
            endCount = count;
        }
        if (startNs == 0 || endNs <= startNs)
        {
            return "MISSED the window: " + count + " messages, " + checker.errors + " order errors";
        }
        final double share = endCpu < 0 ? -1 : (double)(endCpu - startCpu) / (endNs - startNs);
        return "RESULT " + (endCount - startCount) + " " + (endNs - startNs) + " " + checker.errors + " " + count +
            " " + share + " " + (windowPolls == 0 ? -1 : 100.0 * emptyPolls / windowPolls) + " " +
            (depthSamples == 0 ? -1 : (double)depthSum / depthSamples);
    }
}
