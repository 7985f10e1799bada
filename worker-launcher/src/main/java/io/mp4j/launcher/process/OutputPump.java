package io.mp4j.launcher.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Copies one output stream of a worker JVM line by line: to a stream of this JVM with a prefix, or into memory,
 * and always into a short tail that failure messages quote (the last lines a dying worker printed).
 *
 * <p>Threading: one daemon thread reads; the accessors may be called from any thread.
 */
final class OutputPump implements Runnable
{
    /** Lines kept for failure messages. */
    static final int TAIL_LINES = 20;

    private final InputStream in;
    private final PrintStream target;
    private final String prefix;
    private final StringBuilder captured;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final Thread thread;

    OutputPump(final InputStream in, final PrintStream target, final String prefix, final boolean capture,
        final String threadName)
    {
        this.in = in;
        this.target = target;
        this.prefix = prefix;
        this.captured = capture ? new StringBuilder() : null;
        this.thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run()
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (target != null)
                {
                    target.println(prefix + line);
                }
                synchronized (this)
                {
                    if (captured != null)
                    {
                        captured.append(line).append('\n');
                    }
                    if (tail.size() == TAIL_LINES)
                    {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
            }
        }
        catch (final IOException ex)
        {
            // the worker is gone; what was read is kept
        }
    }

    /**
     * Waits (briefly) until the stream is read to its end, so the tail holds a dead worker's last words.
     */
    void drain()
    {
        try
        {
            thread.join(1000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    synchronized String captured()
    {
        return captured == null ? "" : captured.toString();
    }

    synchronized String tail()
    {
        return String.join("\n", tail);
    }
}
