package io.mp4j.launcher.process;

import io.mp4j.ipc.codec.CodecException;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.Crashes;
import io.mp4j.launcher.Pids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker process's exit codes as Python's {@code Process} gives them: 0 when the target returned, 1 when it threw,
 * 137 when killed, 143 when terminated; {@code join} with a timeout; captured output complete once it has ended; a
 * target that cannot be sent refused before any JVM starts.
 */
@NoLeaks
@Timeout(120)
class WorkerProcessTest
{
    private static final Duration END_WITHIN = Duration.ofSeconds(60);
    private static final WorkerSpec CAPTURED = WorkerSpec.defaults().withOutput(Output.CAPTURED);
    private static final int LINES = 5_000;

    @Test
    void shouldExitWithZeroAndKeepAllItsOutput() throws InterruptedException
    {
        try (WorkerProcess process = WorkerProcess.start(() ->
        {
            for (int i = 1; i <= LINES; i++)
            {
                System.out.println("line " + i);
            }
            System.err.println("to stderr from " + ProcessHandle.current().pid());
            return null;
        }, CAPTURED))
        {
            assertTrue(process.join(END_WITHIN));
            assertEquals(0, process.exitCode());
            assertFalse(process.isAlive());
            final String stdout = process.stdout();
            assertTrue(stdout.startsWith("line 1\n"), stdout);
            assertTrue(stdout.endsWith("line " + LINES + "\n"), () -> "all of it once it has ended: ..." +
                stdout.substring(Math.max(0, stdout.length() - 100)));
            assertEquals("to stderr from " + process.pid() + "\n", process.stderr());
        }
    }

    @Test
    void shouldExitWithOneWhenTheTargetThrows() throws InterruptedException
    {
        try (WorkerProcess process = WorkerProcess.start(() ->
        {
            throw new IllegalStateException("target fails on purpose");
        }, CAPTURED))
        {
            assertTrue(process.join(END_WITHIN));
            assertEquals(WorkerProcess.targetFailedExitCode(), process.exitCode());
            assertEquals(1, process.exitCode());
            assertTrue(process.stderr().contains("java.lang.IllegalStateException: target fails on purpose"),
                process.stderr());
        }
    }

    @Test
    void shouldExitWith137WhenKilledAnd143WhenTerminated() throws InterruptedException
    {
        try (WorkerProcess killed = WorkerProcess.start(WorkerProcessTest::announceAndHang, CAPTURED);
             WorkerProcess terminated = WorkerProcess.start(WorkerProcessTest::announceAndHang, CAPTURED))
        {
            awaitRunning(killed);
            awaitRunning(terminated);

            assertFalse(killed.join(Duration.ofMillis(200)), "join returns at its timeout while the target runs");
            assertTrue(killed.isAlive());
            assertNull(killed.exitCode());
            assertEquals("running", killed.describeExit());

            killed.kill();
            terminated.terminate();
            assertTrue(killed.join(END_WITHIN));
            assertTrue(terminated.join(END_WITHIN));
            assertEquals(Crashes.SIGKILL_CODE, killed.exitCode());
            assertEquals(Crashes.SIGTERM_CODE, terminated.exitCode());
            assertTrue(killed.describeExit().contains("SIGKILL"), killed.describeExit());
            assertTrue(terminated.describeExit().contains("SIGTERM"), terminated.describeExit());
        }
    }

    @Test
    void shouldRefuseATargetThatCannotBeSentBeforeStartingAJvm()
    {
        final Object lock = new Object();
        final CodecException error = assertThrows(CodecException.class, () -> WorkerProcess.start(() ->
        {
            synchronized (lock)
            {
                return null;
            }
        }));
        assertTrue(error.getMessage().contains("java.lang.Object"), error.getMessage());
        assertTrue(Pids.runningDescendants().isEmpty(), () -> "no JVM started: " + Pids.runningDescendants());
    }

    private static Void announceAndHang()
    {
        System.out.println("running in " + ProcessHandle.current().pid());
        Crashes.hang();
        return null;
    }

    private static void awaitRunning(final WorkerProcess process)
    {
        final String line = "running in " + process.pid();
        Await.until(() -> process.name() + " to run its target: " + process.stdout() + process.stderr(), END_WITHIN,
            () -> process.stdout().contains(line));
    }
}
