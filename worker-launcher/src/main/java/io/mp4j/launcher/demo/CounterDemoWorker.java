package io.mp4j.launcher.demo;

import io.mp4j.ipc.counters.Counter;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.values.SharedBoolean;
import io.mp4j.ipc.values.SharedLong;

/**
 * A worker JVM of the counter demo: attaches the shared objects it is handed, waits for the go flag, then adds
 * one to the shared total and to its own labelled counter, {@code increments} times. It leaves its counter
 * allocated, as a crashed worker would, for the launcher to find and free.
 */
public final class CounterDemoWorker
{
    private CounterDemoWorker()
    {
    }

    /**
     * @param args worker index, increments, then handles of the total, the go flag and the counters registry.
     */
    public static void main(final String[] args)
    {
        final int index = Integer.parseInt(args[0]);
        final long increments = Long.parseLong(args[1]);
        try (SharedLong total = Handles.fromArgument(args[2]).attach(SharedLong.class);
            SharedBoolean go = Handles.fromArgument(args[3]).attach(SharedBoolean.class);
            Counters counters = Handles.fromArgument(args[4]).attach(Counters.class))
        {
            // Left allocated on exit on purpose: the launcher shows it with its dead owner, then frees it.
            final Counter mine = counters.allocate("worker-" + index + " increments");
            while (!go.get())
            {
                Thread.onSpinWait();
            }
            for (long i = 0; i < increments; i++)
            {
                total.getAndAdd(1);
                mine.increment();
            }
        }
    }
}
