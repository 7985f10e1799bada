package io.mp4j.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The tables of a run: per part, each mp4j figure beside its peers with mp4j's speed ratio to each and the target of
 * design.md; the pipe's percentiles per implementation; the speed-up per worker count with the Amdahl fit; and a
 * short summary of every comparison for the terminal.
 *
 * <p>Threading: static methods, any thread.
 */
final class ReportTables
{
    /** The pipe's percentiles, as the metric names of {@code IpcPingPong} write them. */
    static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p99.9", "p99.99");

    private static final int SUMMARY_PEERS = 4;
    private static final String RATIO_HEADER = "mp4j / it (> 1: mp4j faster)";

    private ReportTables()
    {
    }

    /**
     * @param part    a part.
     * @param results the run's figures.
     * @return its tables, empty if the run has none of its figures.
     */
    static List<Table> forPart(final Part part, final Results results)
    {
        final List<Table> tables = new ArrayList<>();
        final List<Comparison> comparisons = Comparisons.of(part, results).stream()
            .filter(c -> c.presentIn(results)).toList();
        if (!comparisons.isEmpty())
        {
            tables.add(comparisonTable(part.title() + ": mp4j beside its peers", comparisons, results,
                runByRun(part, results)));
        }
        if (part == Part.PIPE)
        {
            percentiles(results).ifPresent(tables::add);
        }
        if (part == Part.SPEEDUP)
        {
            speedups(results).ifPresent(tables::add);
        }
        return tables;
    }

    /**
     * @param parts   the parts run.
     * @param results the run's figures.
     * @return one row per comparison: mp4j's first figure, the verdicts of its target and of the peers' ratio
     * targets, and mp4j's ratio to its first {@value #SUMMARY_PEERS} peers.
     */
    static Table summary(final Set<Part> parts, final Results results)
    {
        final List<List<String>> rows = new ArrayList<>();
        for (final Part part : parts)
        {
            for (final Comparison c : Comparisons.of(part, results))
            {
                if (!c.presentIn(results))
                {
                    continue;
                }
                final List<Comparison.Row> r = c.rows(results);
                final Set<String> verdicts = new LinkedHashSet<>();
                final List<String> peers = new ArrayList<>();
                for (int i = 0; i < r.size(); i++)
                {
                    final Comparison.Row row = r.get(i);
                    if (row.target() != null && (i == 0 || !row.mp4j()))
                    {
                        verdicts.add(row.verdict());
                    }
                    if (!row.mp4j() && !Double.isNaN(row.ratio()) && peers.size() < SUMMARY_PEERS)
                    {
                        peers.add(shortLabel(row.label()) + " " + Quantity.ratio(row.ratio()));
                    }
                }
                rows.add(List.of(part.label(), c.measure(), c.quantity().format(r.get(0).value(), c.unit()),
                    String.join("; ", verdicts), String.join(", ", peers)));
            }
        }
        return new Table("Summary", List.of("part", "measure", "mp4j", "target", "mp4j / peer"), rows, List.of());
    }

    private static Table comparisonTable(final String title, final List<Comparison> comparisons,
        final Results results, final List<String> moreNotes)
    {
        final List<List<String>> rows = new ArrayList<>();
        for (final Comparison c : comparisons)
        {
            boolean first = true;
            for (final Comparison.Row row : c.rows(results))
            {
                final String value = c.quantity().format(row.value(), c.unit());
                rows.add(List.of(first ? c.measure() : "",
                    row.mp4j() ? "**" + row.label() + "**" : row.label(),
                    row.mp4j() ? "**" + value + "**" : value,
                    Quantity.ratio(row.ratio()),
                    row.verdict()));
                first = false;
            }
        }
        final List<String> notes = new ArrayList<>(List.of("Values are medians over the runs of this run; every " +
            "ratio is mp4j's first figure of its measure against the row's, from the same run."));
        notes.addAll(moreNotes);
        return new Table(title, List.of("measure", "implementation", "value", RATIO_HEADER, "target (design.md)"),
            rows, notes);
    }

    /**
     * @return for the queue and the map, the ratios the benchmarks take run by run (each mp4j run over the peer's
     * run of the same round, seconds apart), which a noisy machine moves less than the ratio of the medians.
     */
    private static List<String> runByRun(final Part part, final Results results)
    {
        final String metric = part == Part.QUEUE ? "over_agrona" : part == Part.MAP ? "over_chronicle" : null;
        if (metric == null)
        {
            return List.of();
        }
        final List<String> notes = new ArrayList<>();
        for (final Figure f : results.all())
        {
            if (!f.metric().equals(metric) || !"none".equals(f.params().getOrDefault("pin", "none")) ||
                !"1P1C".equals(f.params().getOrDefault("topo", "1P1C")))
            {
                continue;
            }
            final String what = part == Part.QUEUE ? f.params().get("impl") + " / raw Agrona, " +
                f.params().get("msg_bytes") + " B" : f.params().get("impl") + " / raw Chronicle Map, " +
                f.params().get("op") + ", " + f.params().get("procs") + " JVM(s)";
            notes.add(String.format(Locale.ROOT, "Run by run, %s: median %s (runs: %s).", what,
                Quantity.digits(f.value()), String.join(", ", f.runs().stream().map(Quantity::digits).toList())));
        }
        return notes;
    }

    private static Optional<Table> percentiles(final Results results)
    {
        final List<List<String>> rows = new ArrayList<>();
        for (final LatencySeries s : LatencySeries.of(results))
        {
            final List<String> row = new ArrayList<>();
            row.add(s.label());
            for (final String p : PERCENTILES)
            {
                final double ns = s.percentileNs(p);
                row.add(Double.isNaN(ns) ? "" : Quantity.TIME.format(ns, ""));
            }
            row.add(Double.isNaN(s.maxNs()) ? "" : Quantity.TIME.format(s.maxNs(), ""));
            rows.add(row);
        }
        if (rows.isEmpty())
        {
            return Optional.empty();
        }
        final List<String> header = new ArrayList<>(List.of("8 B round trip"));
        header.addAll(PERCENTILES);
        header.add("max");
        return Optional.of(new Table("Pipe round trip, 8 B, percentiles", header, rows, List.of(
            "HdrHistogram percentiles of one run's round trips (median over runs); Python's `Pipe` reports p50, p99 " +
                "and p99.9; the C floor p50, p99 and p99.9 of a cache line bounced between two pinned processes.")));
    }

    private static Optional<Table> speedups(final Results results)
    {
        final SpeedupSeries mp4j = SpeedupSeries.of(results, "mp4j.ProcessPool.cpu_bound");
        if (mp4j.workers().length == 0)
        {
            return Optional.empty();
        }
        final SpeedupSeries threads = SpeedupSeries.of(results, "jdk.ExecutorService.cpu_bound");
        final List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < mp4j.workers().length; i++)
        {
            final double n = mp4j.workers()[i];
            final double s = mp4j.speedups()[i];
            final double t = threads.speedupAt(n);
            final Target target = Target.atLeast(0.9 * n, String.format(Locale.ROOT, ">= %.1f", 0.9 * n));
            rows.add(List.of(String.format(Locale.ROOT, "%d", (long)n), "**" + Quantity.FACTOR.format(s, "") + "**",
                Quantity.digits(s / n), Double.isNaN(t) ? "" : Quantity.FACTOR.format(t, ""),
                Quantity.FACTOR.format(n, ""), n > 1 ? target.verdict(s, Double.NaN) : ""));
        }
        final List<String> notes = new ArrayList<>();
        final AmdahlFit fit = mp4j.fit();
        if (fit.points() > 0)
        {
            notes.add(String.format(Locale.ROOT, "Amdahl fit of mp4j's speed-ups, S(n) = 1 / ((1 - p) + p / n): " +
                "**p = %.3f** (serial fraction %.3f), least squares over %d worker count(s) above 1.",
                fit.parallelFraction(), 1 - fit.parallelFraction(), fit.points()));
        }
        final AmdahlFit threadFit = threads.fit();
        if (threadFit.points() > 0)
        {
            notes.add(String.format(Locale.ROOT, "The same fit for threads of one JVM (the machine's own ceiling): " +
                "p = %.3f.", threadFit.parallelFraction()));
        }
        results.find(Query.of("jdk.serial.cpu_bound", "ms_per_task")).ifPresent(f -> notes.add(String.format(
            Locale.ROOT, "Each task burns the CPU for %.1f ms (measured; %s tasks per map).", f.value(),
            f.params().getOrDefault("tasks", "?"))));
        return Optional.of(new Table("Speed-up against workers", List.of("workers", "mp4j `ProcessPool`",
            "efficiency S/n", "threads of one JVM", "ideal", "target S >= 0.9 n"), rows, notes));
    }

    private static String shortLabel(final String label)
    {
        final String plain = label.replace("`", "");
        final int paren = plain.indexOf(" (");
        return paren > 0 ? plain.substring(0, paren) : plain;
    }
}
