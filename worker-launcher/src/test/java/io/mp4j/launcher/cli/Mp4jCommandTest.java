package io.mp4j.launcher.cli;

import io.mp4j.launcher.StopWarmWorkers;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(StopWarmWorkers.class)
class Mp4jCommandTest
{
    @Test
    @Timeout(120)
    void shouldRunCounterDemoAcrossWorkerJvmsExactly() throws Exception
    {
        final String[] out = new String[1];
        final int exit = captureOut(() -> Mp4jCommand.execute("demo", "--workers", "3", "--increments", "300000"),
            out);
        assertEquals(Mp4jCommand.EXIT_OK, exit, out[0]);
        assertTrue(out[0].contains("total = 900,000, expected 900,000: exact"), out[0]);
        assertTrue(out[0].contains("worker-2 increments"), out[0]);
        assertTrue(out[0].contains("freed 3 counters of dead owners"), out[0]);
        assertTrue(out[0].contains("results in order: [1, 8, 27, 64, 125, 216]: correct"), out[0]);
        assertTrue(out[0].contains("every message echoed intact: yes; worker saw the close and exited: yes"), out[0]);
        assertTrue(out[0].contains("demo: all checks passed"), out[0]);
    }

    @Test
    void shouldExitWithUsageCodeOnBadCommandLine() throws Exception
    {
        final String[] out = new String[1];
        assertEquals(Mp4jCommand.EXIT_USAGE, captureOut(() -> Mp4jCommand.execute("no-such-command"), out));
        assertEquals(Mp4jCommand.EXIT_USAGE, captureOut(() -> Mp4jCommand.execute("demo", "--workers", "0"), out));
        assertEquals(Mp4jCommand.EXIT_OK, captureOut(() -> Mp4jCommand.execute("--help"), out));
        assertTrue(out[0].contains("Exit codes"), out[0]);
    }

    private static int captureOut(final Callable<Integer> action, final String[] captured) throws Exception
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try
        {
            return action.call();
        }
        finally
        {
            System.setOut(original);
            captured[0] = bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
