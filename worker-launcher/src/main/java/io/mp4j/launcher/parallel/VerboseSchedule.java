package io.mp4j.launcher.parallel;

/**
 * Which task completions a verbose {@link Parallel} reports: joblib 1.2's rule ({@code Parallel.print_progress} and
 * {@code _verbosity_filter} in {@code joblib/parallel.py}), as pure functions.
 *
 * <ul>
 *   <li>While the input has not ended (the number of calls is unknown), completion {@code done} is reported as
 *       {@code Done %3d tasks} when {@link #reportsWhileReading} holds: a lag growing as the square of the index,
 *       scaled by {@code 0.5 x (11 - verbose)^2}; every completion above verbose 10. joblib applies this filter to
 *       the number of batches dispatched; mp4j to the number of tasks ended, which is what joblib's comes to with
 *       batches of one and nothing pre-dispatched, and keeps the schedule a function of completions alone.</li>
 *   <li>Once the number of calls {@code total} is known, completion {@code done} is reported as
 *       {@code Done %3d out of %3d} when {@link #reportsOnceRead} holds: every {@code total / verbose + 1}-th,
 *       counted back from the end and shifted by the pre-dispatch amount, never the last but one.</li>
 * </ul>
 *
 * <p>Threading: static pure functions.
 */
final class VerboseSchedule
{
    private VerboseSchedule()
    {
    }

    /**
     * joblib's {@code not _verbosity_filter(index, verbose)}.
     *
     * @param index   completions so far (joblib: batches dispatched).
     * @param verbose the verbosity.
     * @return whether to report.
     */
    static boolean reportsWhileReading(final long index, final int verbose)
    {
        if (verbose <= 0)
        {
            return false;
        }
        if (verbose > 10 || index == 0)
        {
            return true;
        }
        final double scale = 0.5 * (11 - verbose) * (11 - verbose);
        return (long)Math.sqrt((index + 1) / scale) != (long)Math.sqrt(index / scale);
    }

    /**
     * joblib's test in {@code print_progress} once its input iterator is exhausted.
     *
     * @param done        tasks ended so far.
     * @param total       the number of calls.
     * @param verbose     the verbosity.
     * @param preDispatch the pre-dispatch amount (0 for "all" and sequential runs).
     * @return whether to report.
     */
    static boolean reportsOnceRead(final long done, final long total, final int verbose, final long preDispatch)
    {
        if (verbose <= 0)
        {
            return false;
        }
        if (done == 0)
        {
            return true;
        }
        final long cursor = total - done + 1 - preDispatch;
        final long frequency = total / verbose + 1;
        final boolean lastItem = done + 1 == total;
        return !lastItem && Math.floorMod(cursor, frequency) == 0;
    }
}
