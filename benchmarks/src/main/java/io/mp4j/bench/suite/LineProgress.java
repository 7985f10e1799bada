package io.mp4j.bench.suite;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress as plain text, one line per step: its start, then on the same line how it ended once it has, e.g.
 * {@code mp4j bench [ 3/12] queue: mp4j beside raw Agrona ... ok, 9.1 s, 42 lines}. Safe for a pipe or a file.
 *
 * <p>Threading: from the thread that runs the steps.
 */
final class LineProgress implements Progress
{
    private final PrintStream out;

    /**
     * @param out where the lines go.
     */
    LineProgress(final PrintStream out)
    {
        this.out = out;
    }

    @Override
    public void started(final Step step, final int index, final int count)
    {
        out.printf(Locale.ROOT, "mp4j bench [%2d/%d] %s ...", index, count, step.title());
        out.flush();
    }

    @Override
    public void finished(final StepRunner.Outcome outcome)
    {
        final String how = outcome.ok() ? "ok" : (outcome.step().peer() ? "peer failed: " : "FAILED: ") +
            outcome.error() + " (log: " + outcome.log() + ")";
        out.printf(Locale.ROOT, " %s, %.1f s, %d lines%n", how, outcome.wallMs() / 1e3, outcome.lines());
        out.flush();
    }

    @Override
    public void close()
    {
        out.flush();
    }
}
