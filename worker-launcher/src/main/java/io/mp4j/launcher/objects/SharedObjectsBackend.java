package io.mp4j.launcher.objects;

/**
 * An engine that holds mp4j's shared objects, found by name: {@link SharedObjects#open(String, String)} opens the
 * namespace on the backend that configuration names. The local engine, {@value io.mp4j.launcher.pool.Pools#LOCAL},
 * is built in; others come from modules on the class path, each listing its implementation in
 * {@code META-INF/services/io.mp4j.launcher.objects.SharedObjectsBackend} (module cluster-ignite adds
 * {@code ignite}). Implementations have a public no-argument constructor.
 *
 * <p>Threading: {@link #open} may be called from any thread, several at once.
 */
public interface SharedObjectsBackend
{
    /**
     * @return the name configuration selects this backend by, the same as its pool backend's, e.g.
     * {@code "ignite"}.
     */
    String name();

    /**
     * @param namespace the namespace: letters, digits, '.', '_' and '-'.
     * @return the objects of that namespace; closing it releases whatever the backend took for it.
     */
    SharedObjects open(String namespace);
}
