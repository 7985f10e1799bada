package io.mp4j.bench.suite;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipe's latency chart: the 8-byte round trip of each implementation at p50, p90, p99, p99.9 and p99.99, one
 * line per implementation, the percentiles evenly spaced along x (each a further nine) and the round trip on a
 * logarithmic y axis spanning whole decades. mp4j's line is drawn thicker; an implementation without a percentile
 * (Python and the C floor report p50, p99 and p99.9) has no point there.
 *
 * <p>Threading: static methods, any thread.
 */
final class LatencyChart
{
    private LatencyChart()
    {
    }

    /**
     * @param series the implementations' percentiles, mp4j's first.
     * @param title  the chart's title.
     * @param file   where the PNG goes.
     * @return the file.
     */
    static Path draw(final List<LatencySeries> series, final String title, final Path file)
    {
        final XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT).title(title)
            .xAxisTitle("percentile of the round trips").yAxisTitle("round trip (ns, log scale)").build();
        ChartStyle.apply(chart.getStyler());
        final List<String> percentiles = ReportTables.PERCENTILES;
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setXAxisTickMarkSpacingHint(60);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x ->
        {
            final long i = Math.round(x);
            return Math.abs(x - i) < 1e-6 && i >= 0 && i < percentiles.size() ? percentiles.get((int)i) : "";
        });
        double smallest = Double.MAX_VALUE;
        double largest = 0;
        for (final LatencySeries s : series)
        {
            final List<Double> x = new ArrayList<>();
            final List<Double> y = new ArrayList<>();
            for (int i = 0; i < percentiles.size(); i++)
            {
                final double ns = s.percentileNs(percentiles.get(i));
                if (!Double.isNaN(ns) && ns > 0)
                {
                    x.add((double)i);
                    y.add(ns);
                }
            }
            if (x.isEmpty())
            {
                continue;
            }
            for (final double v : y)
            {
                smallest = Math.min(smallest, v);
                largest = Math.max(largest, v);
            }
            final XYSeries line = chart.addSeries(s.label(), x, y);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineStyle(new BasicStroke(s.mp4j() ? 4f : 2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        if (largest > 0)
        {
            ChartStyle.logarithmicY(chart.getStyler(), smallest, largest);
        }
        return ChartStyle.save(chart, file);
    }
}
