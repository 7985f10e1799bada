package io.mp4j.ipc.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The standard output and error of a child process, drained line by line by two daemon threads so that the child
 * never blocks on a full pipe, with the named points and values it printed through {@link ChildPoints}. Waits on
 * it are woken by each line read.
 *
 * <p>Threading: thread-safe.
 */
final class ChildOutput
{
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final Set<String> points = new HashSet<>();
    private final Map<String, List<String>> values = new HashMap<>();
    private boolean stdoutOpen = true;
    private final Thread stdoutDrainer;
    private final Thread stderrDrainer;

    ChildOutput(final Process process)
    {
        stdoutDrainer = drainer(process.getInputStream(), true, "child-jvm-" + process.pid() + "-stdout");
        stderrDrainer = drainer(process.getErrorStream(), false, "child-jvm-" + process.pid() + "-stderr");
    }

    String stdout()
    {
        lock.lock();
        try
        {
            return stdout.toString();
        }
        finally
        {
            lock.unlock();
        }
    }

    String stderr()
    {
        lock.lock();
        try
        {
            return stderr.toString();
        }
        finally
        {
            lock.unlock();
        }
    }

    List<String> values(final String key)
    {
        lock.lock();
        try
        {
            return List.copyOf(values.getOrDefault(key, List.of()));
        }
        finally
        {
            lock.unlock();
        }
    }

    Map<String, List<String>> values()
    {
        lock.lock();
        try
        {
            final Map<String, List<String>> copy = new LinkedHashMap<>();
            values.forEach((key, list) -> copy.put(key, List.copyOf(list)));
            return copy;
        }
        finally
        {
            lock.unlock();
        }
    }

    boolean hasReached(final String point)
    {
        lock.lock();
        try
        {
            return points.contains(point);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return null once the point is reached, else why the wait failed.
     */
    String awaitPoint(final String point, final Duration timeout)
    {
        return await("point '" + point + "'", timeout, () -> points.contains(point));
    }

    /**
     * @return null once a value is reported under the key, else why the wait failed.
     */
    String awaitValue(final String key, final Duration timeout)
    {
        return await("value '" + key + "'", timeout, () -> values.containsKey(key));
    }

    /**
     * @return null once standard output holds the text, else why the wait failed.
     */
    String awaitStdout(final String text, final Duration timeout)
    {
        return await("output '" + text + "'", timeout, () -> stdout.indexOf(text) >= 0);
    }

    /**
     * Waits for both streams to be read to their end: call once the child has exited.
     *
     * @param timeoutNs how long to wait at most.
     */
    void awaitEnd(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        try
        {
            for (final Thread drainer : List.of(stdoutDrainer, stderrDrainer))
            {
                final long remainingNs = deadlineNs - System.nanoTime();
                if (remainingNs > 0)
                {
                    drainer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNs)));
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param condition evaluated under the lock.
     * @return null once it holds, else why the wait failed: timeout, end of output or interrupt.
     */
    private String await(final String what, final Duration timeout, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try
        {
            while (!condition.getAsBoolean())
            {
                if (!stdoutOpen)
                {
                    return "child ended its output (exited?) without " + what;
                }
                final long remainingNs = deadlineNs - System.nanoTime();
                if (remainingNs <= 0)
                {
                    return "child did not give " + what + " within " + timeout.toMillis() + " ms";
                }
                changed.awaitNanos(remainingNs);
            }
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "interrupted waiting for " + what;
        }
        finally
        {
            lock.unlock();
        }
    }

    private Thread drainer(final InputStream in, final boolean isStdout, final String name)
    {
        final Thread thread = new Thread(() -> drain(in, isStdout), name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void drain(final InputStream in, final boolean isStdout)
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                append(line, isStdout);
            }
        }
        catch (final IOException ignore)
        {
            // The stream closed under us: the child is gone.
        }
        finally
        {
            if (isStdout)
            {
                lock.lock();
                try
                {
                    stdoutOpen = false;
                    changed.signalAll();
                }
                finally
                {
                    lock.unlock();
                }
            }
        }
    }

    private void append(final String line, final boolean isStdout)
    {
        lock.lock();
        try
        {
            (isStdout ? stdout : stderr).append(line).append('\n');
            if (isStdout && line.startsWith(ChildPoints.POINT_PREFIX))
            {
                points.add(line.substring(ChildPoints.POINT_PREFIX.length()));
            }
            else if (isStdout && line.startsWith(ChildPoints.VALUE_PREFIX))
            {
                final String entry = line.substring(ChildPoints.VALUE_PREFIX.length());
                final int equals = entry.indexOf('=');
                if (equals > 0)
                {
                    values.computeIfAbsent(entry.substring(0, equals), key -> new ArrayList<>())
                        .add(entry.substring(equals + 1));
                }
            }
            changed.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }
}
