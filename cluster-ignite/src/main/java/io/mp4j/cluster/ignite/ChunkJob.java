package io.mp4j.cluster.ignite;

import org.apache.ignite.Ignite;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.resources.IgniteInstanceResource;

import java.io.Serial;

/**
 * One chunk of a pool's call as an Ignite compute job: the function's key and frame, the tasks' frame (see
 * {@link TaskWire}). Ignite runs it on a member, and runs it again on another if that member leaves before
 * answering; the answer is the chunk's outcomes frame. Cancelled (the pool was terminated), it interrupts the
 * thread running it at once: Ignite itself interrupts a cancelled job only after its
 * {@code computeJobWorkerInterruptTimeout} (by default its failure detection timeout, 10 s).
 *
 * <p>Threading: built on a driver's calling thread; {@link #execute()} runs on one of the member's compute threads,
 * {@link #cancel()} on any thread of the member. A cancel interrupts only while the job runs, and the interrupt it
 * caused is cleared before the thread goes back to Ignite.
 */
final class ChunkJob implements ComputeJob
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final String functionKey;
    private final byte[] function;
    private final byte[] tasks;

    @IgniteInstanceResource
    private transient Ignite ignite;
    /** Guarded by this. */
    private transient Thread runner;
    /** Guarded by this. */
    private transient boolean cancelled;

    /**
     * @param functionKey names the function across the cluster: members decode it once.
     * @param function    the function's DEFINE frame.
     * @param tasks       the tasks' BATCH frame.
     */
    ChunkJob(final String functionKey, final byte[] function, final byte[] tasks)
    {
        this.functionKey = functionKey;
        this.function = function;
        this.tasks = tasks;
    }

    @Override
    public Object execute()
    {
        synchronized (this)
        {
            runner = Thread.currentThread();
            if (cancelled)
            {
                runner.interrupt();
            }
        }
        try
        {
            final String member = "member " + (ignite == null ? "?" : ignite.name()) + " (pid " +
                ProcessHandle.current().pid() + ")";
            return MemberTasks.run(member, functionKey, function, tasks);
        }
        finally
        {
            synchronized (this)
            {
                runner = null;
                if (cancelled)
                {
                    Thread.interrupted();
                }
            }
        }
    }

    @Override
    public synchronized void cancel()
    {
        cancelled = true;
        if (runner != null)
        {
            runner.interrupt();
        }
    }
}
