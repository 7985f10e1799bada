package io.mp4j.bench.pool;

import io.mp4j.bench.ResultLines;
import io.mp4j.ipc.jvm.JvmFlags;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.ProcessPool;
import io.mp4j.launcher.process.StartupArchive;
import io.mp4j.launcher.process.WorkerSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Pool start-up with {@code workers} workers, until the first result, as the Python peers measure it
 * ({@code _poolsuite.startup_figures}: constructor, first {@code apply}, every worker answered, close and join).
 * Variants, interleaved run by run so that their figures are seconds apart:
 * <ul>
 *     <li>{@code cold}: new worker JVMs, no start-up archive ({@code WorkerSpec.withStartupArchive(false)});</li>
 *     <li>{@code cold.archive}: new worker JVMs mapping the start-up archive (AppCDS) made before the runs;</li>
 *     <li>{@code cold.archive.first}: the archive's first use, in an empty archive directory
 *     ({@code mp4j.cds.dir} set to a new directory each run): one worker dumps its classes when it exits, so this
 *     run's close pays for the dump;</li>
 *     <li>{@code warm}: a new pool with the options of a closed one whose idle workers it takes (keep-alive 60 s):
 *     no JVM starts.</li>
 * </ul>
 * Before the runs, the first pool this JVM makes is timed once ({@code cold.first_in_jvm}, no archive: it also
 * loads the pool's classes in this JVM), and a bare JVM running {@link Noop} with the workers' flags is timed
 * ({@code jvm.start}). The worker class path is this JVM's: run from the shaded {@code benchmarks.jar} so that the
 * archive applies (it needs every class path entry to be a jar).
 *
 * <p>Ids: {@code mp4j.ProcessPool[start=cold,workers=2].first_result_ms} beside Python's
 * {@code mp.Pool[start=spawn,workers=2].first_result_ms}; also {@code ctor_ms}, {@code all_workers_ready_ms},
 * {@code close_ms} (as Python's {@code close_join_ms}); {@code jvm.start[cmd=java Noop].run_ms} beside
 * {@code interpreter.start[cmd=python -c pass].run_ms}. Two diagnostics follow the start-up in each run:
 * {@code next_apply_same_function_us} (an {@code apply} of the function already sent) and
 * {@code next_apply_new_function_us} (an {@code apply} of a function the pool has not sent yet: encoded here, then
 * decoded by the worker), which tell the round trip from the cost of defining a function.
 */
final class StartupBench
{
    static final String BENCH = "mp4j.ProcessPool";
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(60);
    private static final long WAIT_ARCHIVE_MS = 60_000;
    /** One function object for the first result and the next call, so that the pool sends it once. */
    private static final Task<Integer, Integer> CUBE = Tasks::cube;

    private StartupBench()
    {
    }

    static void run(final int workers, final int runs, final Path cdsBase, final List<String> variants,
        final ResultLines out) throws InterruptedException
    {
        final Figures figures = new Figures();
        final String saved = System.getProperty(StartupArchive.DIRECTORY_PROPERTY);
        try
        {
            final WorkerSpec noArchive = WorkerSpec.defaults().withStartupArchive(false);
            final WorkerSpec archive = WorkerSpec.defaults();
            final PoolOptions cold = PoolOptions.defaults().withWorkers(workers).withKeepAlive(Duration.ZERO);

            System.err.printf("== pool start-up, %d workers, %d runs of %s; class path %s%n", workers, runs, variants,
                System.getProperty("java.class.path"));
            once(figures, "cold.first_in_jvm", cold.withSpec(noArchive), workers);
            bareJvm(figures, runs);

            // the archive used by cold.archive, made here (its first use is not timed)
            final Path archiveDir = Files.createDirectories(cdsBase.resolve("archive"));
            System.setProperty(StartupArchive.DIRECTORY_PROPERTY, archiveDir.toString());
            if (variants.contains("cold.archive") || variants.contains("warm"))
            {
                try (ProcessPool pool = new ProcessPool(cold.withSpec(archive)))
                {
                    pool.apply(Tasks::cube, 1);
                }
                final Path jsa = awaitArchive(archiveDir);
                System.err.printf("   start-up archive made: %s (%,d bytes)%n", jsa, jsa == null ? 0 :
                    Files.size(jsa));
            }
            final PoolOptions warm = PoolOptions.defaults().withWorkers(workers).withKeepAlive(KEEP_ALIVE)
                .withSpec(archive);
            if (variants.contains("warm"))
            {
                try (ProcessPool pool = new ProcessPool(warm))
                {
                    pool.apply(CUBE, 1); // its workers stay idle for the warm runs
                }
            }

            for (int run = 0; run < runs; run++)
            {
                for (final String variant : variants)
                {
                    switch (variant)
                    {
                        case "cold" -> once(figures, variant, cold.withSpec(noArchive), workers);
                        case "cold.archive" ->
                        {
                            System.setProperty(StartupArchive.DIRECTORY_PROPERTY, archiveDir.toString());
                            once(figures, variant, cold.withSpec(archive), workers);
                        }
                        case "cold.archive.first" ->
                        {
                            final Path fresh = Files.createDirectories(cdsBase.resolve("first-" + run));
                            System.setProperty(StartupArchive.DIRECTORY_PROPERTY, fresh.toString());
                            once(figures, variant, cold.withSpec(archive), workers);
                            final Path jsa = awaitArchive(fresh);
                            figures.info(BENCH, "close_ms", "ms", params(variant, workers), "note",
                                "close includes the worker's dump of the archive at exit");
                            if (jsa == null)
                            {
                                System.err.printf("!! run %d: no archive was made in %s%n", run + 1, fresh);
                            }
                            deleteRecursively(fresh);
                        }
                        case "warm" -> once(figures, variant, warm, workers);
                        default -> throw new IllegalArgumentException("unknown start variant " + variant);
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            ProcessPool.stopIdleWorkers();
            if (saved == null)
            {
                System.clearProperty(StartupArchive.DIRECTORY_PROPERTY);
            }
            else
            {
                System.setProperty(StartupArchive.DIRECTORY_PROPERTY, saved);
            }
        }
        figures.emit(out);
    }

    private static Map<String, Object> params(final String variant, final int workers)
    {
        return ResultLines.params("start", variant, "workers", workers);
    }

    /**
     * One pool: constructor, first result, every worker answered, close.
     */
    private static void once(final Figures figures, final String variant, final PoolOptions options,
        final int workers)
    {
        final long t0 = System.nanoTime();
        final ProcessPool pool = new ProcessPool(options);
        final long t1 = System.nanoTime();
        final Integer first;
        final long t2;
        final long t3;
        final long t4;
        final long t5;
        final long t6;
        try
        {
            first = pool.apply(CUBE, 3);
            t2 = System.nanoTime();
            awaitEveryWorker(pool, workers);
            t3 = System.nanoTime();
            // after start-up: the same function again (already defined in the worker), then a function this pool
            // has not sent yet (encoded here, defined in the worker by Java deserialization)
            pool.apply(CUBE, 4);
            t4 = System.nanoTime();
            pool.apply(Tasks::square, 4);
            t5 = System.nanoTime();
        }
        finally
        {
            pool.close();
        }
        t6 = System.nanoTime();
        if (first != 27)
        {
            throw new IllegalStateException("cube(3) = " + first);
        }
        final Map<String, Object> p = params(variant, workers);
        figures.add(BENCH, "ctor_ms", "ms", p, (t1 - t0) / 1e6);
        figures.add(BENCH, "first_result_ms", "ms", p, (t2 - t0) / 1e6);
        figures.add(BENCH, "all_workers_ready_ms", "ms", p, (t3 - t0) / 1e6);
        figures.add(BENCH, "next_apply_same_function_us", "us", p, (t4 - t3) / 1e3);
        figures.add(BENCH, "next_apply_new_function_us", "us", p, (t5 - t4) / 1e3);
        figures.add(BENCH, "close_ms", "ms", p, (t6 - t5) / 1e6);
        System.err.printf("   %-20s ctor %8.3f ms  first result %8.3f ms  all workers %8.3f ms  then apply %7.1f us, " +
            "new function %7.1f us  close %8.3f ms%n", variant, (t1 - t0) / 1e6, (t2 - t0) / 1e6, (t3 - t0) / 1e6,
            (t4 - t3) / 1e3, (t5 - t4) / 1e3, (t6 - t5) / 1e6);
    }

    /**
     * Sends rounds of {@code 2 * workers} tasks until every worker has answered one: a chunk goes only to a worker
     * that reported ready, so the time is that of the last worker's readiness, to within one round.
     */
    private static void awaitEveryWorker(final ProcessPool pool, final int workers)
    {
        final Set<Long> pids = new HashSet<>();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pids.size() < workers)
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("only " + pids.size() + " of " + workers + " workers answered");
            }
            final List<CompletableFuture<Long>> round = new ArrayList<>();
            for (int i = 0; i < 2 * workers; i++)
            {
                round.add(pool.applyAsync(Tasks::pid, i));
            }
            round.forEach(f -> pids.add(f.join()));
        }
    }

    /**
     * A JVM with the workers' flags running {@link Noop}, start to exit.
     */
    private static void bareJvm(final Figures figures, final int runs) throws InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.forCurrentJvm());
        command.add("-XX:+UseSerialGC");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Noop.class.getName()));
        final Map<String, Object> p = ResultLines.params("cmd", "java Noop");
        figures.info("jvm.start", "run_ms", "ms", p, "command", "java <mp4j flags> -XX:+UseSerialGC -cp <class path> " +
            Noop.class.getName());
        for (int run = 0; run < runs; run++)
        {
            final long t0 = System.nanoTime();
            final Process process;
            try
            {
                process = new ProcessBuilder(command).inheritIO().start();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            final int code = process.waitFor();
            final long t1 = System.nanoTime();
            if (code != 0)
            {
                throw new IllegalStateException("exit code " + code + " from " + command);
            }
            figures.add("jvm.start", "run_ms", "ms", p, (t1 - t0) / 1e6);
        }
    }

    /**
     * @return the archive the directory holds once no dump is pending (null if none was made, as with a directory on
     * the class path, where workers make no archive), or null after
     * {@link #WAIT_ARCHIVE_MS}.
     */
    private static Path awaitArchive(final Path dir) throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_ARCHIVE_MS);
        while (System.nanoTime() - deadlineNs < 0)
        {
            final List<Path> files;
            try (Stream<Path> s = Files.list(dir))
            {
                files = s.toList();
            }
            final boolean pending = files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".lock"));
            final Path jsa = files.stream().filter(f -> f.getFileName().toString().endsWith(".jsa")).findFirst()
                .orElse(null);
            if (!pending)
            {
                return jsa;
            }
            Thread.sleep(5);
        }
        return null;
    }

    static void deleteRecursively(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> s = Files.walk(dir))
        {
            for (final Path p : s.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
        catch (final IOException ex)
        {
            System.err.println("!! cannot delete " + dir + ": " + ex);
        }
    }
}
