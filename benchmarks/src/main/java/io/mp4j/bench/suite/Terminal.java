package io.mp4j.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this JVM's standard error is a terminal. JDK 17 has no API for it ({@code System.console()} looks at
 * standard input and output), so it reads where {@code /proc/self/fd/2} points: a pseudo-terminal, a virtual or
 * serial terminal or the console is one; a pipe, a file, {@code /dev/null}, or anything on a system without
 * {@code /proc} is not.
 *
 * <p>Threading: static methods, any thread.
 */
final class Terminal
{
    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private Terminal()
    {
    }

    /**
     * @return whether file descriptor 2 is a terminal.
     */
    static boolean stderrIsTerminal()
    {
        try
        {
            final String device = Files.readSymbolicLink(STDERR).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
        }
        catch (final IOException | UnsupportedOperationException | SecurityException ex)
        {
            return false;
        }
    }
}
