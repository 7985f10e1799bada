package io.mp4j.launcher.cli;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard output is a terminal, where {@code mp4j stat} redraws the screen rather than printing blocks.
 */
final class Terminal
{
    private Terminal()
    {
    }

    /**
     * On Linux, standard output's file descriptor links to a terminal device ({@code /dev/pts/N}, {@code /dev/ttyN});
     * elsewhere, the JDK's console says (its {@code isTerminal()} where the JDK has it, from 22 on, since from then
     * on a console exists even when redirected).
     *
     * @return true if standard output is a terminal.
     */
    static boolean isStdoutTerminal()
    {
        final Path fd = Path.of("/proc/self/fd/1");
        if (Files.exists(Path.of("/proc/self/fd")))
        {
            try
            {
                final String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
            catch (final IOException | UnsupportedOperationException ex)
            {
                return false;
            }
        }
        final java.io.Console console = System.console();
        if (console == null)
        {
            return false;
        }
        try
        {
            final Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean)isTerminal.invoke(console);
        }
        catch (final ReflectiveOperationException ex)
        {
            return true; // before JDK 22 a console exists only when both standard streams are terminals
        }
    }
}
