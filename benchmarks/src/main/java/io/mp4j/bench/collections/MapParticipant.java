package io.mp4j.bench.collections;

import io.mp4j.bench.ipc.Jvms;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.values.SharedLongArray;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * One JVM of {@link MapThroughput}: opens the map, says it is ready, waits for the parent's go, then calls
 * {@code get} or {@code put} in one thread as fast as it can until the end of the measured window. It walks the keys
 * in order from {@code index * keys / procs} (wrapping), so that the JVMs of one run start on different keys and
 * every key exists (puts replace values). It counts the calls completed inside the shared window (System.nanoTime
 * is CLOCK_MONOTONIC, the same clock in every process) and prints
 * {@code RESULT calls nanoseconds cpuShare absent}, where cpuShare is the thread's CPU time during the window over
 * the window (1 = a whole core; less means it waited for a core) and absent the calls that found no value (0
 * expected).
 *
 * <p>Arguments: impl op index procs where keys controlSpace controlName.
 */
public final class MapParticipant
{
    static final int READY = 0;
    static final int GO = 1;
    static final int START_NS = 2;
    static final int END_NS = 3;
    static final int CONTROL_LENGTH = 4;

    private static final int BATCH = 256;

    private MapParticipant()
    {
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        Jvms.watchParent();
        final String impl = args[0];
        final String op = args[1];
        final int index = Integer.parseInt(args[2]);
        final int procs = Integer.parseInt(args[3]);
        final String where = args[4];
        final long keys = Long.parseLong(args[5]);
        final Space control = Space.at(Path.of(args[6]));
        final String controlName = args[7];
        if (!op.equals("get") && !op.equals("put"))
        {
            throw new IllegalArgumentException("unknown op " + op);
        }
        try (SharedLongArray ctl = control.attach(controlName, SharedLongArray.class);
            MapImpls.Endpoint map = MapImpls.open(impl, where, keys))
        {
            System.out.println(run(map, op.equals("put"), index * keys / procs, keys, ctl));
        }
        System.out.flush();
    }

    private static String run(final MapImpls.Endpoint map, final boolean put, final long firstKey, final long keys,
        final SharedLongArray ctl)
    {
        final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        ctl.getAndAdd(READY, 1);
        while (ctl.get(GO) == 0)
        {
            LockSupport.parkNanos(100_000);
        }
        final long start = ctl.get(START_NS);
        final long end = ctl.get(END_NS);
        long key = firstKey;
        long calls = 0;
        long absent = 0;
        long sink = 0;
        long startNs = 0;
        long startCalls = 0;
        long startCpu = 0;
        long startAbsent = 0;
        long endNs;
        long endCpu;
        while (true)
        {
            for (int i = 0; i < BATCH; i++)
            {
                final long value = put ? map.put(key, key + calls + i) : map.get(key);
                if (value == MapImpls.ABSENT)
                {
                    absent++;
                }
                sink += value;
                if (++key == keys)
                {
                    key = 0;
                }
            }
            calls += BATCH;
            final long now = System.nanoTime();
            if (startNs == 0)
            {
                if (now - start >= 0)
                {
                    startNs = now;
                    startCalls = calls;
                    startAbsent = absent;
                    startCpu = cpu.getCurrentThreadCpuTime();
                }
            }
            else if (now - end >= 0)
            {
                endNs = now;
                endCpu = cpu.getCurrentThreadCpuTime();
                break;
            }
        }
        if (sink == 42)
        {
            System.err.print(""); // keeps the values live
        }
        return "RESULT " + (calls - startCalls) + " " + (endNs - startNs) + " " +
            (double)(endCpu - startCpu) / (endNs - startNs) + " " + (absent - startAbsent);
    }
}
