package io.mp4j.bench.suite;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the steps of a plan one at a time: starts the step's process, copies each JSON line of its standard output
 * into the results file as it comes (other output lines, and its standard error, go to the step's log), and kills
 * the process with everything it started when it outlives its time limit or when this JVM is stopped, so that no
 * spinning child is left behind. A step whose output stays open after it exited (held by a process it started) is
 * reported as failed after a grace ({@link #OUTPUT_GRACE_MS} by default) instead of holding up the run.
 *
 * <p>Threading: one step at a time, from one thread.
 */
final class StepRunner
{
    /** A step may take this many times its expected duration, plus {@link #SLACK_MS}. */
    static final int TIME_LIMIT_FACTOR = 6;
    /** Added to every step's time limit. */
    static final long SLACK_MS = 120_000;
    /** How long {@link #killTree} waits for the processes it killed to be gone. */
    static final long KILL_WAIT_MS = 10_000;
    /** How long the output may stay open after the step's process exited (a process it started may hold it). */
    static final long OUTPUT_GRACE_MS = 30_000;

    private static final AtomicReference<Process> CURRENT = new AtomicReference<>();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private final Path results;
    private final Path logs;
    private final long slackMs;
    private final long outputGraceMs;

    /**
     * What a step did.
     *
     * @param step      the step.
     * @param exitCode  its exit code (-1 if it did not start).
     * @param lines     the JSON lines it wrote into the results file.
     * @param wallMs    how long it ran.
     * @param timedOut  whether it was killed for running too long.
     * @param log       its log file.
     * @param error     why it failed, or null.
     * @param loadAfter the load averages when it ended ({@link Machine#loadAverage()}).
     */
    record Outcome(Step step, int exitCode, int lines, long wallMs, boolean timedOut, Path log, String error,
        String loadAfter)
    {
        /**
         * @return whether it exited with 0 and wrote at least one JSON line.
         */
        boolean ok()
        {
            return error == null;
        }
    }

    /**
     * @param results the results file; lines are appended.
     * @param logs    the directory of the steps' logs.
     */
    StepRunner(final Path results, final Path logs)
    {
        this(results, logs, SLACK_MS, OUTPUT_GRACE_MS);
    }

    /**
     * @param results       the results file; lines are appended.
     * @param logs          the directory of the steps' logs.
     * @param slackMs       added to every step's time limit ({@value #SLACK_MS} by default).
     * @param outputGraceMs how long the output may stay open after a step exited ({@value #OUTPUT_GRACE_MS} by
     *                      default).
     */
    StepRunner(final Path results, final Path logs, final long slackMs, final long outputGraceMs)
    {
        this.results = results;
        this.logs = logs;
        this.slackMs = slackMs;
        this.outputGraceMs = outputGraceMs;
        if (HOOKED.compareAndSet(false, true))
        {
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
            {
                final Process running = CURRENT.get();
                if (running != null)
                {
                    killTree(running.toHandle());
                }
            }, "mp4j-bench-step-cleanup"));
        }
    }

    /**
     * Runs one step to its end.
     *
     * @param step  the step.
     * @param index its position in the plan, from 1, for its log's name.
     * @return what it did.
     * @throws InterruptedException if interrupted (the step's processes are killed).
     */
    Outcome run(final Step step, final int index) throws InterruptedException
    {
        final Path log = logs.resolve(String.format("%02d-%s.log", index, step.name()));
        final long startNs = System.nanoTime();
        final Process process;
        try
        {
            Files.writeString(log, String.join(" ", step.command()) + System.lineSeparator(),
                StandardCharsets.UTF_8);
            final ProcessBuilder builder = new ProcessBuilder(step.command())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(step.environment());
            if (step.directory() != null)
            {
                builder.directory(step.directory().toFile());
            }
            process = builder.start();
        }
        catch (final IOException ex)
        {
            return new Outcome(step, -1, 0, 0, false, log, "cannot start: " + ex.getMessage(), Machine.loadAverage());
        }
        CURRENT.set(process);
        final long limitMs = step.expectedMs() * TIME_LIMIT_FACTOR + slackMs;
        final OutputCopy copy = new OutputCopy(process, log);
        final Thread reader = new Thread(copy, "mp4j-bench-output-" + step.name());
        reader.setDaemon(true);
        reader.start();
        boolean timedOut = false;
        try
        {
            if (!process.waitFor(limitMs, TimeUnit.MILLISECONDS))
            {
                timedOut = true;
                killTree(process.toHandle());
            }
            process.waitFor();
            reader.join(outputGraceMs);
        }
        catch (final InterruptedException ex)
        {
            killTree(process.toHandle());
            throw ex;
        }
        finally
        {
            copy.stop();
            CURRENT.set(null);
        }
        final long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        final int exitCode = process.exitValue();
        final int lines = copy.jsonLines();
        final String error = timedOut ? "killed after " + limitMs + " ms (its time limit)" :
            exitCode != 0 ? "exit code " + exitCode :
            reader.isAlive() ? "its output stayed open " + outputGraceMs + " ms after it exited (a process it " +
                "started still holds it)" :
            copy.failure() != null ? "its output could not be copied: " + copy.failure() :
            lines == 0 ? "wrote no result" : null;
        return new Outcome(step, exitCode, lines, wallMs, timedOut, log, error, Machine.loadAverage());
    }

    /**
     * Copies a step's standard output as it comes: JSON lines into the results file, other lines into the step's
     * log, until the end of the output or {@link #stop()}; after {@code stop()} nothing more is written.
     */
    private final class OutputCopy implements Runnable
    {
        private final Process process;
        private final Path log;
        private final AtomicInteger jsonLines = new AtomicInteger();
        private volatile boolean stopped;
        private volatile String failure;

        OutputCopy(final Process process, final Path log)
        {
            this.process = process;
            this.log = log;
        }

        @Override
        public void run()
        {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                 PrintStream json = new PrintStream(Files.newOutputStream(results, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
                 PrintStream other = new PrintStream(Files.newOutputStream(log, StandardOpenOption.APPEND), true,
                     StandardCharsets.UTF_8))
            {
                String line;
                while ((line = out.readLine()) != null && !stopped)
                {
                    if (isJsonObject(line))
                    {
                        json.println(line.strip());
                        jsonLines.incrementAndGet();
                    }
                    else
                    {
                        other.println(line);
                    }
                }
            }
            catch (final IOException ex)
            {
                failure = ex.toString();
            }
        }

        void stop()
        {
            stopped = true;
        }

        int jsonLines()
        {
            return jsonLines.get();
        }

        String failure()
        {
            return failure;
        }
    }

    private static boolean isJsonObject(final String line)
    {
        final String trimmed = line.strip();
        if (!trimmed.startsWith("{"))
        {
            return false;
        }
        try
        {
            Json.parseObject(trimmed);
            return true;
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    /**
     * Kills a process and everything it started, children first, and waits (up to {@value #KILL_WAIT_MS} ms) until
     * they are gone.
     *
     * @param root the process.
     */
    static void killTree(final ProcessHandle root)
    {
        final List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
        all.add(root);
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_WAIT_MS);
        for (final ProcessHandle p : all)
        {
            try
            {
                p.onExit().get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            catch (final ExecutionException | TimeoutException ex)
            {
                return;
            }
        }
    }
}
