package io.mp4j.launcher;

import java.time.Duration;

/**
 * A task ran past its per-task timeout. In a process pool its worker JVM was killed (only that one) and replaced;
 * in a thread pool the task's thread was interrupted and left behind, since a thread cannot be killed.
 */
public class TaskTimeoutException extends TaskFailedException
{
    private static final long serialVersionUID = 1L;

    private final transient Duration timeout;

    /**
     * @param message what happened.
     * @param index   the task's position in its call's input.
     * @param worker  the worker that ran it.
     * @param timeout the timeout it exceeded.
     */
    public TaskTimeoutException(final String message, final long index, final String worker, final Duration timeout)
    {
        super(message, index, worker, null);
        this.timeout = timeout;
    }

    /**
     * @return the per-task timeout that was exceeded.
     */
    public Duration timeout()
    {
        return timeout;
    }
}
