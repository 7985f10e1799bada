package io.mp4j.launcher.parallel;

import io.mp4j.launcher.StopWarmWorkers;
import org.junit.jupiter.api.extension.ExtendWith;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live bar shows on a terminal only: a child JVM run under a pseudo-terminal ({@code script} from util-linux)
 * draws it on its standard error, with the percentage and {@code done/total}, in place of the verbose lines; the
 * same child with standard error on a pipe prints no bar and no escape code, and its verbose lines instead.
 */
@ExtendWith(StopWarmWorkers.class)
@NoLeaks
@Timeout(120)
class ProgressBarTest
{
    private static final int CALLS = 40;
    private static final Duration CHILD_LIFE = Duration.ofSeconds(100);

    @Test
    void shouldDrawTheBarOnATerminal() throws IOException, InterruptedException
    {
        final String output = runUnderPseudoTerminal("1");

        assertTrue(output.contains("100%"), output);
        assertTrue(output.contains(CALLS + "/" + CALLS), output);
        assertTrue(output.contains("Parallel"), output);
        assertTrue(output.contains('\r' + "Parallel"), "redrawn in place: " + output);
        assertTrue(output.contains("cubes=" + cubes()), output);
        assertFalse(output.contains("[Parallel(nJobs=2)]"), "the bar replaces the verbose lines: " + output);
    }

    @Test
    void shouldPrintNoBarAndNoEscapeCodeWhenStandardErrorIsNotATerminal()
    {
        try (ChildJvm child = ChildJvm.of(BarDemo.class).arguments("1").timeout(CHILD_LIFE).start())
        {
            child.awaitSuccess(CHILD_LIFE);
            final String err = child.stderr();
            assertTrue(child.stdout().contains("cubes=" + cubes()), child::describe);
            assertFalse(err.contains("\r"), child::describe);
            assertFalse(err.contains("\u001b"), child::describe);
            assertFalse(err.contains(CALLS + "/" + CALLS), child::describe);
            // joblib's schedule for 40 calls, pre-dispatch 4, verbose 1: the 37th, then "finished"
            final List<String> progress = err.lines().filter(l -> l.startsWith("[Parallel")).toList();
            assertEquals(3, progress.size(), child::describe);
            assertEquals("[Parallel(nJobs=2)]: Using backend processes with 2 worker JVMs.", progress.get(0));
            assertTrue(progress.get(1).startsWith("[Parallel(nJobs=2)]: Done  37 out of  40 | elapsed: "),
                child::describe);
            assertTrue(progress.get(2).startsWith("[Parallel(nJobs=2)]: Done  40 out of  40 | elapsed: "),
                child::describe);
        }
    }

    @Test
    void shouldTellATerminalFromAPipeOrAFile()
    {
        assertTrue(Terminals.isTerminalDevice("/dev/pts/3"));
        assertTrue(Terminals.isTerminalDevice("/dev/tty1"));
        assertTrue(Terminals.isTerminalDevice("/dev/console"));
        assertFalse(Terminals.isTerminalDevice("pipe:[123456]"));
        assertFalse(Terminals.isTerminalDevice("/tmp/err.log"));
        assertFalse(Terminals.isTerminalDevice("/dev/null"));
        assertFalse(Terminals.isTerminal(Path.of("/proc/self/fd/999999")), "no such descriptor");
        assertFalse(Terminals.stderrIsTerminal(), "Surefire's standard error is a pipe");
    }

    private static String cubes()
    {
        return Calls.cubes(CALLS).stream().map(d -> Calls.cube((Integer)d.arguments().get(0))).toList().toString();
    }

    /**
     * Runs {@link BarDemo} under {@code script -qfec CMD /dev/null}: the child's three standard streams are a
     * pseudo-terminal, whose output {@code script} copies to its own standard output.
     */
    private static String runUnderPseudoTerminal(final String verbose) throws IOException, InterruptedException
    {
        final List<String> java = ChildJvm.of(BarDemo.class).arguments(verbose).command();
        final String command = java.stream().map(ProgressBarTest::shellQuote).collect(Collectors.joining(" "));
        final Process script = new ProcessBuilder("script", "-qfec", command, "/dev/null")
            .redirectInput(new File("/dev/null"))
            .redirectErrorStream(true)
            .start();
        try
        {
            final String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(script.waitFor(CHILD_LIFE.toSeconds(), TimeUnit.SECONDS), output);
            assertEquals(0, script.exitValue(), output);
            return output;
        }
        finally
        {
            script.destroyForcibly();
        }
    }

    private static String shellQuote(final String word)
    {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Cubes 0..39 on two worker JVMs with the bar asked for; args: the verbosity.
     */
    public static final class BarDemo
    {
        private BarDemo()
        {
        }

        /**
         * @param args the verbosity.
         */
        public static void main(final String[] args)
        {
            final List<Integer> cubes = new Parallel(2).progressBar(true).verbose(Integer.parseInt(args[0]))
                .batchSize(1).poolOptions(Calls.noKeepAlive()).run(Calls.cubes(CALLS));
            System.out.println("cubes=" + cubes);
        }
    }
}
