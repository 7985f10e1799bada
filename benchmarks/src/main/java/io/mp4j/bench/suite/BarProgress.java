package io.mp4j.bench.suite;

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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A live progress bar on the terminal of file descriptor 2 (me.tongfei's progressbar) across the steps of a run,
 * each step weighted by its expected duration: the bar counts expected seconds, moves with the clock through the
 * running step (never past its expected end until it ends) and shows the step's name, e.g.
 * {@code mp4j bench  43% [=====>      ] 26/61 s (0:00:27 / 0:00:35) [4/14] queue-java}. As wide as the terminal
 * ({@code COLUMNS}, else {@code stty size} on {@code /dev/tty}, else 100); Unicode blocks when standard error's
 * encoding is UTF-8, else ASCII.
 *
 * <p>Threading: {@link #started}, {@link #finished} and {@link #close} from the thread that runs the steps; a
 * daemon thread moves the bar.
 */
final class BarProgress implements Progress
{
    private static final int UPDATE_MS = 200;
    private static final int DEFAULT_WIDTH = 100;
    private static final double RUNNING_SHARE_CAP = 0.95;

    private final ProgressBar bar;
    private final ScheduledExecutorService ticker;
    private volatile long doneMs;
    private volatile long stepExpectedMs;
    private volatile long stepStartNs;

    private BarProgress(final ProgressBar bar)
    {
        this.bar = bar;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "mp4j-bench-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, UPDATE_MS, UPDATE_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * @param plan the steps to come.
     * @return a bar drawing on file descriptor 2.
     */
    static BarProgress start(final Plan plan)
    {
        final Charset charset = stderrCharset();
        final PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, charset);
        return new BarProgress(new ProgressBarBuilder()
            .setTaskName("mp4j bench")
            .setInitialMax(plan.expectedMs())
            .setUnit(" s", 1000)
            .setStyle(StandardCharsets.UTF_8.equals(charset) ? ProgressBarStyle.UNICODE_BLOCK :
                ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(UPDATE_MS)
            .setConsumer(new ConsoleProgressBarConsumer(err, terminalWidth() - 1))
            .build());
    }

    @Override
    public void started(final Step step, final int index, final int count)
    {
        stepStartNs = System.nanoTime();
        stepExpectedMs = step.expectedMs();
        bar.setExtraMessage("[" + index + "/" + count + "] " + step.name());
    }

    @Override
    public void finished(final StepRunner.Outcome outcome)
    {
        doneMs += outcome.step().expectedMs();
        stepExpectedMs = 0;
        bar.stepTo(doneMs);
    }

    @Override
    public void close()
    {
        ticker.shutdownNow();
        bar.setExtraMessage("done");
        bar.stepTo(bar.getMax());
        bar.close();
    }

    private void tick()
    {
        final long expected = stepExpectedMs;
        if (expected > 0)
        {
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stepStartNs);
            bar.stepTo(doneMs + Math.min(elapsedMs, (long)(expected * RUNNING_SHARE_CAP)));
        }
    }

    private static int terminalWidth()
    {
        final String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{2,4}"))
        {
            return Integer.parseInt(columns);
        }
        try
        {
            final Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            final String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (stty.waitFor(1, TimeUnit.SECONDS) && stty.exitValue() == 0 && size.matches("\\d+ \\d{2,4}"))
            {
                return Integer.parseInt(size.substring(size.indexOf(' ') + 1));
            }
        }
        catch (final IOException ex)
        {
            return DEFAULT_WIDTH;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_WIDTH;
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
}
