package io.mp4j.launcher.parallel;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * joblib's {@code pre_dispatch}: {@code "all"}, an integer, or an expression of the number of workers such as
 * {@code "2*nJobs"} ({@code "n_jobs"} is accepted too; a factor may have a fraction, {@code "1.5*nJobs"}; the
 * product is truncated as Python's {@code int()} does, and is at least 1).
 *
 * <p>Threading: static pure functions.
 */
final class PreDispatch
{
    /** {@value}: what {@link Parallel} pre-dispatches unless told otherwise, as joblib. */
    static final String DEFAULT = "2*nJobs";
    /** Reads every call at once. */
    static final String ALL = "all";

    /** The largest amount: bounded so that a window of chunks stays countable. */
    private static final int MAX = 1 << 20;

    private static final Pattern INTEGER = Pattern.compile("\\s*(\\d+)\\s*");
    private static final Pattern FACTOR_FIRST = Pattern.compile(
        "\\s*(?:(\\d+(?:\\.\\d+)?)\\s*\\*\\s*)?(?:nJobs|n_jobs)\\s*");
    private static final Pattern JOBS_FIRST = Pattern.compile("\\s*(?:nJobs|n_jobs)\\s*\\*\\s*(\\d+(?:\\.\\d+)?)\\s*");

    private PreDispatch()
    {
    }

    /**
     * @param spec a pre-dispatch setting.
     * @return it, checked.
     * @throws IllegalArgumentException if it is none of the accepted forms or comes to no call.
     */
    static String check(final String spec)
    {
        amount(spec, 1);
        return spec.trim();
    }

    /**
     * @param spec    a pre-dispatch setting.
     * @param workers the number of workers ({@code nJobs} resolved).
     * @return the number of batches to keep dispatched ahead, or -1 for "all".
     * @throws IllegalArgumentException if {@code spec} is none of the accepted forms or comes to no call.
     */
    static int amount(final String spec, final int workers)
    {
        if (spec == null)
        {
            throw new IllegalArgumentException("preDispatch is null");
        }
        if (ALL.equals(spec.trim().toLowerCase(Locale.ROOT)))
        {
            return -1;
        }
        Matcher m = INTEGER.matcher(spec);
        if (m.matches())
        {
            final long count = m.group(1).length() > 9 ? Integer.MAX_VALUE : Long.parseLong(m.group(1));
            if (count < 1)
            {
                throw new IllegalArgumentException("preDispatch must be at least 1: preDispatch=" + spec);
            }
            return (int)Math.min(MAX, count);
        }
        final double factor;
        if ((m = FACTOR_FIRST.matcher(spec)).matches())
        {
            factor = m.group(1) == null ? 1 : Double.parseDouble(m.group(1));
        }
        else if ((m = JOBS_FIRST.matcher(spec)).matches())
        {
            factor = Double.parseDouble(m.group(1));
        }
        else
        {
            throw new IllegalArgumentException("preDispatch must be \"all\", an integer or an expression such as " +
                "\"2*nJobs\": preDispatch=" + spec);
        }
        if (!(factor > 0))
        {
            throw new IllegalArgumentException("preDispatch's factor must be positive: preDispatch=" + spec);
        }
        return (int)Math.max(1, Math.min(MAX, (long)(factor * workers)));
    }
}
