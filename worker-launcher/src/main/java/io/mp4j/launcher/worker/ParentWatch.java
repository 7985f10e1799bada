package io.mp4j.launcher.worker;

/**
 * Ends a worker JVM when its parent dies, however it dies (SIGKILL included), and writes the worker's heartbeat: a
 * daemon thread checks every {@value #CHECK_INTERVAL_MS} ms that the worker's parent pid is still the one that started
 * it, then stores the time in the worker's status array ({@link WorkerStatus#heartbeat(long)}). When a process dies,
 * the kernel gives its children a new parent (init or a subreaper), so the check needs no cooperation from the dead
 * parent and cannot be fooled by pid reuse: the worker's own parent link changes. A heartbeat that stops ageing well
 * past the interval tells another process ({@code mp4j stat}) that the worker is stopped (SIGSTOP) or its JVM stalled.
 *
 * <p>A blocking read of standard input, which returns end-of-file the moment the parent dies, would notice sooner,
 * but HotSpot's exit waits up to 300 ms for threads blocked in native code: every normal worker exit would pay that.
 * A sleeping thread costs the exit nothing.
 *
 * <p>Threading: {@link #start} once, from the worker's main thread; {@link #stopHeartbeat()} from any thread.
 */
public final class ParentWatch
{
    /** Exit code of a worker whose parent died. */
    public static final int EXIT_PARENT_DIED = 72;

    /** How often the parent is checked: the longest a worker outlives its parent. */
    public static final long CHECK_INTERVAL_MS = 50;

    private final long parentPid;
    private final WorkerStatus status;
    private boolean heartbeatStopped;

    private ParentWatch(final long parentPid, final WorkerStatus status)
    {
        this.parentPid = parentPid;
        this.status = status;
    }

    /**
     * Starts the watch thread of a JVM that has no status array (a cluster member started by a test or a script):
     * the parent is watched, no heartbeat is written.
     *
     * @param parentPid the pid of the JVM that started this one.
     * @return the watch.
     */
    public static ParentWatch start(final long parentPid)
    {
        return start(parentPid, null);
    }

    /**
     * Starts the watch thread.
     *
     * @param parentPid the pid of the JVM that started this one.
     * @param status    the worker's status array, where the heartbeat goes; null for none.
     * @return the watch.
     */
    public static ParentWatch start(final long parentPid, final WorkerStatus status)
    {
        final ParentWatch watch = new ParentWatch(parentPid, status);
        final Thread thread = new Thread(watch::watch, "mp4j-parent-watch");
        thread.setDaemon(true);
        thread.start();
        return watch;
    }

    /**
     * Stops writing the heartbeat, for a worker about to unmap its status array; once this returns no heartbeat is
     * being written. The parent is still watched.
     */
    public synchronized void stopHeartbeat()
    {
        heartbeatStopped = true;
    }

    private synchronized void beat()
    {
        if (!heartbeatStopped && status != null)
        {
            status.heartbeat(System.currentTimeMillis());
        }
    }

    private void watch()
    {
        while (true)
        {
            final long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            if (parent != parentPid)
            {
                // halt, not exit: nothing of this worker's is worth a shutdown hook once its parent is gone
                Runtime.getRuntime().halt(EXIT_PARENT_DIED);
            }
            beat();
            try
            {
                Thread.sleep(CHECK_INTERVAL_MS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
        }
    }
}
