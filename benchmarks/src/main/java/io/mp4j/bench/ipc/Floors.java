package io.mp4j.bench.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the C programs of {@code shared/peers/limits} (compiled by the caller) and reads the figures from the JSON
 * object they print.
 *
 * <p>Threading: any thread.
 */
final class Floors
{
    private Floors()
    {
    }

    /**
     * @param command the program and its arguments.
     * @param keys    the numeric fields wanted.
     * @return their values, in the order of the keys.
     * @throws InterruptedException if interrupted while waiting for the program.
     */
    static double[] run(final String[] command, final String... keys) throws InterruptedException
    {
        final String output;
        try
        {
            final Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try
            {
                output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0)
                {
                    throw new IllegalStateException(String.join(" ", command) + " exited with code " + p.exitValue());
                }
            }
            finally
            {
                p.destroyForcibly();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), ex);
        }
        final double[] values = new double[keys.length];
        for (int i = 0; i < keys.length; i++)
        {
            final Matcher m = Pattern.compile("\"" + Pattern.quote(keys[i]) + "\":([0-9.eE+-]+)").matcher(output);
            if (!m.find())
            {
                throw new IllegalStateException("no " + keys[i] + " in the output of " + command[0] + ": " + output);
            }
            values[i] = Double.parseDouble(m.group(1));
        }
        return values;
    }
}
