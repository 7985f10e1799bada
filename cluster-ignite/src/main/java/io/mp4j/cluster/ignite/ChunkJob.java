package io.mp4j.cluster.ignite;

import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

import java.io.Serial;

/**
 * One chunk of a pool's call as an Ignite compute job: the function's key and frame, the tasks' frame (see
 * {@link TaskWire}). Ignite runs it on a member, and runs it again on another if that member leaves before
 * answering; the answer is the chunk's outcomes frame.
 *
 * <p>Threading: built on a driver's calling thread; {@link #call()} runs on one of the member's compute threads.
 */
final class ChunkJob implements IgniteCallable<byte[]>
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final String functionKey;
    private final byte[] function;
    private final byte[] tasks;

    @IgniteInstanceResource
    private transient Ignite ignite;

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
    public byte[] call()
    {
        final String member = "member " + (ignite == null ? "?" : ignite.name()) + " (pid " +
            ProcessHandle.current().pid() + ")";
        return MemberTasks.run(member, functionKey, function, tasks);
    }
}
