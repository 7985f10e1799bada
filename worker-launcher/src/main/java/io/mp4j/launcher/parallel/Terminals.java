package io.mp4j.launcher.parallel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this JVM's standard error is a terminal. JDK 17 has no API for it ({@code System.console()} looks at
 * standard input and output), so it reads where {@code /proc/self/fd/2} points: a pseudo-terminal
 * ({@code /dev/pts/N}), a virtual or serial terminal ({@code /dev/ttyX}) or the console is a terminal; a pipe, a
 * file or {@code /dev/null} is not, and neither is anything on a system without {@code /proc}.
 *
 * <p>Threading: static methods, any thread.
 */
final class Terminals
{
    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private Terminals()
    {
    }

    /**
     * @return whether file descriptor 2 is a terminal.
     */
    static boolean stderrIsTerminal()
    {
        return isTerminal(STDERR);
    }

    /**
     * @param descriptor a {@code /proc/<pid>/fd/<n>} link.
     * @return whether it points at a terminal device.
     */
    static boolean isTerminal(final Path descriptor)
    {
        try
        {
            return isTerminalDevice(Files.readSymbolicLink(descriptor).toString());
        }
        catch (final IOException | UnsupportedOperationException | SecurityException ex)
        {
            return false;
        }
    }

    /**
     * @param device where a descriptor points.
     * @return whether that is a terminal device.
     */
    static boolean isTerminalDevice(final String device)
    {
        return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
    }
}
