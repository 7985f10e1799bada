package io.mp4j.launcher.parallel;

/**
 * Hears of a {@link Parallel} call's progress: tqdm's {@code update}, without monkey-patching (joblib#972, #1063).
 *
 * <p>Called once as each task ends (whether it succeeded or failed), when it ends: not when an ordered iterator
 * reaches its result, so a slow first task does not hold the count back. Called once more, with the same counts,
 * when the number of calls becomes known (the input ended) if it was not known at the start. Sequential runs report
 * too.
 *
 * <p>Threading: calls for one {@code Parallel} call never overlap and {@code done} never goes back. They come from
 * the thread that reports task outcomes: on the process backend the thread moving the workers' pipes (the thread
 * waiting in {@code run} or in the result iterator, or the pool's supervisor); on the thread backend the pool thread
 * that ran the task; on the sequential backend the calling thread. Keep it short: while it runs, no other outcome of
 * the call is reported. A listener that throws is not called again, and its exception is thrown by the call once its
 * tasks have ended.
 */
@FunctionalInterface
public interface ProgressListener
{
    /**
     * @param done      tasks ended so far, failed ones included.
     * @param failed    tasks of {@code done} that failed.
     * @param total     the number of calls, or -1 while the input has not ended.
     * @param elapsedNs nanoseconds since the call started.
     */
    void progress(long done, long failed, long total, long elapsedNs);
}
