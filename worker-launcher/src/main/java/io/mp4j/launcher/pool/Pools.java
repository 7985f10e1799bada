package io.mp4j.launcher.pool;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Opens pools on the backend that configuration names, so that the same code runs on this host's worker JVMs or on
 * a cluster: the system property {@value #BACKEND_PROPERTY}, else the environment variable {@value #BACKEND_ENV},
 * else {@value #LOCAL}.
 *
 * <pre>{@code
 * try (Pool pool = Pools.open(PoolOptions.defaults()))     // -Dmp4j.backend=ignite runs it on a cluster
 * {
 *     List<Integer> squares = pool.map(x -> x * x, inputs);
 * }
 * }</pre>
 *
 * <p>Built in: {@value #LOCAL} ({@link ProcessPool}) and {@value #THREADS} ({@link ThreadPool}). Other backends
 * are {@link PoolBackend}s found with {@link ServiceLoader} on the class path.
 *
 * <p>Threading: static methods, any thread.
 */
public final class Pools
{
    /** System property naming the backend. */
    public static final String BACKEND_PROPERTY = "mp4j.backend";
    /** Environment variable naming the backend when the property is not set. */
    public static final String BACKEND_ENV = "MP4J_BACKEND";
    /** Worker JVMs on this host: the default. */
    public static final String LOCAL = "local";
    /** Threads of this JVM. */
    public static final String THREADS = "threads";

    private Pools()
    {
    }

    /**
     * @param options the pool's settings.
     * @return a pool on the configured backend ({@link #configuredBackend()}).
     * @throws IllegalArgumentException if no backend has that name, or an option does not apply to it.
     */
    public static Pool open(final PoolOptions options)
    {
        return open(configuredBackend(), options);
    }

    /**
     * @param backend a backend's name: {@value #LOCAL}, {@value #THREADS} or one found on the class path.
     * @param options the pool's settings.
     * @return a pool on that backend.
     * @throws IllegalArgumentException if no backend has that name, or an option does not apply to it.
     */
    public static Pool open(final String backend, final PoolOptions options)
    {
        return switch (backend)
        {
            case LOCAL -> new ProcessPool(options);
            case THREADS -> new ThreadPool(options);
            default ->
            {
                final PoolBackend found = loaded().get(backend);
                if (found == null)
                {
                    throw new IllegalArgumentException("no pool backend named '" + backend + "': backends " +
                        backends() + " (a cluster backend needs its module on the class path, e.g. cluster-ignite " +
                        "for 'ignite')");
                }
                yield found.open(options);
            }
        };
    }

    /**
     * @return the backend named by {@value #BACKEND_PROPERTY}, else {@value #BACKEND_ENV}, else {@value #LOCAL}.
     */
    public static String configuredBackend()
    {
        final String property = System.getProperty(BACKEND_PROPERTY);
        if (property != null && !property.isBlank())
        {
            return property.trim();
        }
        final String env = System.getenv(BACKEND_ENV);
        if (env != null && !env.isBlank())
        {
            return env.trim();
        }
        return LOCAL;
    }

    /**
     * @return the names of every backend available here, sorted.
     */
    public static Set<String> backends()
    {
        final Set<String> names = new TreeSet<>(loaded().keySet());
        names.add(LOCAL);
        names.add(THREADS);
        return names;
    }

    private static Map<String, PoolBackend> loaded()
    {
        final Map<String, PoolBackend> backends = new TreeMap<>();
        for (final PoolBackend backend : ServiceLoader.load(PoolBackend.class))
        {
            final PoolBackend previous = backends.putIfAbsent(backend.name(), backend);
            if (previous != null || LOCAL.equals(backend.name()) || THREADS.equals(backend.name()))
            {
                throw new IllegalStateException("two pool backends named '" + backend.name() + "': " +
                    backend.getClass().getName() + " and " +
                    (previous == null ? "mp4j's own" : previous.getClass().getName()));
            }
        }
        return backends;
    }
}
