package io.mp4j.bench.suite;

import java.util.Locale;

/**
 * What a compared figure measures, which decides how it is written and which way is better. Values are held in a
 * base unit: nanoseconds for {@link #TIME}, per second for {@link #RATE}, MB (1e6 bytes) per second for
 * {@link #BANDWIDTH}, a plain number for {@link #FACTOR} and {@link #COUNT}.
 */
enum Quantity
{
    /** A duration in nanoseconds; lower is better. */
    TIME,
    /** Events per second; higher is better. */
    RATE,
    /** MB (1e6 bytes) per second; higher is better. */
    BANDWIDTH,
    /** A dimensionless factor such as a speed-up; higher is better. */
    FACTOR,
    /** A count such as lost updates; no ratio is drawn. */
    COUNT;

    /**
     * @param value a value in the base unit.
     * @param unit  the event name of a {@link #RATE}, e.g. {@code msg}; ignored otherwise.
     * @return the value written for a reader, e.g. {@code 190 ns}, {@code 39.3 us}, {@code 16.2 M msg/s},
     * {@code 9.6 GB/s}.
     */
    String format(final double value, final String unit)
    {
        if (Double.isNaN(value))
        {
            return "n/a";
        }
        return switch (this)
        {
            case TIME -> time(value);
            case RATE -> scaled(value, new String[] {"", " k", " M", " G"}) + " " + unit + "/s";
            case BANDWIDTH -> value >= 1000 ? digits(value / 1000) + " GB/s" : digits(value) + " MB/s";
            case FACTOR -> digits(value) + "x";
            case COUNT -> String.format(Locale.ROOT, "%,d", Math.round(value));
        };
    }

    /**
     * @param mp4j the value of mp4j's figure.
     * @param peer a peer's value.
     * @return how many times faster mp4j is than the peer (above 1: mp4j is faster), or NaN for a {@link #COUNT}.
     */
    double speedRatio(final double mp4j, final double peer)
    {
        return switch (this)
        {
            case TIME -> peer / mp4j;
            case RATE, BANDWIDTH, FACTOR -> mp4j / peer;
            case COUNT -> Double.NaN;
        };
    }

    /**
     * @param ratio a ratio.
     * @return it written as {@code < 0.001x}, {@code 0.0031x}, {@code 0.90x}, {@code 1.25x}, {@code 12.3x},
     * {@code 207x}.
     */
    static String ratio(final double ratio)
    {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio))
        {
            return "";
        }
        if (ratio > 0 && ratio < 0.001)
        {
            return "< 0.001x";
        }
        return (ratio > 0 && ratio < 1 ? String.format(Locale.ROOT, "%.2g", ratio) : digits(ratio)) + "x";
    }

    /**
     * @param value a positive number.
     * @return three significant digits at most, no more than two decimals, with thousands separators.
     */
    static String digits(final double value)
    {
        final double a = Math.abs(value);
        if (a >= 100)
        {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (a >= 10)
        {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String time(final double ns)
    {
        final double a = Math.abs(ns);
        if (a < 1e3)
        {
            return digits(ns) + " ns";
        }
        if (a < 1e6)
        {
            return digits(ns / 1e3) + " us";
        }
        if (a < 1e9)
        {
            return digits(ns / 1e6) + " ms";
        }
        return digits(ns / 1e9) + " s";
    }

    private static String scaled(final double value, final String[] prefixes)
    {
        int i = 0;
        double v = value;
        while (Math.abs(v) >= 1000 && i < prefixes.length - 1)
        {
            v /= 1000;
            i++;
        }
        return digits(v) + prefixes[i];
    }
}
