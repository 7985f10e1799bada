package io.mp4j.bench.suite;

import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.cli.Mp4jCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mp4j bench} run as a process, as a user runs it: a child JVM with mp4j's flags runs {@link Mp4jCommand}
 * on this module's test class path, at a scale small enough for a test. The map part is left out (its Chronicle Map
 * start-ups alone take 20 s); {@link RecordedRunTest} covers its tables and chart from a real run.
 */
@NoLeaks
class BenchCommandTest
{
    private static final Duration RUN_LIMIT = Duration.ofSeconds(230);
    private static final String PARTS = "pipe,queue,counters,lock,pool,speedup";

    @Test
    @Timeout(240)
    void shouldRunTheSuiteAndWriteResultsReportAndCharts(@TempDir final Path dir) throws Exception
    {
        final Path out = dir.resolve("out");
        final long pid;
        final String stdout;
        final String stderr;
        try (ChildJvm child = ChildJvm.of(Mp4jCommand.class).timeout(RUN_LIMIT)
            .arguments("bench", "--scale", "0.05", "--only", PARTS, "--out", out.toString()).start())
        {
            pid = child.pid();
            assertEquals(Mp4jCommand.EXIT_OK, child.waitFor(RUN_LIMIT), child.describe());
            stdout = child.stdout();
            stderr = child.stderr();
        }

        final List<String> lines = Files.readAllLines(out.resolve("results.jsonl"), StandardCharsets.UTF_8);
        final Results results = new Results();
        for (final String line : lines)
        {
            assertTrue(results.add(line), "not a JSON object: " + line);
        }
        for (final String id : new String[] {
            "ipc.pingpong[impl=mp4j.Pipe,msg_bytes=8,pin=none].rtt_p50_ns",
            "ipc.pingpong[impl=mp4j.Pipe,msg_bytes=8,pin=none].rtt_p99.99_ns",
            "ipc.pingpong[impl=agrona.OneToOneRingBuffer,msg_bytes=8,pin=none].rtt_p50_ns",
            "ipc.pingpong[impl=jdk.UnixDomainSocket,msg_bytes=8,pin=none].rtt_p50_ns",
            "ipc.pingpong[impl=jdk.TcpLoopback,msg_bytes=8,pin=none].rtt_p50_ns",
            "ipc.queue[impl=mp4j.QueueRing,msg_bytes=64,pin=none,topo=1P1C].msgs_per_s",
            "ipc.queue[impl=agrona.OneToOneRingBuffer,msg_bytes=64,pin=none,topo=1P1C].msgs_per_s",
            "ipc.queue[impl=chronicle.Queue,msg_bytes=65536,pin=none,topo=1P1C].payload_MB_per_s",
            "mp4j.ProcessPool[start=cold,workers=2].first_result_ms"})
        {
            assertTrue(results.byId(id).isPresent(), id + " missing from " + lines.size() + " lines; the steps said:\n" +
                failuresLogged(out.resolve("logs")));
        }
        assertTrue(results.find(Query.of("mp4j.shared_counter", "increments_per_s", "kind", "SharedLong.getAndAdd"))
            .isPresent());
        assertTrue(results.find(Query.of("mp4j.shared_counter", "increments_per_s", "kind", "SharedLock+plain"))
            .isPresent());
        assertTrue(results.find(Query.of("jdk.ForkJoinPool.parallel_stream", "us_per_task")).isPresent());
        assertTrue(results.find(Query.of("mp4j.ProcessPool.cpu_bound", "speedup", "workers", 2)).isPresent());
        final Map<String, Object> environment = results.meta().get(0);
        assertEquals("environment", environment.get("metric"));
        final String python = String.valueOf(environment.get("python"));
        if (python.startsWith("Python "))
        {
            assertTrue(results.find(Query.of("mp.Pipe.pingpong", "rtt_p50_us")).isPresent(), python);
            assertTrue(results.find(Query.of("mp.Pool", "first_result_ms", "start", "spawn")).isPresent(), python);
        }

        final String report = Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
        for (final String expected : new String[] {"## Machine", "load average", "## Peers", "## Steps",
            "## " + Part.PIPE.title(), "| measure | implementation | value |", "mp4j `Pipe`", "raw Agrona rings",
            "### Pipe round trip, 8 B, percentiles", "## " + Part.SPEEDUP.title(), "Amdahl fit", "(latency.png)",
            "(queue.png)", "(shared-objects.png)", "(pool.png)", "(speedup.png)", "mp4j bench --scale 0.05"})
        {
            assertTrue(report.contains(expected), "report.md lacks '" + expected + "':\n" + report);
        }
        for (final String chart : new String[] {Charts.LATENCY, Charts.QUEUE, Charts.SHARED, Charts.POOL,
            Charts.SPEEDUP})
        {
            Pngs.assertDrawn(out.resolve(chart));
        }

        assertTrue(stdout.contains("mp4j bench: wrote " + out.resolve("results.jsonl")), stdout);
        assertTrue(stdout.contains("report.md") && stdout.contains("speedup.png"), stdout);
        assertTrue(stdout.contains("round trip, 8 B, p50"), stdout);
        assertTrue(stderr.contains("mp4j bench [ 2/"), "plain progress lines expected on a pipe:\n" + stderr);
        assertFalse(stderr.contains("\u001b"), "no escape codes on a pipe:\n" + stderr);
        assertFalse(Files.exists(Path.of("/dev/shm", "mp4j-bench-" + pid)), "the run's /dev/shm directory is left");
    }

    @Test
    @Timeout(60)
    void shouldExitWithUsageCodeAndOneLineOnBadCommandLines() throws Exception
    {
        final List<String[]> bad = new ArrayList<>();
        bad.add(new String[] {"bench", "--no-such-option"});
        bad.add(new String[] {"bench", "--only", "pipe,nothing"});
        bad.add(new String[] {"bench", "--scale", "2"});
        bad.add(new String[] {"bench", "--scale"});
        for (final String[] args : bad)
        {
            try (ChildJvm child = ChildJvm.of(Mp4jCommand.class).arguments(args).start())
            {
                assertEquals(Mp4jCommand.EXIT_USAGE, child.waitFor(Duration.ofSeconds(30)), child.describe());
                final String err = child.stderr().strip();
                assertEquals(1, err.lines().count(), "one line expected:\n" + err);
                assertTrue(err.startsWith("mp4j"), err);
                assertEquals("", child.stdout(), child.describe());
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldPrintTheTablesOfARecordedRun() throws Exception
    {
        try (ChildJvm child = ChildJvm.of(Mp4jCommand.class)
            .arguments("bench", "--tables", RecordedRunTest.RECORDED.toString()).start())
        {
            assertEquals(Mp4jCommand.EXIT_OK, child.waitFor(Duration.ofSeconds(30)), child.describe());
            final String out = child.stdout();
            for (final String expected : new String[] {"### " + Part.PIPE.title() + ": mp4j beside its peers",
                "| round trip, 8 B, p50 | **mp4j `Pipe`** | **200 ns** |  | <= 250 ns: met |",
                "### Speed-up against workers", "Run by run, mp4j.SharedMap / raw Chronicle Map"})
            {
                assertTrue(out.contains(expected), "no '" + expected + "' in:\n" + out);
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldDescribeItsOptionsInHelp() throws Exception
    {
        try (ChildJvm child = ChildJvm.of(Mp4jCommand.class).arguments("bench", "--help").start())
        {
            assertEquals(Mp4jCommand.EXIT_OK, child.waitFor(Duration.ofSeconds(30)), child.describe());
            for (final String option : new String[] {"--full", "--out", "--only", "--no-python", "--wait-quiet",
                "--scale", "--tables", "Exit codes"})
            {
                assertTrue(child.stdout().contains(option), child.stdout());
            }
        }
    }

    private static String failuresLogged(final Path logs) throws IOException
    {
        final StringBuilder said = new StringBuilder();
        try (Stream<Path> files = Files.list(logs))
        {
            for (final Path log : files.sorted().toList())
            {
                for (final String line : Files.readAllLines(log, StandardCharsets.UTF_8))
                {
                    if (line.startsWith("!!"))
                    {
                        said.append(log.getFileName()).append(": ").append(line).append('\n');
                    }
                }
            }
        }
        return said.toString();
    }
}
