package io.mp4j.launcher;

import io.mp4j.ipc.Mp4jException;

/**
 * A task that did not produce a result: it threw (the cause is the task's own exception, with the stack trace it had
 * in the worker), or it could not be sent, decoded or its result encoded. Subclasses name the other ways a task
 * fails: its worker died ({@link WorkerDiedException}) or it ran past its timeout ({@link TaskTimeoutException}).
 * Only this task failed: the pool stays usable and the other tasks of the call run on.
 */
public class TaskFailedException extends Mp4jException
{
    private static final long serialVersionUID = 1L;

    /** {@link #index()} of a task that has no position in a call (a worker process's target, an initializer). */
    public static final long NO_INDEX = -1;

    private final long index;
    private final String worker;

    /**
     * @param message what failed.
     * @param index   the task's position in its call's input, or {@link #NO_INDEX}.
     * @param worker  the worker that held it (e.g. {@code "worker 2 (pid 4711)"}), or null if none did.
     * @param cause   the task's exception, or null.
     */
    public TaskFailedException(final String message, final long index, final String worker, final Throwable cause)
    {
        super(message, cause);
        this.index = index;
        this.worker = worker;
    }

    /**
     * @return the task's position in its call's input (0-based), or {@link #NO_INDEX}.
     */
    public long index()
    {
        return index;
    }

    /**
     * @return the worker that held the task, or null if it never reached one.
     */
    public String worker()
    {
        return worker;
    }
}
