package io.mp4j.bench.harness;

import io.mp4j.ipc.jvm.JavaCommand;
import io.mp4j.ipc.values.SharedLong;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starting and awaiting the harness's child JVMs: the command line comes from {@link JavaCommand} (this JVM's java,
 * class path and mp4j's JVM flags, as for production workers), stdout is discarded (it is the parent's JSON
 * channel), stderr is inherited.
 *
 * <p>Threading: any thread.
 */
final class ChildJvms
{
    private ChildJvms()
    {
    }

    /**
     * @param prefix    words before the java command, e.g. {@code taskset -c 1}; may be empty.
     * @param mainClass the child's main class.
     * @param args      its arguments.
     * @return the started process.
     */
    static Process start(final List<String> prefix, final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>(prefix);
        command.addAll(JavaCommand.forMainClass(mainClass).arguments(args).build());
        try
        {
            return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command, ex);
        }
    }

    /**
     * Waits until a shared count reaches a target, failing if a child exits first or the timeout passes.
     *
     * @param count     the shared count the children increment.
     * @param target    the value awaited.
     * @param children  the children.
     * @param timeoutMs how long to wait.
     */
    static void awaitCount(final SharedLong count, final long target, final List<Process> children,
        final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (count.get() < target)
        {
            for (final Process p : children)
            {
                if (!p.isAlive())
                {
                    throw new IllegalStateException("child JVM " + p.pid() + " exited early with code " +
                        p.exitValue());
                }
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("children not ready after " + timeoutMs + " ms: count=" +
                    count.get() + ", want " + target);
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * Waits for every child to exit with code 0; kills all on failure.
     *
     * @param children  the children.
     * @param timeoutMs how long to wait for all.
     * @throws InterruptedException if interrupted.
     */
    static void awaitExit(final List<Process> children, final long timeoutMs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try
        {
            for (final Process p : children)
            {
                final long leftNs = Math.max(0, deadlineNs - System.nanoTime());
                if (!p.waitFor(leftNs, TimeUnit.NANOSECONDS))
                {
                    throw new IllegalStateException("child JVM " + p.pid() + " still running after " + timeoutMs +
                        " ms");
                }
                if (p.exitValue() != 0)
                {
                    throw new IllegalStateException("child JVM " + p.pid() + " exited with code " + p.exitValue());
                }
            }
        }
        finally
        {
            destroy(children);
        }
    }

    /**
     * Kills children still alive, and waits for them.
     *
     * @param children the children.
     */
    static void destroy(final List<Process> children)
    {
        for (final Process p : children)
        {
            if (p.isAlive())
            {
                p.destroyForcibly();
                try
                {
                    p.waitFor(10, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
