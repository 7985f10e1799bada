package io.mp4j.ipc.testkit;

import io.mp4j.ipc.jvm.JavaCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A child JVM for multi-JVM tests: runs a class's {@code main} (typically a nested class of the test) with the same
 * java binary, class path and JVM flags as mp4j's production workers, since its command line comes from
 * {@link JavaCommand}.
 *
 * <ul>
 *   <li>Its standard output and error are drained by two threads, so the child never blocks on a full pipe, and
 *       kept for assertions ({@link #stdout()}, {@link #stderr()}); every failure this class reports carries them
 *       ({@link #describe()}).</li>
 *   <li>The child talks to the parent through {@link ChildPoints}: the parent waits for a named point with
 *       {@link #awaitPoint} and for a reported value with {@link #awaitValue}, reading the output as it comes, with
 *       no sleep.</li>
 *   <li>A whole-life timeout ({@link Builder#timeout}, default {@link #DEFAULT_TIMEOUT}) kills a child that runs
 *       too long.</li>
 *   <li>{@link #kill()} sends SIGKILL, {@link #stop()} SIGSTOP and {@link #cont()} SIGCONT; each returns once the
 *       child is dead, stopped or running again.</li>
 *   <li>{@link #close()} kills the child if it still runs and waits for it: use try-with-resources.</li>
 * </ul>
 *
 * <p>Threading: one test thread drives a child; the accessors may be read from any thread.
 */
public final class ChildJvm implements AutoCloseable
{
    /** How long a child may live unless its builder says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Surefire's property holding the real test class path, where {@code java.class.path} may be a booter jar. */
    public static final String TEST_CLASS_PATH_PROPERTY = "surefire.test.class.path";

    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    private static final int MAX_DESCRIBED_CHARS = 20_000;
    private static final int MAX_RECENT = 64;
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Deque<ChildJvm> RECENT = new ConcurrentLinkedDeque<>();
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private final long sequence = SEQUENCE.incrementAndGet();
    private final String mainClassName;
    private final List<String> command;
    private final Duration timeout;
    private final Process process;
    private final ChildOutput output;
    private final ScheduledFuture<?> timeoutKill;
    private volatile boolean timedOut;

    private ChildJvm(final String mainClassName, final List<String> command, final Duration timeout)
    {
        this.mainClassName = mainClassName;
        this.command = List.copyOf(command);
        this.timeout = timeout;
        try
        {
            process = new ProcessBuilder(command).start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start child JVM: " + String.join(" ", command), ex);
        }
        try
        {
            process.getOutputStream().close(); // the child reads nothing: give it end of input at once
        }
        catch (final IOException ignore)
        {
            // Nothing to do: the child never reads its input.
        }
        output = new ChildOutput(process);
        timeoutKill = WATCHDOG.schedule(this::killOnTimeout, timeout.toNanos(), TimeUnit.NANOSECONDS);
        process.onExit().thenRun(() -> timeoutKill.cancel(false));
        RECENT.addLast(this);
        while (RECENT.size() > MAX_RECENT)
        {
            RECENT.pollFirst();
        }
    }

    /**
     * @param mainClass the class whose {@code main} the child runs.
     * @return a builder for a child JVM.
     */
    public static Builder of(final Class<?> mainClass)
    {
        return new Builder(mainClass);
    }

    /**
     * Starts a child JVM with the default timeout.
     *
     * @param mainClass the class whose {@code main} the child runs.
     * @param arguments its arguments.
     * @return the running child.
     */
    public static ChildJvm start(final Class<?> mainClass, final String... arguments)
    {
        return of(mainClass).arguments(arguments).start();
    }

    /**
     * @return the class path children get: Surefire's test class path where set, else {@code java.class.path}.
     */
    public static String testClassPath()
    {
        final String surefire = System.getProperty(TEST_CLASS_PATH_PROPERTY);
        if (surefire != null && !surefire.isBlank())
        {
            return surefire;
        }
        return System.getProperty("java.class.path");
    }

    /** @return the child's pid. */
    public long pid()
    {
        return process.pid();
    }

    /** @return the child's process handle. */
    public ProcessHandle handle()
    {
        return process.toHandle();
    }

    /** @return the command line the child was started with. */
    public List<String> command()
    {
        return command;
    }

    /** @return true while the child runs (or is stopped). */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /** @return true if the whole-life timeout killed the child. */
    public boolean timedOut()
    {
        return timedOut;
    }

    /**
     * @return the child's exit code.
     * @throws IllegalStateException if it has not exited.
     */
    public int exitCode()
    {
        if (process.isAlive())
        {
            throw new IllegalStateException("child " + pid() + " has not exited");
        }
        return process.exitValue();
    }

    /** @return the standard output read so far. */
    public String stdout()
    {
        return output.stdout();
    }

    /** @return the standard error read so far. */
    public String stderr()
    {
        return output.stderr();
    }

    /**
     * @param key a key the child reports with {@link ChildPoints#report}.
     * @return the values reported so far under that key, in order; empty if none.
     */
    public List<String> values(final String key)
    {
        return output.values(key);
    }

    /**
     * @return every value reported so far, by key, each key's values in order.
     */
    public Map<String, List<String>> values()
    {
        return output.values();
    }

    /**
     * @param name a point's name.
     * @return true if the child has reached that point.
     */
    public boolean hasReached(final String name)
    {
        return output.hasReached(name);
    }

    /**
     * Waits until the child reaches a named point ({@link ChildPoints#reached}); returns at once if it already has.
     *
     * @param name    the point's name.
     * @param timeout how long to wait.
     * @throws AssertionError if the child does not reach it in time, or ends its output first.
     */
    public void awaitPoint(final String name, final Duration timeout)
    {
        failIf(output.awaitPoint(name, timeout));
    }

    /**
     * Waits for the first value the child reports under a key ({@link ChildPoints#report}).
     *
     * @param key     the key.
     * @param timeout how long to wait.
     * @return the first value reported under that key.
     * @throws AssertionError if none comes in time, or the child ends its output first.
     */
    public String awaitValue(final String key, final Duration timeout)
    {
        failIf(output.awaitValue(key, timeout));
        return values(key).get(0);
    }

    /**
     * Waits until the child's standard output contains some text.
     *
     * @param text    the text.
     * @param timeout how long to wait.
     * @throws AssertionError if it does not appear in time, or the child ends its output first.
     */
    public void awaitStdout(final String text, final Duration timeout)
    {
        failIf(output.awaitStdout(text, timeout));
    }

    /**
     * Waits for the child to exit, then for its output to be read to the end.
     *
     * @param timeout how long to wait.
     * @return its exit code.
     * @throws AssertionError if it still runs after the timeout (it is left running: {@link #close()} kills it).
     */
    public int waitFor(final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        try
        {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS))
            {
                throw new AssertionError("child still running after " + timeout.toMillis() + " ms\n" + describe());
            }
            output.awaitEnd(Math.max(deadlineNs - System.nanoTime(), EXIT_WAIT.toNanos()));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for child " + pid(), ex);
        }
        return process.exitValue();
    }

    /**
     * Waits for the child to exit and checks it exited with 0.
     *
     * @param timeout how long to wait.
     * @throws AssertionError if it runs past the timeout or exits with another code.
     */
    public void awaitSuccess(final Duration timeout)
    {
        final int code = waitFor(timeout);
        if (code != 0)
        {
            throw new AssertionError("child exited with code " + code + "\n" + describe());
        }
    }

    /**
     * Sends SIGKILL, then waits for the child to be gone (dead and reaped).
     *
     * @return its exit code: 137 (128 + SIGKILL) unless it had already exited.
     */
    public int kill()
    {
        process.destroyForcibly(); // SIGKILL on Linux
        return waitFor(EXIT_WAIT);
    }

    /**
     * Sends SIGSTOP, then waits until the kernel reports the child stopped.
     */
    public void stop()
    {
        signal("STOP");
        Await.until(() -> "child " + pid() + " to stop\n" + describe(), EXIT_WAIT, () -> isStopped() || !isAlive());
    }

    /**
     * Sends SIGCONT, then waits until the kernel no longer reports the child stopped.
     */
    public void cont()
    {
        signal("CONT");
        Await.until(() -> "child " + pid() + " to continue\n" + describe(), EXIT_WAIT, () -> !isStopped());
    }

    /**
     * @return true if the kernel reports the child stopped by a signal (state T in {@code /proc/<pid>/stat}).
     */
    public boolean isStopped()
    {
        final char state = processState(pid());
        return state == 'T' || state == 't';
    }

    /**
     * Sends a signal with {@code kill -<signal> <pid>}.
     *
     * @param signal the signal's name without "SIG", e.g. "TERM".
     */
    public void signal(final String signal)
    {
        final List<String> kill = List.of("kill", "-" + signal, Long.toString(pid()));
        try
        {
            final Process sender = new ProcessBuilder(kill).redirectErrorStream(true).start();
            final String output = new String(sender.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!sender.waitFor(EXIT_WAIT.toNanos(), TimeUnit.NANOSECONDS))
            {
                sender.destroyForcibly().waitFor();
                throw new AssertionError("'" + String.join(" ", kill) + "' did not finish");
            }
            if (sender.exitValue() != 0)
            {
                throw new AssertionError("'" + String.join(" ", kill) + "' failed with code " + sender.exitValue() +
                    ": " + output + "\n" + describe());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + kill, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted sending SIG" + signal + " to " + pid(), ex);
        }
    }

    /**
     * @return the child's main class, pid, state, command line and the output read so far: what a failure prints.
     */
    public String describe()
    {
        final String state;
        if (process.isAlive())
        {
            state = isStopped() ? "stopped" : "running";
        }
        else
        {
            state = "exited with code " + process.exitValue() + (timedOut ? " (killed after its timeout of " +
                timeout.toMillis() + " ms)" : "");
        }
        return "child JVM " + mainClassName + " pid " + pid() + ": " + state + "\n" +
            "command: " + String.join(" ", command) + "\n" +
            "--- stdout ---\n" + tail(stdout()) +
            "--- stderr ---\n" + tail(stderr()) +
            "--- end of child " + pid() + " ---";
    }

    /**
     * Kills the child if it still runs (SIGKILL), and waits for it and for its output to be read.
     */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
        }
        try
        {
            if (!process.waitFor(EXIT_WAIT.toNanos(), TimeUnit.NANOSECONDS))
            {
                throw new AssertionError("child " + pid() + " still alive " + EXIT_WAIT.toMillis() +
                    " ms after SIGKILL");
            }
            output.awaitEnd(EXIT_WAIT.toNanos());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            timeoutKill.cancel(false);
        }
    }

    @Override
    public String toString()
    {
        return "ChildJvm{" + mainClassName + " pid " + pid() + "}";
    }

    /** @return the sequence number of the last child started in this JVM. */
    static long lastSequence()
    {
        return SEQUENCE.get();
    }

    /**
     * @param sequence a value of {@link #lastSequence()}.
     * @return the children started after it, of the last few started.
     */
    static List<ChildJvm> startedAfter(final long sequence)
    {
        final List<ChildJvm> children = new ArrayList<>();
        for (final ChildJvm child : RECENT)
        {
            if (child.sequence > sequence)
            {
                children.add(child);
            }
        }
        return children;
    }

    /**
     * @param pid a process id.
     * @return its state letter from {@code /proc/<pid>/stat} (R, S, D, T, Z...), or '?' if it cannot be read.
     */
    static char processState(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            final int close = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
            return close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
        }
        catch (final IOException | RuntimeException ex)
        {
            return '?';
        }
    }

    private void failIf(final String failure)
    {
        if (failure != null)
        {
            if (!process.isAlive())
            {
                output.awaitEnd(EXIT_WAIT.toNanos()); // so that the report holds the whole output
            }
            throw new AssertionError(failure + "\n" + describe());
        }
    }

    private void killOnTimeout()
    {
        if (process.isAlive())
        {
            timedOut = true;
            System.err.println("child JVM " + mainClassName + " pid " + pid() + " ran past its timeout of " +
                timeout.toMillis() + " ms: killing it");
            process.destroyForcibly();
        }
    }

    private static String tail(final String text)
    {
        if (text.length() <= MAX_DESCRIBED_CHARS)
        {
            return text;
        }
        return "[... " + (text.length() - MAX_DESCRIBED_CHARS) + " chars cut ...]\n" +
            text.substring(text.length() - MAX_DESCRIBED_CHARS);
    }

    private static ScheduledExecutorService watchdog()
    {
        final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable ->
        {
            final Thread thread = new Thread(runnable, "child-jvm-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(executor);
    }

    /**
     * How to start a child JVM. The command is {@link JavaCommand}'s: this JVM's java binary and the mp4j JVM
     * flags, then the options and properties given here, the class path of {@link #testClassPath()}, the main
     * class and the arguments.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder
    {
        private final Class<?> mainClass;
        private final List<String> arguments = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private String classPath = testClassPath();
        private Path javaExecutable;
        private int javaFeature;

        private Builder(final Class<?> mainClass)
        {
            this.mainClass = mainClass;
        }

        /**
         * @param args arguments for the child's {@code main}, appended.
         * @return this.
         */
        public Builder arguments(final String... args)
        {
            arguments.addAll(List.of(args));
            return this;
        }

        /**
         * @param options extra JVM options, e.g. {@code -Xmx64m}, after mp4j's flags.
         * @return this.
         */
        public Builder jvmOptions(final String... options)
        {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /**
         * @param key   a system property for the child.
         * @param value its value.
         * @return this.
         */
        public Builder systemProperty(final String key, final String value)
        {
            systemProperties.put(key, value);
            return this;
        }

        /**
         * @param classPath the child's class path, in place of {@link #testClassPath()}.
         * @return this.
         */
        public Builder classPath(final String classPath)
        {
            this.classPath = classPath;
            return this;
        }

        /**
         * @param executable another java binary than this JVM's.
         * @param feature    its JDK feature release, which decides the mp4j flags it gets.
         * @return this.
         */
        public Builder javaExecutable(final Path executable, final int feature)
        {
            this.javaExecutable = executable;
            this.javaFeature = feature;
            return this;
        }

        /**
         * @param timeout how long the child may live before it is killed.
         * @return this.
         */
        public Builder timeout(final Duration timeout)
        {
            if (timeout.isNegative() || timeout.isZero())
            {
                throw new IllegalArgumentException("timeout must be positive: timeout=" + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @return the command line {@link #start()} runs.
         */
        public List<String> command()
        {
            final JavaCommand command = JavaCommand.forMainClass(mainClass)
                .classPath(classPath)
                .jvmOptions(jvmOptions.toArray(new String[0]))
                .arguments(arguments.toArray(new String[0]));
            systemProperties.forEach(command::systemProperty);
            if (javaExecutable != null)
            {
                command.javaExecutable(javaExecutable, javaFeature);
            }
            return command.build();
        }

        /**
         * @return the started child.
         */
        public ChildJvm start()
        {
            return new ChildJvm(mainClass.getName(), command(), timeout);
        }
    }
}
