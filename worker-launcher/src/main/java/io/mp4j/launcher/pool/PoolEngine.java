package io.mp4j.launcher.pool;

/**
 * Where an {@link EnginePool} runs its tasks when they leave this host's worker JVMs: a cluster's compute service,
 * for instance. The engine only moves batches of tasks and reports outcomes; the pool around it gives every call of
 * {@link Pool} its semantics (chunking, results in input order, failures by index, lazy {@code imap} windows,
 * {@link CallStream}s, shutdown).
 *
 * <p>Threading: {@link #prepare} and {@link #execute} are called on the threads making pool calls, several at once;
 * {@link #close} once, on the thread that terminates the pool or the last one to see it drained. Outcomes may be
 * reported from any thread.
 */
public interface PoolEngine
{
    /**
     * Makes a function ready to send, on the caller's thread, so that one that cannot be sent fails the call there.
     *
     * @param function a {@link io.mp4j.launcher.Task}, {@link io.mp4j.launcher.BiTask} or
     *                 {@link io.mp4j.launcher.Job}.
     * @return what every batch of this function carries as {@link TaskBatch#prepared()}, or null.
     * @throws io.mp4j.ipc.codec.CodecException if the function cannot be sent.
     */
    Object prepare(Object function);

    /**
     * Starts running a batch's tasks and returns without waiting for them. Every task's outcome must be reported
     * once, through {@link TaskBatch#succeeded} or {@link TaskBatch#failed}, from any thread; a second report of
     * a task is ignored.
     *
     * @param batch the tasks.
     */
    void execute(TaskBatch batch);

    /**
     * Stops the engine for this pool: called once, after every outcome was reported, or at
     * {@link Pool#terminate()}, where tasks still running should be cancelled (their outcomes were already reported
     * as failures, and later reports are ignored).
     */
    void close();
}
