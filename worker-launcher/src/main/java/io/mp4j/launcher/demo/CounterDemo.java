package io.mp4j.launcher.demo;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.counters.CounterSnapshot;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.values.SharedBoolean;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.launcher.jvm.ChildJvmStarter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shared-counter demo: worker JVMs add to one shared long and to their own labelled counters at once, while
 * this JVM reads both live; the total must come out exact.
 */
public final class CounterDemo
{
    private final PrintStream out;
    private final int workers;
    private final long incrementsEach;

    /**
     * @param out            where to print.
     * @param workers        how many worker JVMs.
     * @param incrementsEach how many increments each does.
     */
    public CounterDemo(final PrintStream out, final int workers, final long incrementsEach)
    {
        this.out = out;
        this.workers = workers;
        this.incrementsEach = incrementsEach;
    }

    /**
     * Runs the demo in a fresh space, removed afterwards.
     *
     * @return true if the total was exact and every worker exited 0.
     * @throws InterruptedException if interrupted while waiting for the workers.
     */
    public boolean run() throws InterruptedException
    {
        final Space space = Space.open("demo-" + ProcessHandle.current().pid());
        try (SharedLong total = space.sharedLong("total");
            SharedBoolean go = space.sharedBoolean("go");
            Counters counters = space.counters())
        {
            out.printf("Shared counter: %d worker JVMs each add 1 to one shared long %,d times.%n",
                workers, incrementsEach);
            out.printf("  space %s (regions: %s)%n", space.directory(),
                String.join(", ", space.list().stream().map(r -> r.name() + " " + r.kind()).toList()));

            final List<Process> processes = new ArrayList<>();
            for (int i = 0; i < workers; i++)
            {
                processes.add(ChildJvmStarter.start(CounterDemoWorker.class, Integer.toString(i),
                    Long.toString(incrementsEach), Handles.toArgument(total.handle()),
                    Handles.toArgument(go.handle()), Handles.toArgument(counters.handle())));
            }
            awaitCounters(counters, processes);
            final long startNs = System.nanoTime();
            go.set(true);
            out.println("  live (from another terminal: ./mp4j stat " + space.name() + "):");
            boolean allExited;
            do
            {
                allExited = true;
                for (final Process p : processes)
                {
                    allExited &= p.waitFor(50, TimeUnit.MILLISECONDS);
                }
                out.printf("    total=%,12d  %s%n", total.get(), counterLine(counters));
            }
            while (!allExited);
            final double seconds = (System.nanoTime() - startNs) / 1e9;

            boolean ok = true;
            for (int i = 0; i < processes.size(); i++)
            {
                final int exit = processes.get(i).exitValue();
                if (exit != 0)
                {
                    out.printf("  worker %d exited with code %d%n", i, exit);
                    ok = false;
                }
            }
            final long expected = workers * incrementsEach;
            final long actual = total.get();
            out.printf("  total = %,d, expected %,d: %s (%.1f M increments/s across %d JVMs)%n",
                actual, expected, actual == expected ? "exact" : "WRONG", actual / seconds / 1e6, workers);
            out.println("  counters left by the workers, read from this JVM:");
            for (final CounterSnapshot c : counters.snapshot())
            {
                out.printf("    %-24s %,12d  owner %s %s%n", c.label(), c.value(), c.owner(),
                    c.ownerAlive() ? "alive" : "dead");
            }
            out.printf("  freed %d counters of dead owners%n", counters.freeDeadOwners());
            return ok && actual == expected && counters.snapshot().isEmpty();
        }
        finally
        {
            space.destroy();
        }
    }

    private void awaitCounters(final Counters counters, final List<Process> processes) throws InterruptedException
    {
        // Workers allocate their counter once attached: wait for all, or for one to fail.
        while (counters.snapshot().size() < workers)
        {
            for (final Process p : processes)
            {
                if (!p.isAlive())
                {
                    throw new IllegalStateException("a worker JVM exited early with code " + p.exitValue());
                }
            }
            Thread.sleep(5);
        }
    }

    private static String counterLine(final Counters counters)
    {
        final StringBuilder sb = new StringBuilder();
        for (final CounterSnapshot c : counters.snapshot())
        {
            sb.append(String.format("%s=%,d  ", c.label(), c.value()));
        }
        return sb.toString();
    }
}
