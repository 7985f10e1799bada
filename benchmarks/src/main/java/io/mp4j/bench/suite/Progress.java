package io.mp4j.bench.suite;

import java.io.PrintStream;

/**
 * Shows how far a run is: a live bar when standard error is a terminal ({@link BarProgress}), else one plain line
 * per step ({@link LineProgress}, no escape codes).
 *
 * <p>Threading: called from the thread that runs the steps.
 */
interface Progress extends AutoCloseable
{
    /**
     * A step starts.
     *
     * @param step  the step.
     * @param index its position, from 1.
     * @param count the number of steps.
     */
    void started(Step step, int index, int count);

    /**
     * The step that started last has ended.
     *
     * @param outcome what it did.
     */
    void finished(StepRunner.Outcome outcome);

    /**
     * Ends the display; the bar's line is finished.
     */
    @Override
    void close();

    /**
     * @param plan      the steps to come.
     * @param terminal  whether standard error is a terminal.
     * @param plainOut  where the plain lines go.
     * @return the bar on a terminal, else the plain lines.
     */
    static Progress of(final Plan plan, final boolean terminal, final PrintStream plainOut)
    {
        return terminal ? BarProgress.start(plan) : new LineProgress(plainOut);
    }
}
