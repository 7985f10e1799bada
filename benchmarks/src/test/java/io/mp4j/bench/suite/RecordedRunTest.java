package io.mp4j.bench.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report and charts of the full run recorded in {@code benchmarks/results} (every part, with the Python and C
 * peers), the one README and RESULTS.md quote: every comparison finds its mp4j figure and its peers by their ids,
 * every part has its tables, and every chart is drawn.
 */
class RecordedRunTest
{
    /** The recorded run, relative to the module's directory (Surefire's working directory). */
    static final Path RECORDED = Path.of("results", "2026-11-24T2350Z-bench-full.jsonl");

    @Test
    void shouldFindEveryMp4jFigureAndItsPeersInTheRecordedRun() throws Exception
    {
        final Results results = Results.read(RECORDED);
        for (final Part part : Part.values())
        {
            for (final Comparison c : Comparisons.of(part, results))
            {
                assertTrue(c.presentIn(results), part + ": no mp4j figure for " + c.measure());
                if (c.measure().contains("overlap"))
                {
                    continue; // a kind has this figure only if one of its runs had both JVMs at once
                }
                final List<String> shown = c.rows(results).stream().map(Comparison.Row::label).toList();
                for (final Comparison.Entry e : c.entries())
                {
                    final int n = e.label().indexOf("{n}");
                    final String prefix = n < 0 ? e.label() : e.label().substring(0, n);
                    assertTrue(shown.stream().anyMatch(label -> label.startsWith(prefix)),
                        part + ", " + c.measure() + ": no figure for " + e.label() + " " + e.query());
                }
            }
        }
    }

    @Test
    void shouldWriteEveryPartsTablesAndDrawEveryChart(@TempDir final Path dir) throws Exception
    {
        final Results results = Results.read(RECORDED);
        final Set<Part> parts = EnumSet.allOf(Part.class);
        final List<Charts.Drawn> charts = Charts.draw(parts, results, dir);
        assertEquals(List.of(Charts.LATENCY, Charts.QUEUE, Charts.SHARED, Charts.POOL, Charts.SPEEDUP),
            charts.stream().map(c -> c.file().getFileName().toString()).toList());
        for (final Charts.Drawn chart : charts)
        {
            Pngs.assertDrawn(chart.file());
        }
        final RunRecord run = new RunRecord("mp4j bench --full", new Sizing(true, 1), parts, Machine.current(), "",
            Instant.EPOCH, Instant.EPOCH, "0 0 0", "0 0 0", "python", "joblib", "gcc", List.of(), RECORDED);
        final String report = Files.readString(MarkdownReport.write(dir.resolve("report.md"), run, results, charts,
            null), StandardCharsets.UTF_8);
        for (final Part part : parts)
        {
            assertFalse(ReportTables.forPart(part, results).isEmpty(), part.label());
            assertTrue(report.contains("## " + part.title()), part.title());
        }
        for (final String expected : new String[] {"raw Agrona rings", "Python `Pipe`", "C cache-line floor",
            "Chronicle Queue", "C ring floor", "Python `Value` + lock", "Python `RawValue` + `Lock`",
            "raw Chronicle Map", "Python `Manager().dict()`", "joblib loky", "`ForkJoinPool` stream",
            "Amdahl fit of mp4j's speed-ups", ": met", "p99.99"})
        {
            assertTrue(report.contains(expected), "report lacks '" + expected + "'");
        }
        assertFalse(report.contains("n/a"), report);
    }
}
