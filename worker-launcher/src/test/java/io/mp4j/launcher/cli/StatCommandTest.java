package io.mp4j.launcher.cli;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.queue.QueueOptions;
import io.mp4j.ipc.queue.SharedQueue;
import io.mp4j.ipc.region.SpaceRoot;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.Pids;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.ProcessPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mp4j stat} run as a process beside a JVM that holds a counter, a queue and a process pool: one reading
 * ({@code --once}), repeated plain blocks with rates, and the live view redrawn in a terminal (tmux) while the pool
 * works through slow tasks.
 */
@NoLeaks
@Timeout(120)
class StatCommandTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern POOL_ROW = Pattern.compile("^\\s*process-pool-(\\d+)\\s+(\\d+)\\s+(\\d+)\\s",
        Pattern.MULTILINE);
    private static final long PANE_POLL_NS = TimeUnit.MILLISECONDS.toNanos(50);

    @TempDir
    Path root;

    @Test
    void shouldShowCountersQueuesPoolsAndWorkersOnceAndThenRates()
    {
        try (ChildJvm busy = busy("quick").start())
        {
            busy.awaitPoint("ready", WAIT);
            final String pool = "process-pool-" + busy.awaitValue("pool", WAIT);
            final List<String> pids = Arrays.asList(busy.awaitValue("pids", WAIT).split(","));

            final CommandRun once = CommandRun.run(root, "stat", "--once");
            assertEquals(Mp4jCommand.EXIT_OK, once.exitCode(), once.describe());
            assertFalse(once.stdout().contains("\033"), "no escape sequence when not on a terminal");
            assertEquals(List.of("requests", "42", "-", Long.toString(busy.pid()), "alive"), once.fields("requests "),
                once.describe());
            assertEquals(List.of("jobs", "3", "4096"), once.fields("jobs ").subList(0, 3), once.describe());
            assertEquals(List.of(pool, "6", "6", "0", "0", "2", "0", "-"), once.fields(pool + " "), once.describe());
            long done = 0;
            for (final String pid : pids)
            {
                final List<String> worker = workerRow(once.stdout(), pid);
                assertEquals(pool, worker.get(2), once.describe());
                assertEquals("idle", worker.get(3), once.describe());
                assertEquals("yes", worker.get(worker.size() - 1), once.describe());
                done += Long.parseLong(worker.get(6));
            }
            assertEquals(6, done, "the workers' tasks done add up to the pool's\n" + once.describe());

            final CommandRun twice = CommandRun.run(root, "stat", "app", "--count", "2", "--interval", "0.1");
            assertEquals(Mp4jCommand.EXIT_OK, twice.exitCode(), twice.describe());
            final List<String> counterRows = twice.stdout().lines().map(String::strip)
                .filter(l -> l.startsWith("requests ")).toList();
            assertEquals(2, counterRows.size(), twice.describe());
            assertEquals("-", counterRows.get(0).split("\\s+")[2], "no rate at the first reading");
            assertEquals("0.0", counterRows.get(1).split("\\s+")[2], "the rate since the first reading");

            final CommandRun missing = CommandRun.run(root, "stat", "--once", "nope");
            assertEquals(Mp4jCommand.EXIT_ERROR, missing.exitCode(), missing.describe());
            assertEquals(1, missing.stderr().lines().count(), missing.describe());

            busy.kill();
            Pids.awaitGone(pids.stream().map(Long::parseLong).toList(), WAIT);
        }
    }

    @Test
    void shouldRedrawTheLiveViewInATerminalWhileAPoolWorks() throws IOException
    {
        final Path tmux = onPath("tmux");
        if (tmux == null)
        {
            if ("true".equals(System.getenv("CI")))
            {
                fail("tmux is missing; CI installs it (apt-get install tmux)");
            }
            assumeTrue(false, "tmux is not installed");
        }
        final String socket = "mp4j-stat-test-" + ProcessHandle.current().pid();
        final List<Long> workerPids = new ArrayList<>();
        long statPid = -1;
        try (ChildJvm busy = busy("slow").start())
        {
            busy.awaitPoint("ready", WAIT);
            final String pool = "process-pool-" + busy.awaitValue("pool", WAIT);
            final List<String> pids = Arrays.asList(busy.awaitValue("pids", WAIT).split(","));
            pids.forEach(p -> workerPids.add(Long.parseLong(p)));
            final List<String> stat = CommandRun.builder(root, "stat", "launcher-" + busy.pid(), "--interval", "0.2")
                .command();
            tmux(tmux, socket, "new-session", "-d", "-s", "stat", "-x", "200", "-y", "50", shellCommand(stat));
            statPid = Long.parseLong(tmux(tmux, socket, "display-message", "-p", "-t", "stat", "#{pane_pid}").strip());

            final String first = awaitPane(tmux, socket, "the pool with a task done and both workers",
                pane -> doneOf(pane, pool) >= 1 && pids.stream().allMatch(pid -> hasWorkerRow(pane, pid)));
            final long doneBefore = doneOf(first, pool);
            final String later = awaitPane(tmux, socket, "the pool's tasks done to grow past " + doneBefore,
                pane -> doneOf(pane, pool) > doneBefore);
            assertTrue(later.startsWith("mp4j stat"), "redrawn from the top:\n" + later);
            for (final String pid : pids)
            {
                final List<String> worker = workerRow(later, pid);
                assertEquals(pool, worker.get(2), later);
                assertTrue(worker.get(worker.size() - 2).equals("ms"), "a heartbeat age in ms:\n" + later);
                assertEquals("yes", worker.get(worker.size() - 1), later);
            }
        }
        finally
        {
            tmux(tmux, socket, "kill-server");
            if (statPid > 0)
            {
                ProcessHandle.of(statPid).ifPresent(ProcessHandle::destroyForcibly);
                final long pid = statPid;
                Pids.awaitGone(List.of(pid), WAIT);
            }
            Pids.awaitGone(workerPids, WAIT);
        }
    }

    private ChildJvm.Builder busy(final String mode)
    {
        return ChildJvm.of(Busy.class).systemProperty(SpaceRoot.PROPERTY, root.toString()).arguments(mode)
            .timeout(Duration.ofSeconds(100));
    }

    private static boolean hasWorkerRow(final String text, final String pid)
    {
        return text.lines().map(String::strip).anyMatch(l -> l.matches("w\\d+\\s+" + pid + "\\s.*"));
    }

    private static List<String> workerRow(final String text, final String pid)
    {
        final String line = text.lines().map(String::strip).filter(l -> l.matches("w\\d+\\s+" + pid + "\\s.*"))
            .findFirst().orElseThrow(() -> new AssertionError("no worker row of pid " + pid + " in:\n" + text));
        return List.of(line.split("\\s+"));
    }

    private static long doneOf(final String pane, final String pool)
    {
        final Matcher row = POOL_ROW.matcher(pane);
        while (row.find())
        {
            if (pool.equals("process-pool-" + row.group(1)))
            {
                return Long.parseLong(row.group(3));
            }
        }
        return -1;
    }

    private interface PaneCondition
    {
        boolean holds(String pane);
    }

    /**
     * Captures the pane every {@link #PANE_POLL_NS} until its content meets the condition: each capture starts a
     * tmux client process, so polling is not continuous.
     */
    private static String awaitPane(final Path tmux, final String socket, final String what,
        final PaneCondition condition)
    {
        final long deadlineNs = System.nanoTime() + WAIT.toNanos();
        String pane = "";
        while (System.nanoTime() - deadlineNs < 0)
        {
            pane = tmux(tmux, socket, "capture-pane", "-p", "-t", "stat");
            if (condition.holds(pane))
            {
                return pane;
            }
            LockSupport.parkNanos(PANE_POLL_NS);
        }
        throw new AssertionError("timed out waiting for " + what + "; the pane shows:\n" + pane);
    }

    private static String tmux(final Path tmux, final String socket, final String... args)
    {
        final List<String> command = new ArrayList<>(List.of(tmux.toString(), "-L", socket));
        command.addAll(List.of(args));
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new AssertionError("tmux did not finish: " + command);
            }
            if (process.exitValue() != 0 && !"kill-server".equals(args[0]))
            {
                throw new AssertionError("tmux failed with " + process.exitValue() + ": " + command + "\n" + output);
            }
            return output;
        }
        catch (final IOException ex)
        {
            throw new AssertionError("cannot run " + command, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, ex);
        }
    }

    private static String shellCommand(final List<String> command)
    {
        return "exec " + command.stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'")
            .collect(Collectors.joining(" "));
    }

    private static Path onPath(final String program)
    {
        final String path = System.getenv("PATH");
        for (final String dir : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator))
        {
            final Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /**
     * A JVM with something to show, under the root given by {@code -Dmp4j.dir}: in space {@code app} the counter
     * {@code requests} at 42 and the queue {@code jobs} holding 3 messages; and a process pool of 2 workers kept open.
     * Mode {@code quick}: the pool has mapped 6 tasks. Mode {@code slow}: the pool works through 1000 tasks of 50 ms
     * each. Reports the pool's id and its workers' pids, then parks.
     */
    public static final class Busy
    {
        private Busy()
        {
        }

        /**
         * @param args the mode: {@code quick} or {@code slow}.
         * @throws InterruptedException never.
         */
        public static void main(final String[] args) throws InterruptedException
        {
            final Space app = Space.open("app");
            app.counters().allocate("requests").set(42);
            final SharedQueue<String> jobs = SharedQueue.open(app, "jobs", QueueOptions.defaults(), Codecs.strings());
            for (int i = 0; i < 3; i++)
            {
                jobs.put("job " + i);
            }
            final ProcessPool pool = new ProcessPool(PoolOptions.defaults().withWorkers(2)
                .withKeepAlive(Duration.ZERO));
            if ("slow".equals(args[0]))
            {
                for (int i = 0; i < 1000; i++)
                {
                    pool.applyAsync(Busy::slow, i);
                }
            }
            else
            {
                pool.map(Busy::square, IntStream.range(0, 6).boxed().toList());
            }
            ChildPoints.report("pool", pool.id());
            ChildPoints.report("pids", pool.workerPids().stream().map(String::valueOf)
                .collect(Collectors.joining(",")));
            ChildPoints.parkAt("ready");
        }

        static Integer square(final Integer x)
        {
            return x * x;
        }

        static Integer slow(final Integer x) throws InterruptedException
        {
            Thread.sleep(50); // the work: a task that takes a while, so the view changes between readings
            return x;
        }
    }
}
