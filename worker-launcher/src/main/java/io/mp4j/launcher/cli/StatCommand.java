package io.mp4j.launcher.cli;

import io.mp4j.launcher.inspect.SpaceReader;
import io.mp4j.launcher.inspect.SpaceReading;
import io.mp4j.launcher.inspect.Spaces;
import io.mp4j.launcher.inspect.StatView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code mp4j stat}: a live view of what spaces hold, read without disturbing the processes that use them
 * ({@link SpaceReader}), laid out by {@link StatView}.
 */
@Command(name = "stat", mixinStandardHelpOptions = true, sortOptions = false,
    header = "A live view of the pools, workers, counters, queues, pipes and values in spaces.",
    description = {
        "Shows, live, what spaces hold: pools (tasks submitted, done, failed, pending, workers), each worker JVM " +
            "(pid, pool, phase, current task and how long it has run, tasks done, heartbeat age), Parallel calls, " +
            "counters with their rates, queue depths, bytes pending in pipes, values, and files with problems.",
        "Regions are mapped read-only: reading never disturbs the processes using them. On a terminal the screen " +
            "is redrawn every interval; otherwise one block is printed per interval. Ctrl-C ends it.",
        "Columns are described in docs/COMMAND.md."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:usage error", "3:the space does not exist, or an error"})
final class StatCommand implements Callable<Integer>
{
    private static final String HOME = "\033[H";
    private static final String CLEAR_SCREEN = "\033[2J";
    private static final String CLEAR_LINE_END = "\033[K";
    private static final String CLEAR_BELOW = "\033[J";
    private static final String HIDE_CURSOR = "\033[?25l";
    private static final String SHOW_CURSOR = "\033[?25h";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    @Mixin
    SpaceArgument space;

    @Option(names = "--once", description = "Print one reading and exit (rates show '-').")
    boolean once;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
        description = "Seconds between readings, 0.1 to 3600 (default: ${DEFAULT-VALUE}).")
    double intervalSeconds;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
        description = "Stop after N readings (default: ${DEFAULT-VALUE}, never).")
    long count;

    @Option(names = "--plain", description = "Never redraw the screen: print one block per reading.")
    boolean plain;

    @Mixin
    RootOption root;

    @Override
    public Integer call()
    {
        if (!(intervalSeconds >= 0.1 && intervalSeconds <= 3600))
        {
            throw new IllegalArgumentException("--interval must be 0.1 to 3600 seconds: " + intervalSeconds);
        }
        if (count < 0)
        {
            throw new IllegalArgumentException("--count must be 0 (never stop) or more: " + count);
        }
        final Path rootDir = root.root();
        final List<Path> named = space.named() ? space.spaces(rootDir) : null;
        final long limit = once ? 1 : count;
        final boolean redraw = !once && !plain && Terminal.isStdoutTerminal();
        final PrintStream out = System.out;
        if (redraw)
        {
            out.print(HIDE_CURSOR + CLEAR_SCREEN);
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
            {
                out.print(SHOW_CURSOR);
                out.flush();
            }, "mp4j-stat-cursor"));
        }
        final StatView view = new StatView();
        final long intervalNs = (long)(intervalSeconds * 1e9);
        long nextNs = System.nanoTime();
        for (long round = 1; ; round++)
        {
            final List<Path> spaces = named != null ? named : Spaces.under(rootDir);
            final List<SpaceReading> readings = new ArrayList<>();
            for (final Path directory : spaces)
            {
                readings.add(SpaceReader.read(directory));
            }
            final List<String> lines = new ArrayList<>();
            lines.add("mp4j stat  " + (named != null ? named.get(0) : rootDir + "  " + spaces.size() + " spaces") +
                "  " + LocalTime.now().format(TIME) + (once ? "" : "  every " + intervalSeconds + " s"));
            if (spaces.isEmpty())
            {
                lines.add("no spaces under " + rootDir);
            }
            lines.add("");
            lines.addAll(view.render(readings));
            print(out, lines, redraw);
            if (limit > 0 && round >= limit)
            {
                return Mp4jCommand.EXIT_OK;
            }
            nextNs += intervalNs;
            final long waitNs = nextNs - System.nanoTime();
            if (waitNs > 0)
            {
                try
                {
                    TimeUnit.NANOSECONDS.sleep(waitNs); // the refresh interval the user asked for
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return Mp4jCommand.EXIT_OK;
                }
            }
            else
            {
                nextNs = System.nanoTime();
            }
        }
    }

    private static void print(final PrintStream out, final List<String> lines, final boolean redraw)
    {
        final StringBuilder frame = new StringBuilder();
        if (redraw)
        {
            frame.append(HOME);
        }
        for (final String line : lines)
        {
            frame.append(line);
            if (redraw)
            {
                frame.append(CLEAR_LINE_END);
            }
            frame.append('\n');
        }
        if (redraw)
        {
            frame.append(CLEAR_BELOW);
        }
        else
        {
            frame.append('\n');
        }
        out.print(frame);
        out.flush();
    }
}
