package io.mp4j.ipc.testkit;

import java.util.concurrent.locks.LockSupport;

/**
 * What a child JVM started by {@link ChildJvm} calls to talk to its parent through standard output: named points
 * it has reached ({@link ChildJvm#awaitPoint}), values it reports ({@link ChildJvm#awaitValue}), and parking
 * forever at a point so that the parent can kill or stop it exactly there.
 *
 * <p>Each call prints one marker line and flushes. {@link System#out} prints whole lines atomically, so a child
 * may call these from any thread.
 */
public final class ChildPoints
{
    /** Start of a line that marks a named point. */
    public static final String POINT_PREFIX = "@@mp4j-point ";

    /** Start of a line that reports a value: the key, '=', then the value. */
    public static final String VALUE_PREFIX = "@@mp4j-value ";

    private ChildPoints()
    {
    }

    /**
     * Marks a named point: the parent's {@link ChildJvm#awaitPoint} returns once it reads it.
     *
     * @param name the point's name, without line breaks.
     */
    public static void reached(final String name)
    {
        checkSingleLine(name);
        System.out.println(POINT_PREFIX + name);
        System.out.flush();
    }

    /**
     * Reports a value to the parent, readable with {@link ChildJvm#awaitValue} or {@link ChildJvm#values}.
     *
     * @param key   the key, without '=' or line breaks.
     * @param value the value; its {@code toString()} must have no line breaks.
     */
    public static void report(final String key, final Object value)
    {
        checkSingleLine(key);
        if (key.indexOf('=') >= 0)
        {
            throw new IllegalArgumentException("key has '=': key=" + key);
        }
        final String text = String.valueOf(value);
        checkSingleLine(text);
        System.out.println(VALUE_PREFIX + key + "=" + text);
        System.out.flush();
    }

    /**
     * Marks a named point and parks the calling thread forever: for a parent that kills or stops the child there.
     *
     * @param name the point's name.
     */
    public static void parkAt(final String name)
    {
        reached(name);
        parkForever();
    }

    /**
     * Parks the calling thread forever, ignoring interrupts and spurious wake-ups.
     */
    public static void parkForever()
    {
        while (true)
        {
            LockSupport.park(ChildPoints.class);
        }
    }

    private static void checkSingleLine(final String text)
    {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)
        {
            throw new IllegalArgumentException("line break in a marker: " + text);
        }
    }
}
