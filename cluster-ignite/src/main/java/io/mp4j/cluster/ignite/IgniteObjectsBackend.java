package io.mp4j.cluster.ignite;

import io.mp4j.launcher.objects.SharedObjects;
import io.mp4j.launcher.objects.SharedObjectsBackend;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;

/**
 * The shared-objects backend {@value IgnitePoolBackend#NAME}: {@code SharedObjects.open(namespace)} with
 * {@code -Dmp4j.backend=ignite} opens the namespace on the Ignite cluster.
 * <ul>
 *   <li>In a member JVM (a task of an Ignite pool, say), it uses the member's own node.</li>
 *   <li>Elsewhere it uses the driver node that this JVM's pools and shared objects share, joined with
 *       {@link ClusterSettings#fromSystemProperties()}: the first user starts it, and the last to close stops
 *       it.</li>
 * </ul>
 *
 * <p>Threading: thread-safe.
 */
public final class IgniteObjectsBackend implements SharedObjectsBackend
{
    /**
     * For {@link java.util.ServiceLoader}.
     */
    public IgniteObjectsBackend()
    {
    }

    @Override
    public String name()
    {
        return IgnitePoolBackend.NAME;
    }

    @Override
    public SharedObjects open(final String namespace)
    {
        final Ignite member = localMember();
        if (member != null)
        {
            return new IgniteObjects(member, namespace, () ->
            {
            });
        }
        final IgniteCluster cluster = SharedDriver.acquire();
        try
        {
            return new IgniteObjects(cluster.ignite(), namespace, SharedDriver::release);
        }
        catch (final RuntimeException | Error ex)
        {
            SharedDriver.release();
            throw ex;
        }
    }

    private static Ignite localMember()
    {
        for (final Ignite ignite : Ignition.allGrids())
        {
            if (!ignite.cluster().localNode().isClient())
            {
                return ignite;
            }
        }
        return null;
    }
}
