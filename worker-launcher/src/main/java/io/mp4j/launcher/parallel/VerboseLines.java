package io.mp4j.launcher.parallel;

import io.mp4j.launcher.pool.Pools;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The lines a verbose {@link Parallel} prints, in joblib 1.2's format: a prefix {@code [Parallel(nJobs=4)]: } then
 * the message, with times as joblib's {@code short_format_time} writes them.
 *
 * <pre>
 * [Parallel(nJobs=4)]: Using backend processes with 4 worker JVMs.
 * [Parallel(nJobs=4)]: Done  17 tasks      | elapsed:    0.2s
 * [Parallel(nJobs=4)]: Done  30 out of 100 | elapsed:    0.4s remaining:    0.9s
 * [Parallel(nJobs=4)]: Done 100 out of 100 | elapsed:    1.3s finished
 * </pre>
 *
 * <p>Threading: static pure functions.
 */
final class VerboseLines
{
    private static final double SECONDS_PER_MINUTE = 60;

    private VerboseLines()
    {
    }

    /**
     * @param parallel the settings, whose {@code toString()} names the prefix.
     * @return {@code [Parallel(nJobs=N)]: }.
     */
    static String prefix(final Parallel parallel)
    {
        return "[" + parallel + "]: ";
    }

    static String usingBackend(final String prefix, final Backend backend, final int workers)
    {
        return prefix + switch (backend)
        {
            case PROCESSES -> "Using backend processes with " + workers + " worker JVM" + (workers == 1 ? "" : "s") +
                ".";
            case THREADS -> "Using backend threads with " + workers + " thread" + (workers == 1 ? "" : "s") + ".";
            case SEQUENTIAL -> "Using backend sequential in the calling thread.";
            case CONFIGURED -> "Using backend configured (" + Pools.configuredBackend() + ") with " + workers +
                " worker" + (workers == 1 ? "" : "s") + ".";
        };
    }

    static String doneTasks(final String prefix, final long done, final double elapsedSeconds)
    {
        return prefix + String.format(Locale.ROOT, "Done %3d tasks      | elapsed: %s", done,
            shortFormatTime(elapsedSeconds));
    }

    static String doneOutOf(final String prefix, final long done, final long total, final double elapsedSeconds)
    {
        final double remaining = done == 0 ? 0 : elapsedSeconds / done * (total - done);
        return prefix + String.format(Locale.ROOT, "Done %3d out of %3d | elapsed: %s remaining: %s", done, total,
            shortFormatTime(elapsedSeconds), shortFormatTime(remaining));
    }

    static String finished(final String prefix, final long done, final double elapsedSeconds)
    {
        return prefix + String.format(Locale.ROOT, "Done %3d out of %3d | elapsed: %s finished", done, done,
            shortFormatTime(elapsedSeconds));
    }

    /**
     * joblib's {@code short_format_time}: {@code " %5.1fs"} up to a minute, {@code "%4.1fmin"} above, rounding half
     * to even on the exact binary value as Python's {@code %} does.
     *
     * @param seconds a duration in seconds.
     * @return it, formatted.
     */
    static String shortFormatTime(final double seconds)
    {
        if (seconds > SECONDS_PER_MINUTE)
        {
            return String.format(Locale.ROOT, "%4smin", oneDecimal(seconds / SECONDS_PER_MINUTE));
        }
        return String.format(Locale.ROOT, " %5ss", oneDecimal(seconds));
    }

    private static String oneDecimal(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return Double.toString(value);
        }
        return new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }
}
