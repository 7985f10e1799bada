package io.mp4j.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One figure of a results file: a JSON line in the Python peers' format ({@code io.mp4j.bench.ResultLines}), whose
 * {@code value} is the median of its {@code runs}.
 *
 * @param id     {@code bench[sorted k=v params].metric}, the key on which runs and peers are joined.
 * @param bench  the benchmark's name, e.g. {@code ipc.pingpong} or {@code mp.Pipe.pingpong}.
 * @param metric what was measured, e.g. {@code rtt_p50_ns}.
 * @param value  the median over the runs.
 * @param unit   the unit as written, e.g. {@code ns}, {@code us}, {@code msg/s}.
 * @param params the identifying parameters, values as text ({@code 8}, not {@code 8.0}).
 * @param runs   the value of every run, possibly empty.
 */
record Figure(String id, String bench, String metric, double value, String unit, Map<String, String> params,
    List<Double> runs)
{
    /**
     * @param line a parsed JSON line with at least {@code id}, {@code bench}, {@code metric} and a numeric
     *             {@code value}.
     * @return the figure, or null if the line is not one (a meta line, or one whose value is not a number).
     */
    static Figure of(final Map<String, Object> line)
    {
        if (!(line.get("id") instanceof String id) || !(line.get("bench") instanceof String bench) ||
            !(line.get("metric") instanceof String metric) || !(line.get("value") instanceof Double value) ||
            "meta".equals(bench))
        {
            return null;
        }
        final Map<String, String> params = new LinkedHashMap<>();
        if (line.get("params") instanceof Map<?, ?> map)
        {
            map.forEach((k, v) -> params.put(String.valueOf(k), text(v)));
        }
        final List<Double> runs = new ArrayList<>();
        if (line.get("runs") instanceof List<?> list)
        {
            for (final Object run : list)
            {
                if (run instanceof Double d)
                {
                    runs.add(d);
                }
            }
        }
        final String unit = line.get("unit") instanceof String u ? u : "";
        return new Figure(id, bench, metric, value, unit, Map.copyOf(params), List.copyOf(runs));
    }

    /**
     * @param key a parameter name.
     * @return its value as a number, or NaN if absent or not a number.
     */
    double numericParam(final String key)
    {
        final String v = params.get(key);
        if (v == null)
        {
            return Double.NaN;
        }
        try
        {
            return Double.parseDouble(v);
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    private static String text(final Object value)
    {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15)
        {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
