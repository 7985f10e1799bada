package io.mp4j.bench.suite;

/**
 * How big a run is: the quick or the full mode, and a scale applied to every count and duration of that mode (1 for
 * a real run; below 1 for a smoke test of the command itself, whose figures mean nothing).
 *
 * @param full  the full mode rather than the quick one.
 * @param scale the factor, in (0, 1].
 */
record Sizing(boolean full, double scale)
{
    /** The smallest scale accepted. */
    static final double MIN_SCALE = 0.001;

    /**
     * @throws IllegalArgumentException if the scale is outside [{@value #MIN_SCALE}, 1].
     */
    Sizing
    {
        if (!(scale >= MIN_SCALE && scale <= 1))
        {
            throw new IllegalArgumentException("--scale must be in [" + MIN_SCALE + ", 1]: " + scale);
        }
    }

    /**
     * @param quick the count in the quick mode.
     * @param full  the count in the full mode.
     * @param min   the smallest count, whatever the scale.
     * @return the count of this mode, scaled.
     */
    long count(final long quick, final long full, final long min)
    {
        return Math.max(min, Math.round((this.full ? full : quick) * scale));
    }

    /**
     * @param quick the count in the quick mode.
     * @param full  the count in the full mode.
     * @param min   the smallest count, whatever the scale.
     * @return the count of this mode, scaled, as an int.
     */
    int intCount(final int quick, final int full, final int min)
    {
        return Math.toIntExact(count(quick, full, min));
    }

    /**
     * @param quick a value in the quick mode.
     * @param full  the value in the full mode.
     * @param <T>   its type.
     * @return the value of this mode (not scaled).
     */
    <T> T pick(final T quick, final T full)
    {
        return this.full ? full : quick;
    }

    /**
     * @return the mode's name, {@code quick} or {@code full}.
     */
    String modeName()
    {
        return full ? "full" : "quick";
    }
}
