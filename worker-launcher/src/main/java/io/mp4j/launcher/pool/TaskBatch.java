package io.mp4j.launcher.pool;

import io.mp4j.launcher.TaskFailedException;

/**
 * Consecutive tasks of one call, one function, handed to a {@link PoolEngine} to run together: the engine reads
 * the function and each task's arguments, runs them where it runs things, and reports each task's outcome once.
 * Outcomes go to the call by the task's {@link #index} (its position in the call's input), so they may be reported
 * in any order and from any thread.
 *
 * <p>Threading: the readers may be called from any thread; {@link #succeeded} and {@link #failed} too, once per
 * task (a later report of the same task is ignored). Ordering: a report happens-before the call's caller sees that
 * outcome.
 */
public final class TaskBatch
{
    private final EnginePool pool;
    private final Chunk chunk;
    private final long startNs = System.nanoTime();
    private final boolean[] reported;
    private int remaining;

    TaskBatch(final EnginePool pool, final Chunk chunk)
    {
        this.pool = pool;
        this.chunk = chunk;
        this.reported = new boolean[chunk.size()];
        this.remaining = chunk.size();
    }

    /**
     * @return the function every task of this batch calls: a {@link io.mp4j.launcher.Task} (arity 1),
     * {@link io.mp4j.launcher.BiTask} (arity 2) or {@link io.mp4j.launcher.Job} (arity 0).
     */
    public Object function()
    {
        return chunk.function;
    }

    /**
     * @return what {@link PoolEngine#prepare} made of {@link #function()}.
     */
    public Object prepared()
    {
        return chunk.prepared;
    }

    /**
     * @return 1 for a task, 2 for a bi-task, 0 for a job.
     */
    public int arity()
    {
        return chunk.arity;
    }

    /**
     * @return the number of tasks.
     */
    public int size()
    {
        return chunk.size();
    }

    /**
     * @param task a task of this batch, 0 to {@code size() - 1}.
     * @return its position in its call's input: what a {@link TaskFailedException} names.
     */
    public long index(final int task)
    {
        return chunk.positions[task];
    }

    /**
     * @param task a task of this batch.
     * @return its first argument (null for a job).
     */
    public Object first(final int task)
    {
        return chunk.first(task);
    }

    /**
     * @param task a task of this batch of arity 2.
     * @return its second argument.
     */
    public Object second(final int task)
    {
        return chunk.second(task);
    }

    /**
     * Reports a task's result.
     *
     * @param task  a task of this batch.
     * @param value its result.
     * @return false if the task had already been reported (this report is ignored).
     */
    public boolean succeeded(final int task, final Object value)
    {
        if (!claim(task))
        {
            return false;
        }
        pool.succeeded(chunk, task, value);
        afterReport();
        return true;
    }

    /**
     * Reports a task's failure.
     *
     * @param task  a task of this batch.
     * @param error why it failed, naming {@link #index(int)}.
     * @return false if the task had already been reported (this report is ignored).
     */
    public boolean failed(final int task, final TaskFailedException error)
    {
        if (!claim(task))
        {
            return false;
        }
        pool.failed(chunk, task, error);
        afterReport();
        return true;
    }

    private synchronized boolean claim(final int task)
    {
        if (reported[task])
        {
            return false;
        }
        reported[task] = true;
        remaining--;
        return true;
    }

    private void afterReport()
    {
        final boolean last;
        synchronized (this)
        {
            last = remaining == 0;
        }
        if (last)
        {
            chunk.call.chunkFinished(chunk.size(), System.nanoTime() - startNs);
            pool.batchEnded(this);
        }
        pool.wakeWaiters();
    }

    /**
     * Fails every task not yet reported, with the same message (the pool was terminated).
     *
     * @param reason why they fail, completed with each task's index.
     */
    void failRemaining(final String reason)
    {
        for (int task = 0; task < reported.length; task++)
        {
            final long index = index(task);
            failed(task, new TaskFailedException(reason + ": task " + index + " did not finish", index, null, null));
        }
    }
}
