package io.mp4j.bench.suite;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The speed-up chart: mp4j's measured speed-up against the number of workers, the same tasks on threads of one JVM,
 * the ideal line {@code S = n}, and Amdahl's law fitted to mp4j's points ({@link AmdahlFit}) with p in the legend.
 *
 * <p>Threading: static methods, any thread.
 */
final class SpeedupChart
{
    private static final int CURVE_POINTS = 50;

    private SpeedupChart()
    {
    }

    /**
     * @param mp4j    mp4j's speed-ups.
     * @param threads the threads' speed-ups (maybe none).
     * @param title   the chart's title.
     * @param file    where the PNG goes.
     * @return the file.
     */
    static Path draw(final SpeedupSeries mp4j, final SpeedupSeries threads, final String title, final Path file)
    {
        final XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT).title(title)
            .xAxisTitle("workers (n)").yAxisTitle("speed-up S(n) over one thread").build();
        ChartStyle.apply(chart.getStyler());
        final double most = mp4j.workers()[mp4j.workers().length - 1];
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(Math.ceil(Math.max(most, max(mp4j.speedups())) * 1.1 * 2) / 2);
        chart.getStyler().setMarkerSize(11);
        chart.getStyler().setXAxisTickMarkSpacingHint(40);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> Math.abs(x - Math.rint(x)) < 1e-6 ?
            Long.toString(Math.round(x)) : "");

        final XYSeries measured = chart.addSeries("mp4j ProcessPool, measured", mp4j.workers(), mp4j.speedups());
        measured.setMarker(SeriesMarkers.CIRCLE);
        measured.setLineStyle(new BasicStroke(3.5f));
        if (threads.workers().length > 0)
        {
            final XYSeries t = chart.addSeries("threads of one JVM, measured", threads.workers(), threads.speedups());
            t.setMarker(SeriesMarkers.DIAMOND);
            t.setLineStyle(new BasicStroke(2f));
        }
        final XYSeries ideal = chart.addSeries("ideal, S(n) = n", new double[] {1, most}, new double[] {1, most});
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineStyle(SeriesLines.DASH_DASH);
        ideal.setLineColor(new Color(0x55, 0x55, 0x55));
        final AmdahlFit fit = mp4j.fit();
        if (fit.points() > 0)
        {
            final double[] x = new double[CURVE_POINTS];
            final double[] y = new double[CURVE_POINTS];
            for (int i = 0; i < CURVE_POINTS; i++)
            {
                x[i] = 1 + (most - 1) * i / (CURVE_POINTS - 1);
                y[i] = fit.speedup(x[i]);
            }
            final XYSeries curve = chart.addSeries(String.format(Locale.ROOT,
                "Amdahl fit to mp4j, 1 / ((1 - p) + p / n), p = %.3f", fit.parallelFraction()), x, y);
            curve.setMarker(SeriesMarkers.NONE);
            curve.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {3f, 4f}, 0f));
            curve.setLineColor(ChartStyle.COLORS[3]);
        }
        return ChartStyle.save(chart, file);
    }

    private static double max(final double[] values)
    {
        double m = 0;
        for (final double v : values)
        {
            m = Math.max(m, v);
        }
        return m;
    }
}
