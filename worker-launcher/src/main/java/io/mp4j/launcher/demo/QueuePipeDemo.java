package io.mp4j.launcher.demo;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.pipe.Connection;
import io.mp4j.ipc.pipe.Pipe;
import io.mp4j.ipc.queue.QueueOptions;
import io.mp4j.ipc.queue.SharedQueue;
import io.mp4j.launcher.jvm.ChildJvmStarter;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The queue and pipe demo: worker JVMs take numbers from a shared queue and put their cubes on another; then a
 * worker JVM answers over a duplex pipe, and the round trip is timed.
 */
public final class QueuePipeDemo
{
    private static final int ROUND_TRIPS = 20_000;

    private final PrintStream out;
    private final int workers;

    /**
     * @param out     where to print.
     * @param workers how many worker JVMs take from the queue.
     */
    public QueuePipeDemo(final PrintStream out, final int workers)
    {
        this.out = out;
        this.workers = workers;
    }

    /**
     * Runs the demo in a fresh space, removed afterwards.
     *
     * @return true if the cubes came back right and the pipe echoed every message.
     * @throws InterruptedException if interrupted while waiting for a worker.
     */
    public boolean run() throws InterruptedException
    {
        final Space space = Space.open("demo-queue-" + ProcessHandle.current().pid());
        try
        {
            return queue(space) & pipe(space);
        }
        finally
        {
            space.destroy();
        }
    }

    private boolean queue(final Space space) throws InterruptedException
    {
        out.printf("Queue: the launcher puts 1..6 on a shared queue; %d worker JVMs take them and put cubes on " +
            "another.%n", workers);
        final QueueOptions options = QueueOptions.defaults().withSlots(64).withMaxMessageLength(240);
        try (SharedQueue<Object> tasks = SharedQueue.open(space, "tasks", options, QueueDemoWorker.CODEC);
            SharedQueue<Object> results = SharedQueue.open(space, "results", options, QueueDemoWorker.CODEC))
        {
            final List<Process> processes = new ArrayList<>();
            for (int i = 0; i < workers; i++)
            {
                processes.add(ChildJvmStarter.start(QueueDemoWorker.class, space.directory().toString(),
                    Integer.toString(i)));
            }
            for (long x = 1; x <= 6; x++)
            {
                tasks.put(x);
            }
            tasks.shutdown(); // workers drain what is left, then stop
            final List<Cube> cubes = new ArrayList<>();
            for (int i = 0; i < 6; i++)
            {
                cubes.add((Cube)results.get(Duration.ofSeconds(30)));
            }
            final boolean exited = awaitExit(processes);
            cubes.sort(Comparator.comparingLong(Cube::x));
            final List<Long> values = cubes.stream().map(Cube::cube).toList();
            for (final Cube c : cubes)
            {
                out.printf("    worker-%d: %d^3 = %d%n", c.worker(), c.x(), c.cube());
            }
            final boolean ok = values.equals(List.of(1L, 8L, 27L, 64L, 125L, 216L)) && exited;
            out.printf("  results in order: %s: %s%n", values, ok ? "correct" : "WRONG");
            return ok;
        }
    }

    private boolean pipe(final Space space) throws InterruptedException
    {
        out.println("Pipe: a worker JVM answers over a duplex pipe, then echoes bytes; round trips are timed.");
        try (Pipe pipe = Pipe.create(space, "ping"))
        {
            final Process process = ChildJvmStarter.start(PipeDemoWorker.class, space.directory().toString(), "ping");
            final long[] nanos = new long[ROUND_TRIPS];
            boolean echoed = true;
            try (Connection connection = pipe.open(Pipe.End.A))
            {
                connection.send("ping from pid " + ProcessHandle.current().pid());
                out.printf("    %s%n", connection.recv(Duration.ofSeconds(30)));
                final byte[] message = new byte[8];
                final byte[] reply = new byte[8];
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    message[0] = (byte)i;
                    final long startNs = System.nanoTime();
                    connection.sendBytes(message);
                    connection.recvBytes(reply, 0);
                    nanos[i] = System.nanoTime() - startNs;
                    echoed &= reply[0] == message[0];
                }
            }
            final boolean exited = awaitExit(List.of(process));
            Arrays.sort(nanos);
            out.printf("  %,d round trips of 8 bytes: median %.2f us, p99 %.2f us (first ones include warm-up)%n",
                ROUND_TRIPS, nanos[ROUND_TRIPS / 2] / 1e3, nanos[ROUND_TRIPS * 99 / 100] / 1e3);
            out.printf("  every message echoed intact: %s; worker saw the close and exited: %s%n",
                echoed ? "yes" : "NO", exited ? "yes" : "NO");
            return echoed && exited;
        }
    }

    private static boolean awaitExit(final List<Process> processes) throws InterruptedException
    {
        boolean ok = true;
        for (final Process p : processes)
        {
            ok &= p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        return ok;
    }
}
