package io.mp4j.bench.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepRunnerTest
{
    private static final String LINE = "{\"bench\": \"t\", \"metric\": \"m\", \"value\": 1, \"id\": \"t.m\"}";

    @Test
    @Timeout(30)
    void shouldCopyJsonLinesToTheResultsAndTheRestToTheLog(@TempDir final Path dir) throws Exception
    {
        final StepRunner.Outcome outcome = new StepRunner(dir.resolve("results.jsonl"), dir).run(
            step("echo '" + LINE + "'; echo not json; echo on stderr >&2; echo '{broken'", 1_000), 1);
        assertTrue(outcome.ok(), outcome.toString());
        assertEquals(1, outcome.lines());
        assertEquals(List.of(LINE), Files.readAllLines(dir.resolve("results.jsonl"), StandardCharsets.UTF_8));
        final String log = Files.readString(outcome.log(), StandardCharsets.UTF_8);
        assertEquals(dir.resolve("01-t.log"), outcome.log());
        assertTrue(log.contains("not json") && log.contains("on stderr") && log.contains("{broken"), log);
    }

    @Test
    @Timeout(30)
    void shouldFailAStepThatExitsWithAnErrorOrWritesNoResult(@TempDir final Path dir) throws Exception
    {
        final StepRunner runner = new StepRunner(dir.resolve("results.jsonl"), dir);
        final StepRunner.Outcome failed = runner.run(step("echo '" + LINE + "'; exit 3", 1_000), 1);
        assertEquals(3, failed.exitCode());
        assertEquals("exit code 3", failed.error());
        assertEquals("wrote no result", runner.run(step("true", 1_000), 2).error());
        final Step missing = new Step(Part.PIPE, "missing", "no such program", List.of("/no/such/program"), Map.of(),
            null, 1_000, false);
        assertTrue(runner.run(missing, 3).error().startsWith("cannot start"));
    }

    @Test
    @Timeout(30)
    void shouldKillAStepAndWhatItStartedAtItsTimeLimit(@TempDir final Path dir) throws Exception
    {
        final StepRunner.Outcome outcome = new StepRunner(dir.resolve("results.jsonl"), dir, 0, 5_000).run(
            step("tail -f /dev/null & echo $! >&2; echo '" + LINE + "'; wait", 200), 1);
        assertTrue(outcome.timedOut(), outcome.toString());
        assertEquals("killed after " + 200 * StepRunner.TIME_LIMIT_FACTOR + " ms (its time limit)", outcome.error());
        assertEquals(1, outcome.lines());
        final long child = Long.parseLong(Files.readAllLines(outcome.log()).get(1).strip());
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "child " + child + " left");
    }

    @Test
    @Timeout(30)
    void shouldNotBeHeldUpByAProcessTheStepStartedThatKeepsItsOutputOpen(@TempDir final Path dir) throws Exception
    {
        final StepRunner.Outcome outcome = new StepRunner(dir.resolve("results.jsonl"), dir, 0, 500).run(
            step("tail -f /dev/null & echo $! >&2; echo '" + LINE + "'", 10_000), 1);
        final long orphan = Long.parseLong(Files.readAllLines(outcome.log()).get(1).strip());
        try
        {
            assertEquals(0, outcome.exitCode());
            assertEquals(1, outcome.lines());
            assertTrue(outcome.error() == null || outcome.error().startsWith("its output stayed open 500 ms"),
                outcome.toString());
        }
        finally
        {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static Step step(final String script, final long expectedMs)
    {
        return new Step(Part.PIPE, "t", "a test step", List.of("sh", "-c", script), Map.of(), null, expectedMs,
            false);
    }
}
