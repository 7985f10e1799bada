package io.mp4j.ipc.liveness;

import java.time.Instant;
import java.util.Optional;

/**
 * A process named by its pid and its start time, so that a pid reused by a later process is not taken for the
 * one recorded. Start times are milliseconds since the epoch as the OS reports them, or {@link #UNKNOWN_START}
 * where it reports none.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid         process id.
 * @param startTimeMs process start time in epoch milliseconds, or {@link #UNKNOWN_START}.
 */
public record ProcessIdentity(long pid, long startTimeMs)
{
    /** Start time used where the OS reports none; such a process is judged by its pid alone. */
    public static final long UNKNOWN_START = 0;

    private static final ProcessIdentity CURRENT = of(ProcessHandle.current());

    /**
     * @return the identity of this JVM's process.
     */
    public static ProcessIdentity current()
    {
        return CURRENT;
    }

    /**
     * @param handle a live process handle.
     * @return its identity.
     */
    public static ProcessIdentity of(final ProcessHandle handle)
    {
        return new ProcessIdentity(handle.pid(), startTimeMs(handle));
    }

    /**
     * Whether the process is still running: its pid is alive and, where both start times are known, it started
     * at the recorded time. A zombie (exited, not yet reaped) counts as dead.
     *
     * @return true if the process recorded is alive.
     */
    public boolean isAlive()
    {
        if (pid <= 0)
        {
            return false;
        }
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive())
        {
            return false;
        }
        final long actualStartMs = startTimeMs(handle.get());
        if (startTimeMs != UNKNOWN_START && actualStartMs != UNKNOWN_START && actualStartMs != startTimeMs)
        {
            return false;
        }
        return !Zombies.isZombie(pid);
    }

    private static long startTimeMs(final ProcessHandle handle)
    {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(UNKNOWN_START);
    }

    @Override
    public String toString()
    {
        return "pid " + pid;
    }
}
