package io.mp4j.ipc.testkit;

import io.mp4j.ipc.jvm.JvmFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@NoLeaks
class ChildJvmTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int LARGE_OUTPUT_LINES = 20_000;

    @Test
    @Timeout(60)
    void shouldRunTheChildWithTheProductionFlagsJavaAndClassPath()
    {
        try (ChildJvm child = ChildJvm.start(ReportsItsJvm.class, "one", "two words"))
        {
            child.awaitSuccess(TIMEOUT);
            assertEquals(System.getProperty("java.home"), child.awaitValue("java.home", TIMEOUT));
            assertEquals(ChildJvm.testClassPath(), child.awaitValue("java.class.path", TIMEOUT));
            assertEquals("[one, two words]", child.awaitValue("args", TIMEOUT));
            final String inputArguments = child.awaitValue("input.arguments", TIMEOUT);
            for (final String flag : JvmFlags.forCurrentJvm())
            {
                assertTrue(inputArguments.contains(flag), flag + " missing from " + inputArguments);
            }
            assertEquals(JvmFlags.forCurrentJvm(), child.command().subList(1, 1 + JvmFlags.forCurrentJvm().size()));
        }
    }

    @Test
    @Timeout(60)
    void shouldCaptureStdoutStderrAndTheExitCode()
    {
        try (ChildJvm child = ChildJvm.start(ExitsWithCode.class, "3"))
        {
            assertEquals(3, child.waitFor(TIMEOUT));
            assertEquals(3, child.exitCode());
            assertFalse(child.isAlive());
            assertTrue(child.stdout().contains("to stdout\n"), child.describe());
            assertTrue(child.stderr().contains("to stderr\n"), child.describe());
            final AssertionError failure = assertThrows(AssertionError.class, () -> child.awaitSuccess(TIMEOUT));
            assertTrue(failure.getMessage().contains("exited with code 3"), failure.getMessage());
            assertTrue(failure.getMessage().contains("to stderr"), "the output is in the failure: " + failure);
        }
    }

    @Test
    @Timeout(60)
    void shouldDrainLargeOutputSoTheChildNeverBlocks()
    {
        try (ChildJvm child = ChildJvm.start(PrintsALot.class))
        {
            child.awaitSuccess(TIMEOUT);
            assertEquals(LARGE_OUTPUT_LINES + 1, child.stdout().lines().count());
            assertEquals(LARGE_OUTPUT_LINES, child.stderr().lines().count());
            assertTrue(child.hasReached("printed"));
        }
    }

    @Test
    @Timeout(60)
    void shouldAwaitNamedPointsAndValuesInOrder()
    {
        try (ChildJvm child = ChildJvm.start(ReportsPoints.class))
        {
            child.awaitPoint("second", TIMEOUT);
            assertTrue(child.hasReached("first"), "points reached before the wait count");
            assertEquals("1", child.awaitValue("n", TIMEOUT));
            assertEquals(List.of("1", "2", "a=b"), child.values("n"));
            child.awaitStdout("plain line", TIMEOUT);
            child.awaitSuccess(TIMEOUT);
        }
    }

    @Test
    @Timeout(60)
    void shouldFailAwaitPointAtOnceWhenTheChildExitsWithoutReachingIt()
    {
        try (ChildJvm child = ChildJvm.start(ExitsWithCode.class, "0"))
        {
            final long startNs = System.nanoTime();
            final AssertionError failure = assertThrows(AssertionError.class,
                () -> child.awaitPoint("never", Duration.ofSeconds(50)));
            assertTrue(System.nanoTime() - startNs < Duration.ofSeconds(20).toNanos(), "not waited to the timeout");
            assertTrue(failure.getMessage().contains("without point 'never'"), failure.getMessage());
            assertTrue(failure.getMessage().contains("to stdout"), failure.getMessage());
        }
    }

    @Test
    @Timeout(60)
    void shouldFailAwaitPointAfterItsTimeout()
    {
        try (ChildJvm child = ChildJvm.start(ParksAtPoint.class))
        {
            child.awaitPoint("parked", TIMEOUT);
            final AssertionError failure = assertThrows(AssertionError.class,
                () -> child.awaitPoint("never", Duration.ofMillis(100)));
            assertTrue(failure.getMessage().contains("did not give point 'never' within 100 ms"), failure.getMessage());
            assertTrue(failure.getMessage().contains(": running"), failure.getMessage());
        }
    }

    @Test
    @Timeout(60)
    void shouldKillAChildThatOutlivesItsTimeout()
    {
        try (ChildJvm child = ChildJvm.of(ParksAtPoint.class).timeout(Duration.ofSeconds(1)).start())
        {
            assertEquals(137, child.waitFor(TIMEOUT));
            assertTrue(child.timedOut());
            assertTrue(child.describe().contains("killed after its timeout"), child.describe());
        }
    }

    @Test
    @Timeout(60)
    void shouldStopContinueAndKillTheChild()
    {
        try (ChildJvm child = ChildJvm.start(ParksAtPoint.class))
        {
            child.awaitPoint("parked", TIMEOUT);
            assertFalse(child.isStopped());
            child.stop();
            assertTrue(child.isStopped());
            assertTrue(child.isAlive());
            assertTrue(child.describe().contains(": stopped"));
            child.cont();
            assertFalse(child.isStopped());
            assertEquals(137, child.kill());
            assertFalse(child.isAlive());
            assertFalse(child.timedOut());
        }
    }

    @Test
    @Timeout(60)
    void shouldKillTheChildOnClose()
    {
        final ChildJvm child = ChildJvm.start(ParksAtPoint.class);
        try (child)
        {
            child.awaitPoint("parked", TIMEOUT);
            child.stop(); // a stopped child dies on close too
        }
        assertFalse(child.isAlive());
        assertEquals(137, child.exitCode());
    }

    public static final class ReportsItsJvm
    {
        public static void main(final String[] args)
        {
            ChildPoints.report("java.home", System.getProperty("java.home"));
            ChildPoints.report("java.class.path", System.getProperty("java.class.path"));
            ChildPoints.report("args", Arrays.toString(args));
            ChildPoints.report("input.arguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        }
    }

    public static final class ExitsWithCode
    {
        public static void main(final String[] args)
        {
            System.out.println("to stdout");
            System.err.println("to stderr");
            System.exit(Integer.parseInt(args[0]));
        }
    }

    public static final class PrintsALot
    {
        public static void main(final String[] args)
        {
            final String line = "x".repeat(100);
            for (int i = 0; i < LARGE_OUTPUT_LINES; i++)
            {
                System.out.println(line);
                System.err.println(line);
            }
            ChildPoints.reached("printed");
        }
    }

    public static final class ReportsPoints
    {
        public static void main(final String[] args)
        {
            ChildPoints.reached("first");
            ChildPoints.report("n", 1);
            ChildPoints.report("n", 2);
            ChildPoints.report("n", "a=b");
            System.out.println("plain line");
            ChildPoints.reached("second");
        }
    }

    public static final class ParksAtPoint
    {
        public static void main(final String[] args)
        {
            ChildPoints.parkAt("parked");
        }
    }
}
