package io.mp4j.bench.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code report.md}: the machine, JDK, date, command and load averages; the peers found or skipped; what each
 * step did; then per part its tables (each mp4j figure beside its peers, with ratios and design.md's targets) and
 * its chart.
 *
 * <p>Threading: static methods, any thread.
 */
final class MarkdownReport
{
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
        Locale.ROOT).withZone(ZoneOffset.UTC);

    private MarkdownReport()
    {
    }

    /**
     * @param file          where the report goes.
     * @param run           what the run was.
     * @param results       its figures.
     * @param charts        its charts (in the same directory as the report).
     * @param chartsFailure why no chart was drawn, or null.
     * @return the file.
     * @throws UncheckedIOException if it cannot be written.
     */
    static Path write(final Path file, final RunRecord run, final Results results, final List<Charts.Drawn> charts,
        final String chartsFailure)
    {
        final StringBuilder md = new StringBuilder();
        md.append("# mp4j bench, ").append(run.sizing().modeName()).append(" mode, ")
            .append(WHEN.format(run.started())).append("\n\n");
        md.append("Command: `").append(run.command()).append("`");
        if (run.sizing().scale() != 1)
        {
            md.append(String.format(Locale.ROOT, " (scale %s: a smoke test; the figures mean nothing)",
                Quantity.digits(run.sizing().scale())));
        }
        md.append(". Raw figures: [`").append(run.results().getFileName()).append("`](")
            .append(run.results().getFileName()).append(") (JSON lines, one per figure: the value is the median of " +
                "its runs; ids as the project's benchmark scripts write them). Step logs: `logs/`.\n\n");
        if (chartsFailure != null)
        {
            md.append("**").append(chartsFailure).append(".**\n\n");
        }

        md.append("## Machine\n\n");
        md.append(new Table("", List.of("", ""), List.of(
            List.of("cpu", run.machine().cpuModel() + ", " + run.machine().cpus() + " cpus"),
            List.of("memory", run.machine().memory()),
            List.of("kernel", run.machine().kernel()),
            List.of("JDK", run.machine().jdk() + ", `" + run.machine().javaHome() + "`"),
            List.of("mp4j JVM flags", "`" + run.jvmFlags() + "`"),
            List.of("date", WHEN.format(run.started()) + " to " + WHEN.format(run.ended()) + " (" +
                minutes(run) + ")"),
            List.of("load average (1, 5, 15 min)", "before " + run.loadBefore() + "; after " + run.loadAfter())),
            List.of()).markdown()).append('\n');
        md.append("The machine may be shared: read figures as medians and ratios taken in the same run, not as " +
            "absolute values. Other processes' CPU use while each Python peer ran is in the `foreign_cpu_pct` " +
            "meta lines of the results.\n\n");

        md.append("## Peers\n\n");
        md.append(new Table("", List.of("peer", "status"), List.of(
            List.of("in the Java benches", "raw Agrona rings and `getAndAddLong`, Chronicle Queue, Chronicle Map, " +
                "Unix domain socket, TCP loopback, `ArrayBlockingQueue`, `AtomicLong`, `ReentrantLock`, " +
                "`ExecutorService`, `ForkJoinPool`"),
            List.of("Python `multiprocessing`", run.python()),
            List.of("joblib", run.joblib()),
            List.of("C floors", run.floors())), List.of()).markdown()).append('\n');

        md.append("## Steps\n\n");
        final List<List<String>> steps = run.outcomes().stream().map(o -> List.of(
            o.step().name(), o.step().title(), String.format(Locale.ROOT, "%.1f s", o.wallMs() / 1e3),
            Integer.toString(o.lines()), o.loadAfter(),
            o.ok() ? "ok" : (o.step().peer() ? "peer failed: " : "FAILED: ") + o.error()))
            .toList();
        md.append(new Table("", List.of("step", "what", "wall time", "JSON lines", "load after", "status"), steps,
            List.of())
            .markdown()).append('\n');

        for (final Part part : run.parts())
        {
            md.append("## ").append(part.title()).append("\n\n");
            final List<Table> tables = ReportTables.forPart(part, results);
            if (tables.isEmpty())
            {
                md.append("No figures: its step failed (see the steps above).\n\n");
            }
            for (final Table table : tables)
            {
                md.append("### ").append(table.title()).append("\n\n").append(table.markdown()).append('\n');
            }
            for (final Charts.Drawn chart : charts)
            {
                if (chart.part() == part)
                {
                    md.append("![").append(chart.caption()).append("](").append(chart.file().getFileName())
                        .append(")\n\n");
                }
            }
        }
        try
        {
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    private static String minutes(final RunRecord run)
    {
        final long s = run.duration().toSeconds();
        return s < 120 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
}
