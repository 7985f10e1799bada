package io.mp4j.ipc.queue;

import io.mp4j.ipc.jvm.JavaCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a nested class's main with the production flags, its stdout read line by line so the
 * parent can wait for named points ("POINT name") the child reaches.
 */
final class ChildProcess implements AutoCloseable
{
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();

    ChildProcess(final Class<?> main, final String... args) throws IOException
    {
        process = new ProcessBuilder(JavaCommand.forMainClass(main).arguments(args).build())
            .redirectErrorStream(true).start();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    output.append(line).append('\n');
                    lines.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // the child is gone
            }
        }, "child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static void point(final String name)
    {
        System.out.println("POINT " + name);
        System.out.flush();
    }

    static void parkForever()
    {
        while (true)
        {
            java.util.concurrent.locks.LockSupport.park();
        }
    }

    void awaitPoint(final String name, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (true)
        {
            final String line = lines.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (line == null)
            {
                throw new AssertionError("child did not reach point '" + name + "' in " + timeoutMs + " ms; output:\n" +
                    output + (process.isAlive() ? "" : "exit code " + process.exitValue()));
            }
            if (line.equals("POINT " + name))
            {
                return;
            }
        }
    }

    long pid()
    {
        return process.pid();
    }

    int waitFor(final long timeoutMs) throws InterruptedException
    {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
        {
            throw new AssertionError("child still running after " + timeoutMs + " ms; output:\n" + output);
        }
        return process.exitValue();
    }

    void signal(final String signal) throws IOException, InterruptedException
    {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    String output()
    {
        return output.toString();
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
        try
        {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
