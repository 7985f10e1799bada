package io.mp4j.launcher.cli;

import io.mp4j.ipc.testkit.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code mp4j} command run as a process, as users run it: exit codes, output, usage errors.
 */
class Mp4jCommandTest
{
    private static final Duration DEMO_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(30);

    @Test
    @Timeout(180)
    void shouldRunDemoEndToEndAcrossWorkerJvms()
    {
        try (ChildJvm mp4j = mp4j(DEMO_TIMEOUT, "demo", "--workers", "3", "--increments", "300000"))
        {
            assertEquals(Mp4jCommand.EXIT_OK, mp4j.waitFor(DEMO_TIMEOUT), mp4j.describe());
            final String out = mp4j.stdout();
            assertTrue(out.contains("pool.map(cube, 1..6)                   -> [1, 8, 27, 64, 125, 216]"), out);
            assertTrue(out.contains("Thread pool: 4 threads"), out);
            assertTrue(out.contains("results -> [0, 1, 8, 27, 64, 125, 216]"), out);
            assertTrue(out.contains("second run: [0, 1, 8, 27, 64, 125, 216]"), out);
            assertTrue(out.contains("7 of 7 were cached before"), out);
            assertTrue(out.contains("total = 900,000, expected 900,000: exact"), out);
            assertTrue(out.contains("worker-2 increments"), out);
            assertTrue(out.contains("freed 3 counters of dead owners"), out);
            assertTrue(out.contains("results in order: [1, 8, 27, 64, 125, 216]: correct"), out);
            assertTrue(out.contains("every message echoed intact: yes; worker saw the close and exited: yes"), out);
            assertTrue(out.contains("demo: all checks passed"), out);
            assertTrue(mp4j.stderr().contains("Done   7 out of   7"), mp4j.stderr());
        }
    }

    @Test
    @Timeout(60)
    void shouldExitWithUsageCodeAndOneLineOnUnknownCommand()
    {
        try (ChildJvm mp4j = mp4j(SHORT_TIMEOUT, "no-such-command"))
        {
            assertEquals(Mp4jCommand.EXIT_USAGE, mp4j.waitFor(SHORT_TIMEOUT), mp4j.describe());
            final String err = mp4j.stderr().strip();
            assertTrue(err.startsWith("mp4j: Unmatched argument at index 0: 'no-such-command'"), err);
            assertEquals(1, err.lines().count(), err);
        }
    }

    @Test
    @Timeout(60)
    void shouldExitWithUsageCodeOnBadOptionValue()
    {
        try (ChildJvm mp4j = mp4j(SHORT_TIMEOUT, "demo", "--workers", "0"))
        {
            assertEquals(Mp4jCommand.EXIT_USAGE, mp4j.waitFor(SHORT_TIMEOUT), mp4j.describe());
            assertEquals("mp4j: --workers must be >= 1 and --increments >= 0", mp4j.stderr().strip());
        }
    }

    @Test
    @Timeout(60)
    void shouldPrintHelpWithExitCodes()
    {
        try (ChildJvm mp4j = mp4j(SHORT_TIMEOUT, "--help"))
        {
            assertEquals(Mp4jCommand.EXIT_OK, mp4j.waitFor(SHORT_TIMEOUT), mp4j.describe());
            assertTrue(mp4j.stdout().contains("Exit codes"), mp4j.stdout());
            assertTrue(mp4j.stdout().contains("demo"), mp4j.stdout());
        }
    }

    private static ChildJvm mp4j(final Duration timeout, final String... args)
    {
        return ChildJvm.of(Mp4jCommand.class).arguments(args).timeout(timeout).start();
    }
}
