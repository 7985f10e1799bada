package io.mp4j.bench.suite;

/**
 * A target of design.md section 6, on a figure's value or on mp4j's speed ratio to a peer.
 *
 * @param text      the target as written in the report, e.g. {@code <= 250 ns} or {@code >= 0.7x raw Agrona}.
 * @param threshold the bound, in the value's base unit or as a ratio.
 * @param atMost    whether the value must be at most the bound (else at least).
 * @param onRatio   whether the bound applies to mp4j's speed ratio to this row's figure (else to its value).
 */
record Target(String text, double threshold, boolean atMost, boolean onRatio)
{
    /**
     * @param bound the largest value that meets it, in the base unit.
     * @param text  how the report writes it.
     * @return the target.
     */
    static Target atMost(final double bound, final String text)
    {
        return new Target(text, bound, true, false);
    }

    /**
     * @param bound the smallest value that meets it, in the base unit.
     * @param text  how the report writes it.
     * @return the target.
     */
    static Target atLeast(final double bound, final String text)
    {
        return new Target(text, bound, false, false);
    }

    /**
     * @param ratio the smallest speed ratio of mp4j to this row's figure that meets it.
     * @param text  how the report writes it.
     * @return the target.
     */
    static Target ratioAtLeast(final double ratio, final String text)
    {
        return new Target(text, ratio, false, true);
    }

    /**
     * @param value the row's value (base unit).
     * @param ratio mp4j's speed ratio to the row's figure.
     * @return whether the target is met; null when what it bounds is unknown.
     */
    Boolean met(final double value, final double ratio)
    {
        final double x = onRatio ? ratio : value;
        if (Double.isNaN(x))
        {
            return null;
        }
        return atMost ? x <= threshold : x >= threshold;
    }

    /**
     * @param value the row's value (base unit).
     * @param ratio mp4j's speed ratio to the row's figure.
     * @return the target and whether it is met, e.g. {@code <= 250 ns: met}.
     */
    String verdict(final double value, final double ratio)
    {
        final Boolean met = met(value, ratio);
        return text + ": " + (met == null ? "n/a" : met ? "met" : "missed");
    }
}
