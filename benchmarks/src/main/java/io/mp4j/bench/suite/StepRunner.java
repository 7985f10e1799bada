package io.mp4j.bench.suite;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the steps of a plan one at a time: starts the step's process, copies each JSON line of its standard output
 * into the results file as it comes (other output lines, and its standard error, go to the step's log), and kills
 * the process with everything it started when it outlives its time limit or when this JVM is stopped, so that no
 * spinning child is left behind.
 *
 * <p>Threading: one step at a time, from one thread.
 */
final class StepRunner
{
    /** A step may take this many times its expected duration, plus {@link #SLACK_MS}. */
    static final int TIME_LIMIT_FACTOR = 6;
    /** Added to every step's time limit. */
    static final long SLACK_MS = 120_000;

    private static final AtomicReference<Process> CURRENT = new AtomicReference<>();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private final Path results;
    private final Path logs;

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
        this.results = results;
        this.logs = logs;
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
        final long limitMs = step.expectedMs() * TIME_LIMIT_FACTOR + SLACK_MS;
        final AtomicBoolean timedOut = new AtomicBoolean();
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                if (!process.waitFor(limitMs, TimeUnit.MILLISECONDS))
                {
                    timedOut.set(true);
                    killTree(process.toHandle());
                }
            }
            catch (final InterruptedException ex)
            {
                killTree(process.toHandle());
            }
        }, "mp4j-bench-watchdog-" + step.name());
        watchdog.setDaemon(true);
        watchdog.start();
        int lines = 0;
        try
        {
            lines = copyOutput(process, log);
            process.waitFor();
        }
        catch (final InterruptedException ex)
        {
            killTree(process.toHandle());
            throw ex;
        }
        finally
        {
            watchdog.interrupt();
            watchdog.join();
            CURRENT.set(null);
        }
        final long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        final int exitCode = process.exitValue();
        final String error = timedOut.get() ? "killed after " + limitMs / 1000 + " s (its time limit)" :
            exitCode != 0 ? "exit code " + exitCode :
            lines == 0 ? "wrote no result" : null;
        return new Outcome(step, exitCode, lines, wallMs, timedOut.get(), log, error, Machine.loadAverage());
    }

    private int copyOutput(final Process process, final Path log)
    {
        int lines = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
             PrintStream json = new PrintStream(Files.newOutputStream(results, StandardOpenOption.CREATE,
                 StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
             PrintStream other = new PrintStream(Files.newOutputStream(log, StandardOpenOption.APPEND), true,
                 StandardCharsets.UTF_8))
        {
            String line;
            while ((line = out.readLine()) != null)
            {
                if (isJsonObject(line))
                {
                    json.println(line.strip());
                    lines++;
                }
                else
                {
                    other.println(line);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot copy the output of " + process.pid(), ex);
        }
        return lines;
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
     * Kills a process and everything it started, children first, and waits for them.
     *
     * @param root the process.
     */
    static void killTree(final ProcessHandle root)
    {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
        try
        {
            root.onExit().get(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            // it is gone or cannot be waited for: nothing more to do
        }
    }
}
