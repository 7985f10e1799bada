package io.mp4j.launcher.pool;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.counters.Counter;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.launcher.process.WorkerJvm;

/**
 * A pool's progress in shared memory, for other processes ({@code mp4j stat}) to watch live: five labelled counters
 * in the launcher's space ({@code launcher-<pid>}, {@link WorkerJvm#space()}), registry
 * {@value Space#DEFAULT_COUNTERS_NAME}, allocated when the pool is made and freed when it ends. Labels are
 * {@code <pool> <field>}, where {@code <pool>} is {@code process-pool-<id>} or {@code thread-pool-<id>} (the id of the
 * pool's {@code toString()}, and of the {@link io.mp4j.launcher.worker.WorkerStatus#POOL POOL} index of its workers'
 * status arrays):
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>value</th><th>writer, ordering</th></tr>
 *   <tr><td>{@value #SUBMITTED}</td><td>tasks submitted</td><td>the submitting thread, atomic add per chunk</td></tr>
 *   <tr><td>{@value #DONE}</td><td>tasks ended, failed ones included</td>
 *       <td>process pool: the thread moving the pipes, under the pump lock, plain add and release store; thread pool:
 *       the thread reporting the outcome, atomic add</td></tr>
 *   <tr><td>{@value #FAILED}</td><td>tasks of {@code done} that failed</td><td>as {@code done}</td></tr>
 *   <tr><td>{@value #WORKERS}</td><td>workers alive (JVMs or threads)</td>
 *       <td>process pool: the pump lock's holder, release store; thread pool: its constructor and its end</td></tr>
 *   <tr><td>{@value #REPLACED}</td><td>workers started in place of ones that ended (process pool)</td>
 *       <td>the pump lock's holder, plain add and release store</td></tr>
 * </table>
 *
 * <p>{@code submitted - done} is what is queued or running. Every counter has type id {@link #TYPE_ID}. Readers load
 * each with a volatile or acquire load; the five are not one snapshot. If the registry cannot be had (full, or no
 * shared memory) the pool runs without counters.
 *
 * <p>Threading: as the table says per field; {@link #close()} by the pool's end, after which updates are dropped.
 */
public final class PoolCounters implements AutoCloseable
{
    /** Type id of the counters of pools. */
    public static final int TYPE_ID = 7002;
    /** Label field: tasks submitted. */
    public static final String SUBMITTED = "submitted";
    /** Label field: tasks ended. */
    public static final String DONE = "done";
    /** Label field: tasks failed. */
    public static final String FAILED = "failed";
    /** Label field: workers alive. */
    public static final String WORKERS = "workers";
    /** Label field: workers replaced. */
    public static final String REPLACED = "replaced";
    /** Prefix of a process pool's name in the labels. */
    public static final String PROCESS_POOL = "process-pool";
    /** Prefix of a thread pool's name in the labels. */
    public static final String THREAD_POOL = "thread-pool";

    private final Counter submitted;
    private final Counter done;
    private final Counter failed;
    private final Counter workers;
    private final Counter replaced;
    private volatile boolean closed;

    private PoolCounters(final Counter[] counters)
    {
        this.submitted = counters[0];
        this.done = counters[1];
        this.failed = counters[2];
        this.workers = counters[3];
        this.replaced = counters[4];
    }

    /**
     * @param kind {@link #PROCESS_POOL} or {@link #THREAD_POOL}.
     * @param id   the pool's id.
     * @return the pool's name in labels, e.g. {@code process-pool-3}.
     */
    public static String poolName(final String kind, final long id)
    {
        return kind + "-" + id;
    }

    /**
     * @param poolName a pool's name in labels.
     * @param field    one of the fields.
     * @return the label of that counter.
     */
    public static String label(final String poolName, final String field)
    {
        return poolName + " " + field;
    }

    /**
     * Allocates a pool's counters.
     *
     * @param poolName the pool's name in labels.
     * @return the counters, or null if the registry cannot be had.
     */
    static PoolCounters allocate(final String poolName)
    {
        final String[] fields = {SUBMITTED, DONE, FAILED, WORKERS, REPLACED};
        final Counter[] counters = new Counter[fields.length];
        try
        {
            final Counters registry = WorkerJvm.counters();
            for (int i = 0; i < fields.length; i++)
            {
                counters[i] = registry.allocate(label(poolName, fields[i]), TYPE_ID);
            }
            return new PoolCounters(counters);
        }
        catch (final RuntimeException ex)
        {
            for (final Counter c : counters)
            {
                if (c != null)
                {
                    c.close();
                }
            }
            return null;
        }
    }

    /**
     * Any thread: tasks were submitted. Atomic add.
     *
     * @param tasks how many.
     */
    void submitted(final int tasks)
    {
        if (closed)
        {
            return;
        }
        submitted.getAndAdd(tasks);
    }

    /**
     * Any thread: a task ended. Atomic adds.
     *
     * @param failure whether it failed.
     */
    void ended(final boolean failure)
    {
        if (closed)
        {
            return;
        }
        done.increment();
        if (failure)
        {
            failed.increment();
        }
    }

    /**
     * The one writer of the moment (the process pool's pump lock holder): a task ended. A plain load and a release
     * store: the lock orders writers, the release store publishes to readers.
     *
     * @param failure whether it failed.
     */
    void endedExclusive(final boolean failure)
    {
        if (closed)
        {
            return;
        }
        done.set(done.getPlain() + 1);
        if (failure)
        {
            failed.set(failed.getPlain() + 1);
        }
    }

    /**
     * The one writer of the moment: the number of workers alive. Release store.
     *
     * @param count how many.
     */
    void workers(final int count)
    {
        if (closed)
        {
            return;
        }
        workers.set(count);
    }

    /**
     * The one writer of the moment (the pump lock holder): a worker was started in place of one that ended.
     */
    void replacedExclusive()
    {
        if (closed)
        {
            return;
        }
        replaced.set(replaced.getPlain() + 1);
    }

    /**
     * Frees the counters: readers no longer list them. Updates after this are dropped: one racing with it lands in the
     * freed record, which no other counter takes before {@link Counters#FREE_TO_REUSE_TIMEOUT_MS}. Threading: the
     * pool's end, once.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        submitted.close();
        done.close();
        failed.close();
        workers.close();
        replaced.close();
    }
}
