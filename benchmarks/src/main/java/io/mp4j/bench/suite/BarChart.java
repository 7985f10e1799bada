package io.mp4j.bench.suite;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Grouped bars on a logarithmic y axis (the implementations compared differ by orders of magnitude): one group per
 * measure, one bar per implementation, mp4j's first in blue. A bar the run has no figure for is left empty, a group
 * without any bar is left out, and so is an implementation with no figure at all.
 *
 * @param title      the chart's title.
 * @param yTitle     the y axis's title.
 * @param categories the groups' names, along x.
 * @param series     per implementation, its value in each group (NaN: none).
 */
record BarChart(String title, String yTitle, List<String> categories, Map<String, double[]> series)
{
    /**
     * Keeps only the groups that have at least one bar.
     */
    BarChart
    {
        final List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++)
        {
            final int at = i;
            if (series.values().stream().anyMatch(v -> drawable(v[at])))
            {
                kept.add(i);
            }
        }
        final Map<String, double[]> keptSeries = new LinkedHashMap<>();
        series.forEach((name, values) -> keptSeries.put(name, kept.stream().mapToDouble(i -> values[i]).toArray()));
        categories = kept.stream().map(categories::get).toList();
        series = keptSeries;
    }

    /**
     * @return whether any bar has a value.
     */
    boolean hasData()
    {
        return series.values().stream().anyMatch(v -> Arrays.stream(v).anyMatch(BarChart::drawable));
    }

    /**
     * @param file where the PNG goes.
     * @return the file.
     */
    Path draw(final Path file)
    {
        final CategoryChart chart = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
            .title(title).yAxisTitle(yTitle).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double smallest = Double.MAX_VALUE;
        double largest = 0;
        for (final Map.Entry<String, double[]> e : series.entrySet())
        {
            final List<Double> y = new ArrayList<>();
            for (final double v : e.getValue())
            {
                y.add(drawable(v) ? v : null);
                if (drawable(v))
                {
                    smallest = Math.min(smallest, v);
                    largest = Math.max(largest, v);
                }
            }
            if (y.stream().anyMatch(Objects::nonNull))
            {
                chart.addSeries(e.getKey(), categories, y);
            }
        }
        ChartStyle.logarithmicY(chart.getStyler(), smallest, largest);
        return ChartStyle.save(chart, file);
    }

    private static boolean drawable(final double v)
    {
        return !Double.isNaN(v) && v > 0 && !Double.isInfinite(v);
    }
}
