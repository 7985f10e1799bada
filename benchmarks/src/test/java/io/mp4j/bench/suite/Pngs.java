package io.mp4j.bench.suite;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks that a chart file is a real PNG of the report's size with a drawn plot: the PNG signature, an image
 * {@link ImageIO} decodes, {@link ChartStyle#WIDTH} x {@link ChartStyle#HEIGHT}, and in its middle (the plot area)
 * many colours, a real share of non-white pixels, and pixels of mp4j's own colour (its series was drawn).
 */
final class Pngs
{
    private static final byte[] SIGNATURE = {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int MIN_COLOURS = 8;
    private static final double MIN_INKED_SHARE = 0.02;
    private static final int MIN_MP4J_PIXELS = 100;

    static
    {
        System.setProperty("java.awt.headless", "true");
    }

    private Pngs()
    {
    }

    static void assertDrawn(final Path png) throws IOException
    {
        try (InputStream in = Files.newInputStream(png))
        {
            assertArrayEquals(SIGNATURE, in.readNBytes(SIGNATURE.length), png + " is not a PNG");
        }
        final BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " does not decode");
        assertEquals(ChartStyle.WIDTH, image.getWidth(), png + " width");
        assertEquals(ChartStyle.HEIGHT, image.getHeight(), png + " height");
        final Set<Integer> colours = new HashSet<>();
        final int mp4j = ChartStyle.COLORS[0].getRGB() & 0xFFFFFF;
        int inked = 0;
        int mp4jPixels = 0;
        int area = 0;
        for (int y = image.getHeight() / 10; y < image.getHeight() * 9 / 10; y++)
        {
            for (int x = image.getWidth() / 10; x < image.getWidth() * 9 / 10; x++)
            {
                final int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                inked += rgb == 0xFFFFFF ? 0 : 1;
                mp4jPixels += rgb == mp4j ? 1 : 0;
                area++;
            }
        }
        assertTrue(colours.size() >= MIN_COLOURS, png + ": only " + colours.size() + " colours in the plot area");
        assertTrue(inked >= area * MIN_INKED_SHARE, png + ": only " + inked + " of " + area + " pixels drawn");
        assertTrue(mp4jPixels >= MIN_MP4J_PIXELS, png + ": only " + mp4jPixels + " pixels of mp4j's colour");
    }
}
