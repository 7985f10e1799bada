package io.mp4j.cluster.ignite;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Result lines in the format of the benchmarks module's {@code ResultLines} (one JSON object per line: {@code bench,
 * metric, value, unit, params, id, info, runs, min, max, java, impl}, {@code value} the median of {@code runs},
 * {@code id = bench[sorted k=v params].metric}), so that its tools read these figures beside the others. This
 * module cannot depend on benchmarks, which comes after it.
 *
 * <p>Not thread-safe.
 */
final class BenchLines
{
    private final PrintStream json;

    BenchLines(final PrintStream json)
    {
        this.json = json;
    }

    static Map<String, Object> params(final Object... keysAndValues)
    {
        final Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            params.put((String)keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    static String id(final String bench, final String metric, final Map<String, Object> params)
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

    void emit(final String bench, final String metric, final String unit, final double[] runs,
        final Map<String, Object> params, final Map<String, Object> info)
    {
        final double[] sorted = runs.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        final double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        final Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("bench", bench);
        rec.put("metric", metric);
        rec.put("value", median);
        rec.put("unit", unit);
        rec.put("params", params);
        rec.put("id", id(bench, metric, params));
        rec.put("info", info);
        final List<Object> runList = new ArrayList<>();
        for (final double r : runs)
        {
            runList.add(r);
        }
        rec.put("runs", runList);
        rec.put("min", sorted[0]);
        rec.put("max", sorted[n - 1]);
        rec.put("java", Runtime.version().toString());
        rec.put("impl", System.getProperty("java.vm.name"));
        final StringBuilder sb = new StringBuilder();
        append(sb, rec);
        json.println(sb);
        json.flush();
    }

    private static void append(final StringBuilder sb, final Object value)
    {
        if (value instanceof String s)
        {
            sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        else if (value instanceof Double d)
        {
            sb.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long)d.doubleValue()) :
                String.format(Locale.ROOT, "%.6g", d));
        }
        else if (value instanceof Map<?, ?> map)
        {
            sb.append('{');
            String sep = "";
            for (final Map.Entry<?, ?> e : map.entrySet())
            {
                sb.append(sep);
                append(sb, String.valueOf(e.getKey()));
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
        else if (value instanceof Number || value instanceof Boolean)
        {
            sb.append(value);
        }
        else
        {
            append(sb, String.valueOf(value));
        }
    }
}
