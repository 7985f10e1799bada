package io.mp4j.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The ways a task ends its worker JVM on purpose in tests, each as it would happen in real code: an exception, a
 * {@code System.exit}, a {@code Runtime.halt}, a SIGKILL of the JVM by itself, a heap exhausted, a hang.
 *
 * <p>Threading: static methods, called from a worker's task thread.
 */
public final class Crashes
{
    /** Exit code of {@link #exit()}. */
    public static final int EXIT_CODE = 42;
    /** Exit code of {@link #halt()}. */
    public static final int HALT_CODE = 43;
    /** Exit code of a JVM ended by SIGKILL, as the JDK reports it (128 + 9). */
    public static final int SIGKILL_CODE = 137;
    /** Exit code of a JVM ended by SIGTERM, as the JDK reports it (128 + 15). */
    public static final int SIGTERM_CODE = 143;

    private static final int BLOCK_LONGS = 1 << 20;

    /** Holds the blocks {@link #exhaustHeap()} allocates, so that no compiler can drop them; cleared on the way out. */
    private static volatile List<long[]> hog;

    private Crashes()
    {
    }

    /**
     * {@code System.exit(}{@value #EXIT_CODE}{@code )}: shutdown hooks run, then the JVM exits.
     */
    public static void exit()
    {
        System.exit(EXIT_CODE);
    }

    /**
     * {@code Runtime.halt(}{@value #HALT_CODE}{@code )}: the JVM ends at once, no hook runs.
     */
    public static void halt()
    {
        Runtime.getRuntime().halt(HALT_CODE);
    }

    /**
     * Sends SIGKILL to this JVM with the {@code kill} command, then waits for it to land: never returns.
     */
    public static void killSelf()
    {
        final String pid = Long.toString(ProcessHandle.current().pid());
        try
        {
            new ProcessBuilder("kill", "-9", pid).inheritIO().start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run kill -9 " + pid, ex);
        }
        hang();
    }

    /**
     * Allocates blocks of 8 MiB until the heap is full: throws the JVM's {@link OutOfMemoryError}, after which the
     * blocks are garbage again.
     */
    public static void exhaustHeap()
    {
        final List<long[]> blocks = new ArrayList<>();
        hog = blocks;
        try
        {
            while (true)
            {
                blocks.add(new long[BLOCK_LONGS]);
            }
        }
        finally
        {
            hog = null;
        }
    }

    /**
     * Parks forever, ignoring interrupts: a task that never ends.
     */
    public static void hang()
    {
        while (true)
        {
            LockSupport.park(Crashes.class);
        }
    }

    /**
     * @param error an exception.
     * @param type  a type to look for in its cause chain.
     * @param <T>   that type.
     * @return the first exception of that type in the chain (the exception itself included), or null.
     */
    public static <T extends Throwable> T findCause(final Throwable error, final Class<T> type)
    {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause())
        {
            if (type.isInstance(t))
            {
                return type.cast(t);
            }
        }
        return null;
    }
}
