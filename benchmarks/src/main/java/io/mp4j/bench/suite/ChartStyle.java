package io.mp4j.bench.suite;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The look every chart of the report shares, and writing one as a PNG: {@value #WIDTH} x {@value #HEIGHT} pixels,
 * white background, light grid, the logical {@code SansSerif} font (DejaVu Sans through fontconfig on Debian) at
 * sizes readable when the image is shown at half its width, and one colour per implementation with mp4j's first.
 * AWT runs headless.
 *
 * <p>Threading: static methods, any thread.
 */
final class ChartStyle
{
    /** Width of every chart, in pixels. */
    static final int WIDTH = 1000;
    /** Height of every chart, in pixels. */
    static final int HEIGHT = 600;

    /** Colours in series order: mp4j's blue first, then clearly different hues. */
    static final Color[] COLORS = {
        new Color(0x1F, 0x5F, 0xBF), new Color(0xE0, 0x6C, 0x00), new Color(0x2C, 0xA0, 0x2C),
        new Color(0xC0, 0x27, 0x2D), new Color(0x80, 0x4F, 0xB3), new Color(0x8C, 0x56, 0x4B),
        new Color(0xD6, 0x5D, 0xB1), new Color(0x55, 0x55, 0x55)};

    private static final String FONT = Font.SANS_SERIF;

    static
    {
        if (System.getProperty("java.awt.headless") == null)
        {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartStyle()
    {
    }

    /**
     * @param styler a new chart's styler; the report's look is applied to it.
     */
    static void apply(final AxesChartStyler styler)
    {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(new Color(0xBB, 0xBB, 0xBB));
        styler.setPlotGridLinesColor(new Color(0xE3, 0xE3, 0xE3));
        styler.setChartTitleFont(new Font(FONT, Font.BOLD, 20));
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 16));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 14));
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 14));
        styler.setLegendBorderColor(new Color(0xBB, 0xBB, 0xBB));
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setChartFontColor(Color.BLACK);
        styler.setAxisTickLabelsColor(new Color(0x33, 0x33, 0x33));
        styler.setSeriesColors(COLORS);
        styler.setAntiAlias(true);
        styler.setChartPadding(14);
    }

    /**
     * @param chart a chart.
     * @param file  where its PNG goes.
     * @return the file.
     * @throws UncheckedIOException if it cannot be written.
     */
    static Path save(final Chart<?, ?> chart, final Path file)
    {
        try
        {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    /**
     * Makes y logarithmic from the decade at or below the smallest value to the decade at or above the largest, so
     * that every decade is labelled; labels are plain numbers with thousands separators.
     *
     * @param styler   a chart's styler.
     * @param smallest the smallest positive value drawn.
     * @param largest  the largest value drawn.
     */
    static void logarithmicY(final AxesChartStyler styler, final double smallest, final double largest)
    {
        styler.setYAxisLogarithmic(true);
        styler.setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
        styler.setYAxisMax(Math.pow(10, Math.ceil(Math.log10(largest) + 1e-9)));
        styler.setYAxisDecimalPattern("#,##0.###");
    }
}
