package io.mp4j.cluster.conformance;

import io.mp4j.launcher.objects.SharedObjects;
import io.mp4j.launcher.pool.Pool;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the shared-object suites have in common: each backend's test class supplies this JVM's objects and a pool
 * whose tasks run in other JVMs (worker JVMs, cluster members), where they open the same namespace on the same
 * backend with {@link SharedObjects#open(String, String)}.
 */
@Timeout(120)
public abstract class ObjectsConformance
{
    /** Tasks that run at once in other JVMs in the cross-process tests. */
    protected static final List<Integer> REMOTE_TASKS = List.of(0, 1, 2, 3);

    private static final AtomicInteger NAMES = new AtomicInteger();

    /**
     * @return this JVM's objects, open for the whole class.
     */
    protected abstract SharedObjects objects();

    /**
     * @return a pool of at least two workers in other JVMs, open for the whole class.
     */
    protected abstract Pool pool();

    /**
     * @param kind what the object is.
     * @return a name no other test of this JVM uses.
     */
    protected static String unique(final String kind)
    {
        return kind + "-" + NAMES.incrementAndGet();
    }

    /**
     * @param backend   the backend.
     * @param namespace the namespace.
     * @return the objects of that namespace, opened in the calling JVM (a worker or a member).
     */
    protected static SharedObjects remote(final String backend, final String namespace)
    {
        return SharedObjects.open(backend, namespace);
    }
}
