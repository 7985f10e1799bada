package io.mp4j.launcher.inspect;

import java.util.Locale;

/**
 * How the commands print sizes, durations and rates.
 *
 * <p>Threading: static methods, any thread.
 */
public final class Formats
{
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Formats()
    {
    }

    /**
     * @param bytes a size, or a negative number for unknown.
     * @return e.g. {@code 512 B}, {@code 1.5 MiB}, or {@code ?}.
     */
    public static String bytes(final long bytes)
    {
        if (bytes < 0)
        {
            return "?";
        }
        if (bytes < 1024)
        {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }

    /**
     * @param ns a duration in nanoseconds, or a negative number for none.
     * @return e.g. {@code 850 us}, {@code 12 ms}, {@code 3.4 s}, {@code 2m05s}, or {@code -}.
     */
    public static String duration(final long ns)
    {
        if (ns < 0)
        {
            return "-";
        }
        if (ns < 1_000_000)
        {
            return (ns / 1_000) + " us";
        }
        if (ns < 1_000_000_000)
        {
            return (ns / 1_000_000) + " ms";
        }
        final long seconds = ns / 1_000_000_000;
        if (seconds < 60)
        {
            return String.format(Locale.ROOT, "%.1f s", ns / 1e9);
        }
        return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    /**
     * @param perSecond a rate, or NaN for unknown (a first reading).
     * @return e.g. {@code 1234.5}, or {@code -}.
     */
    public static String rate(final double perSecond)
    {
        if (Double.isNaN(perSecond))
        {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(perSecond) >= 100 ? "%.0f" : "%.1f", perSecond);
    }

    /**
     * @param pid   a pid, 0 or less for none.
     * @param alive whether it was alive.
     * @return e.g. {@code 4242 alive}, {@code 4242 dead}, or {@code -}.
     */
    public static String process(final long pid, final boolean alive)
    {
        return pid <= 0 ? "-" : pid + (alive ? " alive" : " dead");
    }
}
