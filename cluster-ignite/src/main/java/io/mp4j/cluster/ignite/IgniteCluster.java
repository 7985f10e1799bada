package io.mp4j.cluster.ignite;

import io.mp4j.launcher.objects.SharedObjects;
import io.mp4j.launcher.pool.EnginePool;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.RetryPolicy;
import io.mp4j.launcher.pool.Workers;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterGroup;
import org.apache.ignite.cluster.ClusterNode;

import java.util.Objects;

/**
 * A driver's handle on an mp4j Ignite cluster: the Ignite client node this JVM runs to reach the members, and the
 * pools that run tasks on them.
 *
 * <pre>{@code
 * try (IgniteCluster cluster = IgniteCluster.connect(ClusterSettings.of("127.0.0.1:47500..47502"));
 *      Pool pool = cluster.pool(PoolOptions.defaults()))
 * {
 *     List<Integer> squares = pool.map(x -> x * x, inputs);   // the same calls as on a ProcessPool
 * }
 * }</pre>
 *
 * <p>A pool's tasks run on the members' compute threads; the tasks' classes must be on the members' class path.
 * Its size (what automatic chunks are computed from) is {@link PoolOptions#workers()} when positive, and counts
 * back from the members' compute threads when negative ({@code -1}: all of them). Options that describe worker JVMs
 * ({@code spec}, {@code keepAlive}) do not apply; {@code initializer}, {@code maxTasksPerChild}, {@code taskTimeout}
 * and {@code retry} are not supported on Ignite yet and are refused. A member that dies does not fail tasks: Ignite
 * runs its unanswered chunks again on the others.
 *
 * <p>Threading: thread-safe.
 */
public final class IgniteCluster implements AutoCloseable
{
    private final Ignite ignite;
    private final boolean owned;

    private IgniteCluster(final Ignite ignite, final boolean owned)
    {
        this.ignite = ignite;
        this.owned = owned;
    }

    /**
     * Starts this JVM's driver node (an Ignite client node) and joins the members; waits for them up to
     * {@link NodeConfigurations#DRIVER_JOIN_TIMEOUT_MS}.
     *
     * @param settings where the members are.
     * @return the connected cluster; {@link #close()} stops the driver node.
     * @throws MissingJvmFlagsException if this JVM lacks Ignite's flags (checked before Ignite is touched).
     * @throws org.apache.ignite.IgniteException if no member can be joined.
     */
    public static IgniteCluster connect(final ClusterSettings settings)
    {
        IgniteFlags.requireInThisJvm();
        return new IgniteCluster(Ignition.start(NodeConfigurations.driver(settings)), true);
    }

    /**
     * @param ignite an Ignite node this JVM already runs, configured like {@link NodeConfigurations}'s (it stays
     *               the caller's: {@link #close()} does not stop it).
     * @return a handle running pools through it.
     */
    public static IgniteCluster of(final Ignite ignite)
    {
        return new IgniteCluster(Objects.requireNonNull(ignite, "ignite"), false);
    }

    /**
     * @return the Ignite node this handle uses.
     */
    public Ignite ignite()
    {
        return ignite;
    }

    /**
     * @return the members (server nodes) in the topology now.
     */
    public int members()
    {
        return ignite.cluster().forServers().nodes().size();
    }

    /**
     * @return the members' task threads, added up: each member's attribute
     * {@value NodeConfigurations#COMPUTE_THREADS_ATTRIBUTE}, or its processors if it has none.
     */
    public int computeThreads()
    {
        int threads = 0;
        for (final ClusterNode node : ignite.cluster().forServers().nodes())
        {
            final Object attribute = node.attribute(NodeConfigurations.COMPUTE_THREADS_ATTRIBUTE);
            threads += attribute instanceof Integer count ? count : node.metrics().getTotalCpus();
        }
        return threads;
    }

    /**
     * Opens a pool whose tasks run on the members.
     *
     * @param options the pool's settings (see the class comment for those that apply).
     * @return the pool; closing it cancels nothing that still runs but waits for it, as every pool does.
     * @throws IllegalArgumentException if an option is not supported on Ignite.
     * @throws IllegalStateException    if the cluster has no member.
     */
    public Pool pool(final PoolOptions options)
    {
        return pool(options, () ->
        {
        });
    }

    Pool pool(final PoolOptions options, final Runnable onClose)
    {
        refuseUnsupported(options);
        final ClusterGroup members = ignite.cluster().forServers();
        final int count = members.nodes().size();
        if (count == 0)
        {
            throw new IllegalStateException("the cluster has no member: start members (ClusterMember) first");
        }
        final int size = Workers.resolve(options.workers(), computeThreads());
        return new EnginePool(size, new IgnitePoolEngine(
            ignite.compute(members).withExecutor(NodeConfigurations.TASK_EXECUTOR), onClose),
            "IgnitePool(" + count + " members)");
    }

    /**
     * Opens a namespace of shared objects on the cluster ({@link IgniteObjects} says what each object is).
     *
     * @param namespace the namespace: letters, digits, '.', '_' and '-'.
     * @return its objects; closing them lets go of nothing in the cluster.
     */
    public SharedObjects objects(final String namespace)
    {
        return new IgniteObjects(ignite, namespace, () ->
        {
        });
    }

    /**
     * Stops the driver node if {@link #connect} started it; pools still running lose their tasks.
     */
    @Override
    public void close()
    {
        if (owned)
        {
            ignite.close();
        }
    }

    @Override
    public String toString()
    {
        return "IgniteCluster(" + ignite.name() + ")";
    }

    private static void refuseUnsupported(final PoolOptions options)
    {
        if (options.initializer() != null)
        {
            throw unsupported("initializer", options.initializer());
        }
        if (options.maxTasksPerChild() != 0)
        {
            throw unsupported("maxTasksPerChild", options.maxTasksPerChild());
        }
        if (options.taskTimeout() != null)
        {
            throw unsupported("taskTimeout", options.taskTimeout());
        }
        if (!options.retry().equals(RetryPolicy.none()))
        {
            throw unsupported("retry", options.retry() + " (a member's death is retried by Ignite itself)");
        }
    }

    private static IllegalArgumentException unsupported(final String option, final Object value)
    {
        return new IllegalArgumentException("the Ignite pool does not support PoolOptions." + option + " yet: " +
            option + "=" + value);
    }
}
