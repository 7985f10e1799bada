package io.mp4j.launcher.pool;

/**
 * Worker counts as joblib reads {@code n_jobs}: a positive count as given; a negative one counts back from the
 * number of processors, {@code -1} meaning all of them and {@code -2} all but one.
 */
public final class Workers
{
    private Workers()
    {
    }

    /**
     * @param count a worker count: positive, or negative as in joblib.
     * @return the number of workers.
     * @throws IllegalArgumentException if {@code count} is 0 or asks for fewer than one worker.
     */
    public static int resolve(final int count)
    {
        return resolve(count, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param count      a worker count: positive, or negative as in joblib.
     * @param processors the number of processors.
     * @return the number of workers.
     * @throws IllegalArgumentException if {@code count} is 0 or asks for fewer than one worker.
     */
    public static int resolve(final int count, final int processors)
    {
        if (count > 0)
        {
            return count;
        }
        final int workers = processors + 1 + count;
        if (count == 0 || workers < 1)
        {
            throw new IllegalArgumentException("worker count must be positive, or negative as in joblib (-1: all " +
                processors + " processors, -2: all but one): workers=" + count);
        }
        return workers;
    }
}
