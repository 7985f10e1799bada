package io.mp4j.launcher.worker;

/**
 * Ends a worker JVM when its parent dies, however it dies (SIGKILL included): a daemon thread checks every
 * {@value #CHECK_INTERVAL_MS} ms that the worker's parent pid is still the one that started it. When a process dies,
 * the kernel gives its children a new parent (init or a subreaper), so the check needs no cooperation from the dead
 * parent and cannot be fooled by pid reuse: the worker's own parent link changes.
 *
 * <p>A blocking read of standard input, which returns end-of-file the moment the parent dies, would notice sooner,
 * but HotSpot's exit waits up to 300 ms for threads blocked in native code: every normal worker exit would pay that.
 * A sleeping thread costs the exit nothing.
 *
 * <p>Threading: {@link #start} once, from the worker's main thread.
 */
public final class ParentWatch
{
    /** Exit code of a worker whose parent died. */
    public static final int EXIT_PARENT_DIED = 72;

    /** How often the parent is checked: the longest a worker outlives its parent. */
    public static final long CHECK_INTERVAL_MS = 50;

    private ParentWatch()
    {
    }

    /**
     * @param parentPid the pid of the JVM that started this one.
     */
    public static void start(final long parentPid)
    {
        final Thread watch = new Thread(() -> watch(parentPid), "mp4j-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void watch(final long parentPid)
    {
        while (true)
        {
            final long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            if (parent != parentPid)
            {
                // halt, not exit: nothing of this worker's is worth a shutdown hook once its parent is gone
                Runtime.getRuntime().halt(EXIT_PARENT_DIED);
            }
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
