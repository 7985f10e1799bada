package io.mp4j.ipc.sync;

import io.mp4j.ipc.liveness.ProcessIdentity;

/**
 * Liveness of the processes recorded in synchronization regions, by pid and process start time.
 *
 * <p>Threading: any thread.
 */
final class Holders
{
    static final long PID = ProcessIdentity.current().pid();
    static final long START_MS = ProcessIdentity.current().startTimeMs();

    private Holders()
    {
    }

    /**
     * @param pid     a recorded pid.
     * @param startMs its recorded start time, or 0 if not known.
     * @return whether that process still runs (this process always does).
     */
    static boolean isAlive(final long pid, final long startMs)
    {
        return pid == PID || new ProcessIdentity(pid, startMs).isAlive();
    }
}
