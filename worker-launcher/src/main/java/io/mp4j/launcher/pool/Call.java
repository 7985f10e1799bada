package io.mp4j.launcher.pool;

import io.mp4j.launcher.TaskFailedException;

/**
 * One call on a pool (a map, an imap, an apply): the function, its arity, and where each task's outcome goes, by the
 * task's position in the call's input. Outcomes arrive from the pool's threads.
 *
 * <p>Threading: {@link #succeeded} and {@link #failed} may be called from any thread of the pool, once per position.
 */
abstract class Call
{
    /** A task, bi-task or job: what the workers call. */
    final Object function;
    /** 1 for a task, 2 for a bi-task, 0 for a job. */
    final int arity;
    /** What the pool made of the function to send it (a process pool's encoded function), or null. */
    Object prepared;
    private volatile double nanosPerTask;

    Call(final Object function, final int arity)
    {
        this.function = function;
        this.arity = arity;
    }

    abstract void succeeded(long position, Object value);

    abstract void failed(long position, TaskFailedException error);

    /**
     * A chunk of this call ended: feeds the estimate {@link #chunkSizeFor(long)} uses.
     *
     * @param tasks     tasks in the chunk.
     * @param elapsedNs from sending it to its last result.
     */
    void chunkFinished(final int tasks, final long elapsedNs)
    {
        final double sample = (double)elapsedNs / tasks;
        final double previous = nanosPerTask;
        nanosPerTask = previous == 0 ? sample : 0.8 * previous + 0.2 * sample;
    }

    /**
     * @param targetNs what a chunk should take.
     * @return a chunk size from the tasks' measured cost: 1 before any chunk ended.
     */
    int chunkSizeFor(final long targetNs)
    {
        final double perTask = nanosPerTask;
        if (perTask == 0)
        {
            return 1;
        }
        return (int)Math.max(1, Math.min(Pool.MAX_AUTO_CHUNK, targetNs / perTask));
    }
}
