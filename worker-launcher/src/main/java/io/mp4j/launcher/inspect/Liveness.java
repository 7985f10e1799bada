package io.mp4j.launcher.inspect;

import io.mp4j.ipc.liveness.ProcessIdentity;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether processes are alive, asked of the OS once per process per reading: a registry of hundreds of counters
 * owned by a few processes costs a few look-ups.
 *
 * <p>Threading: one thread.
 */
final class Liveness
{
    private final Map<ProcessIdentity, Boolean> known = new HashMap<>();

    /**
     * @param pid         a pid, 0 or less for none.
     * @param startTimeMs its start time, or {@link ProcessIdentity#UNKNOWN_START}.
     * @return true if that process is alive.
     */
    boolean isAlive(final long pid, final long startTimeMs)
    {
        if (pid <= 0)
        {
            return false;
        }
        return known.computeIfAbsent(new ProcessIdentity(pid, startTimeMs), ProcessIdentity::isAlive);
    }
}
