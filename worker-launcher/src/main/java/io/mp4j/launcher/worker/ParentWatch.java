package io.mp4j.launcher.worker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a worker JVM when its parent dies, however it dies (SIGKILL included). The parent holds the write end of the
 * worker's standard input and never writes to it; when the parent's process ends, the kernel closes that end and the
 * worker's blocking read returns end-of-file at once. A second daemon thread checks once a second that the parent is
 * still the worker's parent, in case standard input was not a pipe from it.
 *
 * <p>Threading: {@link #start} once, from the worker's main thread.
 */
public final class ParentWatch
{
    /** Exit code of a worker whose parent died. */
    public static final int EXIT_PARENT_DIED = 72;

    private static final long RECHECK_MS = 1000;

    private ParentWatch()
    {
    }

    /**
     * @param parentPid the pid of the JVM that started this one.
     * @param in        this JVM's standard input.
     */
    public static void start(final long parentPid, final InputStream in)
    {
        final Thread stdin = new Thread(() -> awaitEndOfInput(in), "mp4j-parent-watch");
        stdin.setDaemon(true);
        stdin.start();
        final Thread poll = new Thread(() -> recheck(parentPid), "mp4j-parent-check");
        poll.setDaemon(true);
        poll.start();
    }

    private static void awaitEndOfInput(final InputStream in)
    {
        final byte[] sink = new byte[64];
        try
        {
            while (in.read(sink) >= 0)
            {
                // the parent never writes; anything read is ignored
            }
        }
        catch (final IOException ex)
        {
            // a broken pipe means the same: the parent is gone
        }
        parentGone();
    }

    private static void recheck(final long parentPid)
    {
        while (true)
        {
            try
            {
                Thread.sleep(RECHECK_MS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            final long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            if (parent != parentPid)
            {
                parentGone();
            }
        }
    }

    private static void parentGone()
    {
        // halt, not exit: nothing of this worker's is worth a shutdown hook once its parent is gone
        Runtime.getRuntime().halt(EXIT_PARENT_DIED);
    }
}
