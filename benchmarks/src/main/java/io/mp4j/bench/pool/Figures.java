package io.mp4j.bench.pool;

import io.mp4j.bench.ResultLines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs of each figure, gathered while the runs of several implementations are interleaved, then written in the
 * order the figures were first seen through {@link ResultLines} (value = median of the runs).
 *
 * <p>Not thread-safe.
 */
final class Figures
{
    private final Map<String, Figure> figures = new LinkedHashMap<>();

    private static final class Figure
    {
        final String bench;
        final String metric;
        final String unit;
        final Map<String, Object> params;
        final Map<String, Object> info = new LinkedHashMap<>();
        final List<Double> runs = new ArrayList<>();

        Figure(final String bench, final String metric, final String unit, final Map<String, Object> params)
        {
            this.bench = bench;
            this.metric = metric;
            this.unit = unit;
            this.params = params;
        }
    }

    /**
     * Adds one run's value.
     *
     * @return the value.
     */
    double add(final String bench, final String metric, final String unit, final Map<String, Object> params,
        final double value)
    {
        figure(bench, metric, unit, params).runs.add(value);
        return value;
    }

    /**
     * Sets a sampling detail of a figure (it does not go into the id).
     */
    void info(final String bench, final String metric, final String unit, final Map<String, Object> params,
        final String key, final Object value)
    {
        figure(bench, metric, unit, params).info.put(key, value);
    }

    /**
     * @return the runs of a figure so far, or an empty list.
     */
    List<Double> runs(final String bench, final String metric, final Map<String, Object> params)
    {
        final Figure f = figures.get(ResultLines.id(bench, metric, params));
        return f == null ? List.of() : f.runs;
    }

    /**
     * Writes every figure that has at least one run, and forgets them all.
     */
    void emit(final ResultLines out)
    {
        for (final Figure f : figures.values())
        {
            if (f.runs.isEmpty())
            {
                continue;
            }
            final double[] runs = f.runs.stream().mapToDouble(Double::doubleValue).toArray();
            out.emit(f.bench, f.metric, f.unit, runs, f.params, f.info);
        }
        figures.clear();
    }

    private Figure figure(final String bench, final String metric, final String unit, final Map<String, Object> params)
    {
        return figures.computeIfAbsent(ResultLines.id(bench, metric, params),
            k -> new Figure(bench, metric, unit, new LinkedHashMap<>(params)));
    }
}
