package io.mp4j.ipc.pipe;

import io.mp4j.ipc.jvm.JavaCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for the pipe tests: runs a class's {@code main} with the production flags ({@link JavaCommand}),
 * reports the named points the child prints on its standard output, and stops, continues or kills it. Standard
 * error goes to the test's. Closing kills it if it still runs, and waits for it.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
final class ChildProcess implements AutoCloseable
{
    /** Prefix of a line that marks a named point. */
    static final String POINT = "point:";

    private final Process process;
    private final BlockingQueue<String> points = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ChildProcess(final Process process)
    {
        this.process = process;
        this.reader = new Thread(this::readPoints, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param mainClass the class whose main the child runs.
     * @param args      its arguments.
     * @return the started child.
     */
    static ChildProcess start(final Class<?> mainClass, final String... args) throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(JavaCommand.forMainClass(mainClass).arguments(args).build());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ChildProcess(builder.start());
    }

    /**
     * Marks a named point: called in the child.
     *
     * @param name the point.
     */
    static void point(final String name)
    {
        System.out.println(POINT + name);
        System.out.flush();
    }

    long pid()
    {
        return process.pid();
    }

    /**
     * @param name    a point.
     * @param timeout how long to wait for it.
     */
    void awaitPoint(final String name, final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final String point = points.poll(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (point == null)
            {
                throw new AssertionError("child " + pid() + " did not reach point " + name + " within " + timeout +
                    (process.isAlive() ? "" : "; it exited with " + process.exitValue()));
            }
            if (point.equals(name))
            {
                return;
            }
        }
    }

    /** Sends SIGKILL and waits for the child to be gone. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Sends SIGSTOP and waits until the kernel reports the child stopped. */
    void stop() throws IOException, InterruptedException
    {
        signal("STOP");
        while (state() != 'T')
        {
            Thread.onSpinWait();
        }
    }

    /** Sends SIGCONT. */
    void resume() throws IOException, InterruptedException
    {
        signal("CONT");
    }

    /**
     * @param timeout how long to wait.
     * @return the exit code.
     */
    int awaitExit(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            throw new AssertionError("child " + pid() + " did not exit within " + timeout);
        }
        return process.exitValue();
    }

    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
        }
        try
        {
            process.waitFor();
            reader.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void signal(final String name) throws IOException, InterruptedException
    {
        final Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
        if (kill.waitFor() != 0)
        {
            throw new IOException("kill -" + name + " " + pid() + " failed: " + kill.exitValue());
        }
    }

    private char state() throws IOException
    {
        final String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    private void readPoints()
    {
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = lines.readLine()) != null)
            {
                if (line.startsWith(POINT))
                {
                    points.add(line.substring(POINT.length()));
                }
                else
                {
                    System.out.println("[child " + pid() + "] " + line);
                }
            }
        }
        catch (final IOException ignore)
        {
            // The child is gone.
        }
    }
}
