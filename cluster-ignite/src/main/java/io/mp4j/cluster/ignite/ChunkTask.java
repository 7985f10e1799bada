package io.mp4j.cluster.ignite;

import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskSplitAdapter;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

/**
 * The Ignite task around one {@link ChunkJob}: its one job goes to the member the load balancer picks (round
 * robin), and fails over to another when that member leaves (the default result policy of
 * {@link org.apache.ignite.compute.ComputeTaskAdapter}); its result is the job's.
 *
 * <p>Threading: one instance per chunk, used by Ignite on the driver.
 */
final class ChunkTask extends ComputeTaskSplitAdapter<ChunkJob, byte[]>
{
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    protected Collection<? extends ComputeJob> split(final int gridSize, final ChunkJob job)
    {
        return List.of(job);
    }

    @Override
    public byte[] reduce(final List<ComputeJobResult> results)
    {
        return results.get(0).getData();
    }
}
