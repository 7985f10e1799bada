package io.mp4j.cluster.ignite;

import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolBackend;
import io.mp4j.launcher.pool.PoolOptions;

/**
 * The pool backend {@value #NAME}: {@code Pools.open(options)} with {@code -Dmp4j.backend=ignite} runs the pool on
 * the Ignite cluster named by {@link ClusterSettings#fromSystemProperties()}. The pools and shared objects of one JVM
 * share one driver node, started by the first and stopped when the last closes.
 *
 * <p>Threading: thread-safe.
 */
public final class IgnitePoolBackend implements PoolBackend
{
    /** This backend's name. */
    public static final String NAME = "ignite";

    /**
     * For {@link java.util.ServiceLoader}.
     */
    public IgnitePoolBackend()
    {
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Pool open(final PoolOptions options)
    {
        final IgniteCluster cluster = SharedDriver.acquire();
        try
        {
            return cluster.pool(options, SharedDriver::release);
        }
        catch (final RuntimeException | Error ex)
        {
            SharedDriver.release();
            throw ex;
        }
    }
}
