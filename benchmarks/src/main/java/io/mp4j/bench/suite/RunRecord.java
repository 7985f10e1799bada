package io.mp4j.bench.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a run was, for its report: how it was asked for, on what, with which peers, what each step did.
 *
 * @param command     the command line as typed, e.g. {@code mp4j bench --full}.
 * @param sizing      its mode and scale.
 * @param parts       the parts run.
 * @param machine     the machine and JVM.
 * @param jvmFlags    mp4j's JVM flags, as the child JVMs got them.
 * @param started     when it started.
 * @param ended       when its last step ended.
 * @param loadBefore  the load averages before the first step.
 * @param loadAfter   the load averages after the last step.
 * @param python      the Python peers: what was used, or why they were skipped.
 * @param joblib      joblib's peers: the version used, or why they were skipped.
 * @param floors      the C floors: what compiled them, or why they were skipped.
 * @param outcomes    what each step did, in order.
 * @param results     the results file.
 */
record RunRecord(String command, Sizing sizing, Set<Part> parts, Machine machine, String jvmFlags, Instant started,
    Instant ended, String loadBefore, String loadAfter, String python, String joblib, String floors,
    List<StepRunner.Outcome> outcomes, Path results)
{
    /**
     * @return how long the run took.
     */
    Duration duration()
    {
        return Duration.between(started, ended);
    }

    /**
     * @return whether a step that measures mp4j failed (a peer's failure does not count).
     */
    boolean mp4jStepFailed()
    {
        return outcomes.stream().anyMatch(o -> !o.ok() && !o.step().peer());
    }
}
