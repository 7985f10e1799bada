package io.mp4j.bench.suite;

import io.mp4j.bench.ResultLines;
import io.mp4j.bench.ipc.Jvms;
import io.mp4j.ipc.jvm.JvmFlags;
import io.mp4j.launcher.cli.Mp4jCommand;
import io.mp4j.launcher.cli.Subcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.awt.AWTError;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code mp4j bench}: runs the cross-JVM benchmark suite on this machine (pipe latency, queue throughput, counters,
 * lock, map, pool overhead and speed-up), each mp4j figure beside the peers found here, and writes the raw figures
 * ({@code results.jsonl}), a Markdown report ({@code report.md}) and PNG charts into one directory. The quick mode
 * (the default) takes about a minute on 2 cores, {@code --full} about a quarter of an hour.
 *
 * <p>Exit codes: 0 when every step that measures mp4j wrote its figures (a missing or failing peer is reported,
 * not fatal), 1 when one did not, 2 for a usage error, 3 for an error (such as charts that headless Java cannot
 * draw for want of fonts; the results and the report are written all the same).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Runs the cross-JVM benchmark suite; writes results.jsonl, report.md and PNG charts.",
        "",
        "Each mp4j figure is measured beside its peers on this machine: raw Agrona, Chronicle Queue and Map, " +
            "Unix domain socket, TCP loopback, ArrayBlockingQueue, AtomicLong, ReentrantLock, ExecutorService, " +
            "ForkJoinPool; Python multiprocessing and joblib when python3 has them ($PY, else python3 on PATH); " +
            "the C floors when gcc is there. A missing peer is skipped, not an error.",
        "Quick mode (default): about a minute on 2 cores. --full: about a quarter of an hour."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every mp4j step wrote its figures", "1:an mp4j step failed", "2:usage error",
        "3:error (e.g. no chart drawn for want of fonts)"})
public final class BenchCommand implements Subcommand
{
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--full", description = "The full mode: more runs, longer windows, more sizes.")
    boolean full;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Where the results go (default: a new mp4j-bench-<UTC time> in the current directory).")
    Path out;

    @Option(names = "--only", paramLabel = "PARTS",
        description = "Comma-separated parts to run: pipe,queue,counters,lock,map,pool,speedup (default: all).")
    String only;

    @Option(names = "--no-python", description = "Skip the Python peers even if python3 has multiprocessing.")
    boolean noPython;

    @Option(names = "--tables", paramLabel = "RESULTS",
        description = "Run nothing: print the report's tables (Markdown) of an earlier run's results.jsonl.")
    Path tablesOf;

    @Option(names = "--wait-quiet", paramLabel = "SECONDS", defaultValue = "0",
        description = "Before each step, wait up to this long for a 2 s window with the cpus >= 85 %% idle (a " +
            "machine shared with other work). Default: ${DEFAULT-VALUE}.")
    long waitQuietS;

    @Option(names = "--scale", paramLabel = "FACTOR", defaultValue = "1",
        description = "Multiplies every count and duration of the mode, in (0, 1]; below 1 only for smoke tests " +
            "of the command (the figures then mean nothing). Default: ${DEFAULT-VALUE}.")
    double scale;

    /**
     * Creates the command; picocli sets its options.
     */
    public BenchCommand()
    {
    }

    @Override
    public Integer call() throws Exception
    {
        if (System.getProperty("java.awt.headless") == null)
        {
            System.setProperty("java.awt.headless", "true");
        }
        if (tablesOf != null)
        {
            return printTables(tablesOf, spec.commandLine().getOut());
        }
        final Sizing sizing = new Sizing(full, scale);
        if (waitQuietS < 0)
        {
            throw new IllegalArgumentException("--wait-quiet must be >= 0: " + waitQuietS);
        }
        final Set<Part> parts = Part.parse(only);
        final Path dir = outputDirectory();
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter stderr = spec.commandLine().getErr();
        final Path work = Files.createTempDirectory("mp4j-bench-");
        final Path shm = Jvms.runDirectory(shmDirectory());
        try
        {
            return run(sizing, parts, dir, work, shm, stdout, stderr);
        }
        finally
        {
            Jvms.deleteRecursively(shm);
            Jvms.deleteRecursively(work);
        }
    }

    private int run(final Sizing sizing, final Set<Part> parts, final Path dir, final Path work, final Path shm,
        final PrintWriter stdout, final PrintWriter stderr) throws InterruptedException, IOException
    {
        final Instant started = Instant.now();
        final String command = commandLine();
        stderr.printf("mp4j bench: %s mode, parts %s, results in %s%n", sizing.modeName(), labels(parts), dir);
        BundledFiles.extract(work);
        final PythonPeer.Detection python = noPython ? new PythonPeer.Detection(null, "skipped: --no-python") :
            PythonPeer.detect(System.getenv());
        final String joblib = python.peer() == null ? "skipped: no Python peers" :
            python.peer().hasJoblib() ? "joblib " + python.peer().joblibVersion() :
            "skipped: " + python.peer().executable() + " cannot import joblib";
        final CFloors floors = parts.contains(Part.PIPE) || parts.contains(Part.QUEUE) ?
            CFloors.compile(work.resolve("c"), System.getenv("PATH"), Runtime.getRuntime().availableProcessors()) :
            CFloors.skipped("neither pipe nor queue is run");
        stderr.printf("  Python peers: %s%n  C floors: %s%n", python.summary(), floors.summary());
        stderr.flush();

        final Plan plan = Plan.build(sizing, parts, python.peer(), floors,
            new Plan.Places(shm, work, privateClassPath(work), Runtime.getRuntime().availableProcessors()));
        final Path results = dir.resolve("results.jsonl");
        final Path logs = Files.createDirectories(dir.resolve("logs"));
        final Machine machine = Machine.current();
        final String jvmFlags = String.join(" ", JvmFlags.forCurrentJvm());
        final String loadBefore = Machine.loadAverage();
        appendMeta(results, environment(machine, jvmFlags, command, sizing, loadBefore, python, floors));

        final StepRunner runner = new StepRunner(results, logs);
        final List<StepRunner.Outcome> outcomes = new ArrayList<>();
        try (Progress progress = Progress.of(plan, Terminal.stderrIsTerminal(), System.err))
        {
            for (int i = 0; i < plan.steps().size(); i++)
            {
                final Step step = plan.steps().get(i);
                progress.started(step, i + 1, plan.steps().size());
                final QuietWait.Waited waited = QuietWait.await(TimeUnit.SECONDS.toMillis(waitQuietS));
                final StepRunner.Outcome outcome = runner.run(step, i + 1);
                outcomes.add(outcome);
                appendMeta(results, stepMeta(outcome, waited));
                progress.finished(outcome);
            }
        }
        final String loadAfter = Machine.loadAverage();
        appendMeta(results, meta("loadavg_after", Map.of("loadavg", loadAfter)));

        final RunRecord run = new RunRecord(command, sizing, parts, machine, jvmFlags, started, Instant.now(),
            loadBefore, loadAfter, python.summary(), joblib, floors.summary(), outcomes, results);
        final Results figures = Results.read(results);
        List<Charts.Drawn> charts = List.of();
        String chartsFailure = null;
        try
        {
            charts = Charts.draw(parts, figures, dir);
        }
        catch (final RuntimeException | AWTError | LinkageError | InternalError ex)
        {
            chartsFailure = "charts not drawn (" + ex + "): headless Java draws with fontconfig and at least one " +
                "font; on Debian: apt-get install fontconfig fonts-dejavu-core";
        }
        final Path report = MarkdownReport.write(dir.resolve("report.md"), run, figures, charts, chartsFailure);

        stdout.println();
        stdout.print(ReportTables.summary(parts, figures).text());
        stdout.println();
        stdout.printf("mp4j bench: wrote %s (%d figures), %s%n", results, figures.all().size(), report);
        for (final Charts.Drawn chart : charts)
        {
            stdout.printf("  chart: %s%n", chart.file());
        }
        for (final StepRunner.Outcome o : outcomes)
        {
            if (!o.ok())
            {
                stdout.printf("  %s %s: %s (log: %s)%n", o.step().peer() ? "peer step" : "STEP", o.step().name(),
                    o.error(), o.log());
            }
        }
        stdout.printf("load average before %s, after %s; %d s%n", loadBefore, loadAfter, run.duration().toSeconds());
        stdout.flush();
        if (chartsFailure != null)
        {
            stderr.println("mp4j bench: " + chartsFailure);
            stderr.flush();
            return Mp4jCommand.EXIT_ERROR;
        }
        return run.mp4jStepFailed() ? Mp4jCommand.EXIT_CHECK_FAILED : Mp4jCommand.EXIT_OK;
    }

    private static int printTables(final Path file, final PrintWriter out) throws IOException
    {
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("--tables " + file + ": no such file");
        }
        final Results results = Results.read(file);
        for (final Part part : Part.values())
        {
            for (final Table table : ReportTables.forPart(part, results))
            {
                out.printf("### %s%n%n%s%n", table.title(), table.markdown());
            }
        }
        out.flush();
        return Mp4jCommand.EXIT_OK;
    }

    private Path outputDirectory() throws IOException
    {
        if (out != null)
        {
            if (Files.exists(out.resolve("results.jsonl")))
            {
                throw new IllegalArgumentException("--out " + out + " already holds a results.jsonl");
            }
            return Files.createDirectories(out);
        }
        final String base = "mp4j-bench-" + STAMP.format(Instant.now());
        Path dir = Path.of(base);
        for (int n = 2; Files.exists(dir); n++)
        {
            dir = Path.of(base + "-" + n);
        }
        return Files.createDirectories(dir);
    }

    /**
     * @param work the run's private directory.
     * @return this JVM's class path; when it is one jar (as {@code ./mp4j} runs), a copy of it in {@code work}, so
     * that a rebuild during the run does not change what the child JVMs load.
     * @throws IOException if the jar cannot be copied.
     */
    private static String privateClassPath(final Path work) throws IOException
    {
        final String classPath = System.getProperty("java.class.path");
        final Path jar = Path.of(classPath);
        if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator) || !Files.isRegularFile(jar))
        {
            return classPath;
        }
        return Files.copy(jar, work.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES).toString();
    }

    private static Path shmDirectory()
    {
        final Path shm = Path.of("/dev/shm");
        final Path root = Files.isDirectory(shm) && Files.isWritable(shm) ? shm :
            Path.of(System.getProperty("java.io.tmpdir"));
        return root.resolve("mp4j-bench-" + ProcessHandle.current().pid());
    }

    private String commandLine()
    {
        final List<String> args = spec.commandLine().getParseResult().originalArgs();
        final int at = args.indexOf(spec.name());
        final List<String> words = new ArrayList<>(List.of("mp4j", spec.name()));
        words.addAll(at < 0 ? args : args.subList(at + 1, args.size()));
        return String.join(" ", words);
    }

    private static String labels(final Set<Part> parts)
    {
        return String.join(",", parts.stream().map(Part::label).toList());
    }

    private static Map<String, Object> environment(final Machine machine, final String jvmFlags,
        final String command, final Sizing sizing, final String loadBefore, final PythonPeer.Detection python,
        final CFloors floors)
    {
        final Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("side", "java");
        fields.put("utc", Instant.now().toString());
        fields.put("nproc", machine.cpus());
        fields.put("cpu_model", machine.cpuModel());
        fields.put("mem_kb", machine.memoryKb());
        fields.put("kernel", machine.kernel());
        fields.put("java_version", machine.jdk());
        fields.put("java_home", machine.javaHome());
        fields.put("jvm_flags", jvmFlags);
        fields.put("mode", sizing.modeName());
        fields.put("scale", sizing.scale());
        fields.put("loadavg_before", loadBefore);
        fields.put("python", python.summary());
        fields.put("c_floors", floors.summary());
        fields.put("command", command);
        return meta("environment", fields);
    }

    private static Map<String, Object> stepMeta(final StepRunner.Outcome o, final QuietWait.Waited waited)
    {
        final Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", o.step().name());
        fields.put("part", o.step().part() == null ? "" : o.step().part().label());
        fields.put("exit_code", o.exitCode());
        fields.put("json_lines", o.lines());
        fields.put("wall_s", Math.round(o.wallMs() / 10.0) / 100.0);
        fields.put("ok", o.ok());
        fields.put("error", o.error() == null ? "" : o.error());
        fields.put("loadavg_after", o.loadAfter());
        fields.put("waited_for_quiet_s", waited.waitedMs() / 1000.0);
        fields.put("idle_pct_before", Double.isNaN(waited.idlePercent()) ? null :
            Math.round(waited.idlePercent() * 10) / 10.0);
        fields.put("command", String.join(" ", o.step().command()));
        return meta("step", fields);
    }

    private static Map<String, Object> meta(final String metric, final Map<String, Object> fields)
    {
        final Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "meta");
        line.put("metric", metric);
        line.put("value", 0);
        line.put("unit", "");
        line.putAll(fields);
        return line;
    }

    private static void appendMeta(final Path results, final Map<String, Object> line)
    {
        try
        {
            Files.writeString(results, ResultLines.toJson(line) + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + results, ex);
        }
    }
}
