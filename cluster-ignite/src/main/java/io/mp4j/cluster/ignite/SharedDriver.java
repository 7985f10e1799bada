package io.mp4j.cluster.ignite;

/**
 * The driver node that a JVM's backends share ({@link IgnitePoolBackend}, {@link IgniteObjectsBackend}): started
 * from {@link ClusterSettings#fromSystemProperties()} by the first user, stopped when the last lets go.
 *
 * <p>Threading: thread-safe.
 */
final class SharedDriver
{
    private static final Object LOCK = new Object();
    private static IgniteCluster shared;
    private static int users;

    private SharedDriver()
    {
    }

    /**
     * @return the shared driver, started if this is its first user; the caller calls {@link #release()} once.
     */
    static IgniteCluster acquire()
    {
        synchronized (LOCK)
        {
            if (shared == null)
            {
                shared = IgniteCluster.connect(ClusterSettings.fromSystemProperties());
            }
            users++;
            return shared;
        }
    }

    /**
     * Lets go of the shared driver; the last user stops it.
     */
    static void release()
    {
        synchronized (LOCK)
        {
            if (--users == 0)
            {
                shared.close();
                shared = null;
            }
        }
    }
}
