package io.mp4j.launcher;

import io.mp4j.ipc.testkit.Await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether processes still run, as the kernel sees them: a zombie (dead, not yet reaped by its parent) counts as
 * gone, since an orphan's reaper is not this JVM.
 *
 * <p>Threading: static methods, any thread.
 */
public final class Pids
{
    private static final Pattern WORKER_PID = Pattern.compile("\\(pid (\\d+)\\)");

    private Pids()
    {
    }

    /**
     * @param pid a process id.
     * @return true if the process exists and is not a zombie.
     */
    public static boolean isRunning(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && state(pid) != 'Z';
    }

    /**
     * Waits until none of the processes runs.
     *
     * @param pids    process ids.
     * @param timeout how long to wait.
     * @throws AssertionError naming those still running after the timeout.
     */
    public static void awaitGone(final Collection<Long> pids, final Duration timeout)
    {
        Await.until(() -> "processes to end: still running " + running(pids) + " of " + pids, timeout,
            () -> running(pids).isEmpty());
    }

    /**
     * @param pids process ids.
     * @return those still running.
     */
    public static List<Long> running(final Collection<Long> pids)
    {
        return pids.stream().filter(Pids::isRunning).collect(Collectors.toList());
    }

    /**
     * @return the pids of this JVM's descendants that still run.
     */
    public static List<Long> runningDescendants()
    {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).filter(Pids::isRunning)
            .collect(Collectors.toList());
    }

    /**
     * @param worker a worker's description, e.g. {@code "worker 3 (pid 4711)"}.
     * @return its pid.
     */
    public static long ofWorker(final String worker)
    {
        final Matcher matcher = WORKER_PID.matcher(String.valueOf(worker));
        if (!matcher.find())
        {
            throw new AssertionError("no pid in worker description: " + worker);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static char state(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            final int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
        }
        catch (final IOException | RuntimeException ex)
        {
            return '?';
        }
    }
}
