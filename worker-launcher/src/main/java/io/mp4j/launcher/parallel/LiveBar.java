package io.mp4j.launcher.parallel;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A live progress bar on the terminal of file descriptor 2 (me.tongfei's progressbar, redrawn every
 * {@value #UPDATE_MS} ms by its own daemon thread): {@code Parallel  43% [=====>      ] 43/100 (0:00:01 / 0:00:01)}.
 * Drawn with Unicode blocks when standard error's encoding is UTF-8, else with ASCII; no colours. The width is the
 * terminal's ({@code COLUMNS}, else {@code stty size} on {@code /dev/tty}, else 80).
 *
 * <p>Threading: {@link #stepTo} and {@link #total} from one thread at a time; {@link #close()} once.
 */
final class LiveBar implements AutoCloseable
{
    /** How often the bar is redrawn, in milliseconds. */
    static final int UPDATE_MS = 100;
    private static final int DEFAULT_WIDTH = 80;

    private final ProgressBar bar;

    private LiveBar(final ProgressBar bar)
    {
        this.bar = bar;
    }

    /**
     * @param task  the bar's title.
     * @param total the number of steps, or -1 if unknown.
     * @return a bar drawing on file descriptor 2.
     */
    static LiveBar start(final String task, final long total)
    {
        final Charset charset = stderrCharset();
        final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.err), true, charset);
        final ProgressBar bar = new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(StandardCharsets.UTF_8.equals(charset) ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(UPDATE_MS)
            .setConsumer(new ConsoleProgressBarConsumer(out, terminalWidth() - 1))
            .build();
        return new LiveBar(bar);
    }

    void stepTo(final long done)
    {
        bar.stepTo(done);
    }

    void total(final long total)
    {
        bar.maxHint(total);
    }

    /**
     * Draws the last state and ends the line.
     */
    @Override
    public void close()
    {
        bar.close();
    }

    private static Charset stderrCharset()
    {
        for (final String property : new String[] {"stderr.encoding", "sun.stderr.encoding"})
        {
            final String name = System.getProperty(property);
            if (name != null && Charset.isSupported(name))
            {
                return Charset.forName(name);
            }
        }
        return Charset.defaultCharset();
    }

    private static int terminalWidth()
    {
        final String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{1,4}") && Integer.parseInt(columns) > 10)
        {
            return Integer.parseInt(columns);
        }
        try
        {
            final Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            final String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (stty.waitFor(1, TimeUnit.SECONDS) && stty.exitValue() == 0 && size.matches("\\d+ \\d+"))
            {
                final int width = Integer.parseInt(size.substring(size.indexOf(' ') + 1));
                return width > 10 ? width : DEFAULT_WIDTH;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // no terminal to ask
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_WIDTH;
    }
}
