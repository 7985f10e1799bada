package io.mp4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes results in the Python peers' format ({@code shared/peers/python/_common.py}): one JSON object per line
 * with {@code bench, metric, value, unit, params, id, info, runs, min, max, java}, where {@code value} is the median
 * of {@code runs} and {@code id = bench + "[" + sorted k=v params + "]." + metric}, so that
 * {@code summarize.py} joins Java and Python lines and lines of several runs on {@code id}. A human-readable line
 * goes to the second stream.
 *
 * <p>Not thread-safe.
 */
public final class ResultLines
{
    private final PrintStream json;
    private final PrintStream human;

    /**
     * @param json  where the JSON lines go (normally stdout).
     * @param human where the human-readable lines go (normally stderr).
     */
    public ResultLines(final PrintStream json, final PrintStream human)
    {
        this.json = json;
        this.human = human;
    }

    /**
     * Builds ordered parameters.
     *
     * @param keysAndValues key, value, key, value...
     * @return the parameters in the order given.
     */
    public static Map<String, Object> params(final Object... keysAndValues)
    {
        if (keysAndValues.length % 2 != 0)
        {
            throw new IllegalArgumentException("odd number of keys and values: " + Arrays.toString(keysAndValues));
        }
        final Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            params.put((String)keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    /**
     * @param bench  the benchmark's name.
     * @param metric what was measured.
     * @param params the parameters that identify the figure.
     * @return the id {@code summarize.py} joins on, built as {@code _common.py} builds it.
     */
    public static String id(final String bench, final String metric, final Map<String, Object> params)
    {
        if (params.isEmpty())
        {
            return bench + "." + metric;
        }
        final StringBuilder sb = new StringBuilder(bench).append('[');
        String sep = "";
        for (final Map.Entry<String, Object> e : new TreeMap<>(params).entrySet())
        {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ",";
        }
        return sb.append("].").append(metric).toString();
    }

    /**
     * Emits one figure: its value is the median of the runs.
     *
     * @param bench  the benchmark's name.
     * @param metric what was measured.
     * @param unit   its unit.
     * @param runs   one value per run, at least one.
     * @param params the parameters that identify the figure (they go into the id).
     * @param info   sampling details that do not change what is measured; may be empty.
     * @return the median.
     */
    public double emit(final String bench, final String metric, final String unit, final double[] runs,
        final Map<String, Object> params, final Map<String, Object> info)
    {
        final double median = median(runs);
        final double min = Arrays.stream(runs).min().orElseThrow();
        final double max = Arrays.stream(runs).max().orElseThrow();
        final Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("bench", bench);
        rec.put("metric", metric);
        rec.put("value", median);
        rec.put("unit", unit);
        if (!params.isEmpty())
        {
            rec.put("params", params);
        }
        rec.put("id", id(bench, metric, params));
        if (!info.isEmpty())
        {
            rec.put("info", info);
        }
        final List<Object> runList = new ArrayList<>();
        for (final double r : runs)
        {
            runList.add(r);
        }
        rec.put("runs", runList);
        rec.put("min", min);
        rec.put("max", max);
        rec.put("java", Runtime.version().toString());
        rec.put("impl", System.getProperty("java.vm.name"));
        json.println(toJson(rec));
        json.flush();

        final StringBuilder ps = new StringBuilder();
        params.forEach((k, v) -> ps.append(k).append('=').append(v).append(' '));
        info.forEach((k, v) -> ps.append(k).append('=').append(v).append(' '));
        final String spread = runs.length > 1 ?
            String.format(Locale.ROOT, "  (min %s, max %s, %d runs)", fmt(min), fmt(max), runs.length) : "";
        human.printf(Locale.ROOT, "  %-28s %-56s %-16s %14s %s%s%n", bench, ps.toString().trim(), metric,
            fmt(median), unit, spread);
        human.flush();
        return median;
    }

    /**
     * @param values at least one value.
     * @return their median (the mean of the middle two for an even count, as Python's statistics.median).
     */
    public static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static String fmt(final double v)
    {
        if (v == Math.rint(v) && Math.abs(v) < 1e15)
        {
            return String.format(Locale.ROOT, "%,d", (long)v);
        }
        if (Math.abs(v) >= 100)
        {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * @param value a string, number, boolean, null, or a map or list of those (nested).
     * @return it as one line of JSON, maps in their iteration order; NaN and infinities as {@code null}.
     */
    public static String toJson(final Object value)
    {
        final StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    private static void append(final StringBuilder sb, final Object value)
    {
        if (value == null)
        {
            sb.append("null");
        }
        else if (value instanceof String s)
        {
            quote(sb, s);
        }
        else if (value instanceof Double d)
        {
            if (d.isNaN() || d.isInfinite())
            {
                sb.append("null");
            }
            else if (d == Math.rint(d) && Math.abs(d) < 1e15)
            {
                sb.append((long)d.doubleValue()); // integral: written as an integer, as Python writes ints
            }
            else
            {
                sb.append(d);
            }
        }
        else if (value instanceof Number || value instanceof Boolean)
        {
            sb.append(value);
        }
        else if (value instanceof Map<?, ?> map)
        {
            sb.append('{');
            String sep = "";
            for (final Map.Entry<?, ?> e : map.entrySet())
            {
                sb.append(sep);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                append(sb, e.getValue());
                sep = ", ";
            }
            sb.append('}');
        }
        else if (value instanceof List<?> list)
        {
            sb.append('[');
            String sep = "";
            for (final Object o : list)
            {
                sb.append(sep);
                append(sb, o);
                sep = ", ";
            }
            sb.append(']');
        }
        else
        {
            quote(sb, value.toString());
        }
    }

    private static void quote(final StringBuilder sb, final String s)
    {
        sb.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
