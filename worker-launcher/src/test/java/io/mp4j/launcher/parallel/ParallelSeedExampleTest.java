package io.mp4j.launcher.parallel;

import io.mp4j.launcher.StopWarmWorkers;
import org.junit.jupiter.api.extension.ExtendWith;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.mp4j.launcher.parallel.Parallel.delayed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's joblib example, {@code Parallel(n_jobs=4, verbose=1)(delayed(cube)(x) for x in range(7))}: the cubes
 * with joblib's two progress lines, on worker JVMs; the same results on threads and sequentially; and the verbose
 * schedule of a longer run, line for line, against the indexes joblib prints.
 */
@ExtendWith(StopWarmWorkers.class)
@NoLeaks
@Timeout(120)
class ParallelSeedExampleTest
{
    private static final Pattern FINISHED_7 = Pattern.compile(
        "\\[Parallel\\(nJobs=4\\)]: Done   7 out of   7 \\| elapsed: +\\d+\\.\\ds finished");
    private static final Pattern DONE_OUT_OF = Pattern.compile(
        "\\[Parallel\\(nJobs=4\\)]: Done +(\\d+) out of 100 \\| elapsed: +\\d+\\.\\ds remaining: +\\d+\\.\\ds");

    private static List<String> lines(final ByteArrayOutputStream out)
    {
        final String text = out.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    @Test
    void shouldCubeZeroToSixOnFourWorkerJvmsWithJoblibsProgressLines()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Parallel parallel = new Parallel(4).verbose(1).poolOptions(Calls.noKeepAlive())
            .printTo(new PrintStream(err, true, StandardCharsets.UTF_8), System::nanoTime, () -> false);

        final List<Integer> cubes = parallel.run(Calls.ZERO_TO_SIX.stream().map(x -> delayed(Calls::cube, x)));

        assertEquals(Calls.CUBES, cubes);
        final List<String> lines = lines(err);
        assertEquals(2, lines.size(), lines::toString);
        assertEquals("[Parallel(nJobs=4)]: Using backend processes with 4 worker JVMs.", lines.get(0));
        assertTrue(FINISHED_7.matcher(lines.get(1)).matches(), lines.get(1));
    }

    @Test
    void shouldPrintTheSeedExamplesLinesOnTheRealStandardError()
    {
        try (ChildJvm child = ChildJvm.of(SeedExample.class).timeout(Duration.ofSeconds(100)).start())
        {
            child.awaitSuccess(Duration.ofSeconds(100));
            assertTrue(child.stdout().contains("[0, 1, 8, 27, 64, 125, 216]"), child::describe);
            final List<String> progress = child.stderr().lines().filter(l -> l.startsWith("[Parallel")).toList();
            assertEquals(2, progress.size(), child::describe);
            assertEquals("[Parallel(nJobs=4)]: Using backend processes with 4 worker JVMs.", progress.get(0));
            assertTrue(FINISHED_7.matcher(progress.get(1)).matches(), progress.get(1));
            assertTrue(child.stdout().lines().noneMatch(l -> l.startsWith("[Parallel")), "verbose 1 is stderr's");
        }
    }

    @Test
    void shouldGiveEqualResultsOnProcessesThreadsAndSequentially()
    {
        final Parallel parallel = new Parallel(3).poolOptions(Calls.noKeepAlive());
        final List<Delayed<Integer>> calls = Calls.cubes(200);
        final List<Integer> expected = calls.stream().map(d -> (Integer)d.arguments().get(0))
            .map(Calls::cube).toList();

        assertEquals(expected, parallel.backend(Backend.PROCESSES).run(calls));
        assertEquals(expected, parallel.backend(Backend.THREADS).run(calls));
        assertEquals(expected, parallel.backend(Backend.SEQUENTIAL).run(calls));
        assertEquals(expected, parallel.nJobs(1).run(calls));
        assertEquals(Calls.CUBES, parallel.nJobs(1).run(Calls.cubes(7)));
    }

    @Test
    void shouldPrintJoblibsLinesOnJoblibsScheduleForAHundredTasks()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Parallel parallel = new Parallel(4).verbose(5).backend(Backend.THREADS)
            .printTo(new PrintStream(err, true, StandardCharsets.UTF_8), System::nanoTime, () -> false);

        parallel.run(Calls.cubes(100));

        // joblib 1.2, 100 tasks, pre_dispatch 8 (2 x 4 workers), verbose 5: 9, 30, 51, 72, 93, then "finished"
        final List<String> lines = lines(err);
        assertEquals("[Parallel(nJobs=4)]: Using backend threads with 4 threads.", lines.get(0));
        final List<Integer> reported = lines.subList(1, lines.size() - 1).stream().map(line ->
        {
            final Matcher m = DONE_OUT_OF.matcher(line);
            assertTrue(m.matches(), line);
            return Integer.parseInt(m.group(1));
        }).toList();
        assertEquals(List.of(9, 30, 51, 72, 93), reported);
        assertTrue(lines.get(lines.size() - 1).startsWith("[Parallel(nJobs=4)]: Done 100 out of 100 | elapsed: "),
            lines::toString);
    }

    @Test
    void shouldPrintOnStandardErrorBelowFiftyAndOnStandardOutputFromFiftyAsJoblib()
    {
        assertSame(System.err, new Parallel(2).verbose(49).verboseOut());
        assertSame(System.out, new Parallel(2).verbose(50).verboseOut());
    }

    @Test
    void shouldPrintNothingWhenNotVerbose()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        new Parallel(2).backend(Backend.THREADS)
            .printTo(new PrintStream(err, true, StandardCharsets.UTF_8), System::nanoTime, () -> false)
            .run(Calls.cubes(50));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The seed's example as a program, printing to the real standard error: {@code Parallel(nJobs=4).verbose(1)}.
     */
    public static final class SeedExample
    {
        private SeedExample()
        {
        }

        /**
         * @param args none.
         */
        public static void main(final String[] args)
        {
            final List<Integer> cubes = new Parallel(4).verbose(1).poolOptions(Calls.noKeepAlive())
                .run(Calls.ZERO_TO_SIX.stream().map(x -> delayed(Calls::cube, x)));
            System.out.println(cubes);
        }
    }
}
