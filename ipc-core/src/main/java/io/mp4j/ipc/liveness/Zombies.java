package io.mp4j.ipc.liveness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's state from {@code /proc/<pid>/stat}: the JDK reports a zombie (a process that has exited but
 * not been reaped by its parent) as alive, yet it holds nothing and will never run again.
 */
final class Zombies
{
    private Zombies()
    {
    }

    static boolean isZombie(final long pid)
    {
        final Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try
        {
            final String text = Files.readString(stat);
            // Format: "pid (comm) S ...": comm may hold spaces and parentheses, so the state follows the last ')'.
            final int close = text.lastIndexOf(')');
            return close > 0 && close + 2 < text.length() && text.charAt(close + 2) == 'Z';
        }
        catch (final IOException | RuntimeException ex)
        {
            return false;
        }
    }
}
