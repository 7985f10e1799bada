package io.mp4j.launcher.pool;

/**
 * An engine that can run a {@link Pool}'s tasks, found by name: {@link Pools} opens pools on the backend that
 * configuration names. mp4j's own backends, {@value Pools#LOCAL} (worker JVMs on this host, the default) and
 * {@value Pools#THREADS}, are built in; others come from modules on the class path, each listing its implementation
 * in {@code META-INF/services/io.mp4j.launcher.pool.PoolBackend} (module cluster-ignite adds {@code ignite}).
 * Implementations have a public no-argument constructor.
 *
 * <p>Threading: {@link #open} may be called from any thread, several at once.
 */
public interface PoolBackend
{
    /**
     * @return the name configuration selects this backend by, e.g. {@code "ignite"}: lower case, no spaces.
     */
    String name();

    /**
     * Opens a pool on this backend; closing the pool releases whatever the backend took for it.
     *
     * @param options the pool's settings; a backend rejects those it cannot honour.
     * @return the pool.
     * @throws IllegalArgumentException if an option does not apply to this backend.
     */
    Pool open(PoolOptions options);
}
