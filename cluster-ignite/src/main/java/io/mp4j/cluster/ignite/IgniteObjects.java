package io.mp4j.cluster.ignite;

import io.mp4j.ipc.Barrier;
import io.mp4j.ipc.BooleanValue;
import io.mp4j.ipc.DoubleValue;
import io.mp4j.ipc.Event;
import io.mp4j.ipc.IntValue;
import io.mp4j.ipc.LongValue;
import io.mp4j.ipc.MessageQueue;
import io.mp4j.ipc.Permits;
import io.mp4j.ipc.PipeEnd;
import io.mp4j.ipc.pipe.Pipe;
import io.mp4j.ipc.region.Names;
import io.mp4j.launcher.objects.SharedObjects;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteQueue;
import org.apache.ignite.configuration.CollectionConfiguration;

import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Lock;

/**
 * mp4j's shared objects on an Ignite cluster. Each object is an Ignite data structure named
 * {@code NAMESPACE~NAME} (a map is the cache {@code mp4j-NAMESPACE~NAME}, under the {@code mp4j-*} template):
 * <ul>
 *   <li>{@link #longValue}: an {@code IgniteAtomicLong};</li>
 *   <li>{@link #intValue}, {@link #doubleValue} and {@link #booleanValue}: an {@code IgniteAtomicLong} holding the
 *       int, the double's raw bits or 0/1, with compare-and-set loops for additions. The type is not recorded:
 *       values of different types must not share a name;</li>
 *   <li>{@link #map}: an atomic cache, {@code FULL_SYNC}, one backup ({@link IgniteSharedMap});</li>
 *   <li>{@link #queue}: a bounded {@code IgniteQueue}, one backup;</li>
 *   <li>{@link #lock}: a reentrant {@code IgniteLock}, failover-safe: a node that leaves the cluster releases its
 *       holds;</li>
 *   <li>{@link #semaphore}: a failover-safe {@code IgniteSemaphore};</li>
 *   <li>{@link #event} and {@link #barrier}: count-down latches ({@link IgniteEvent}, {@link IgniteBarrier});</li>
 *   <li>{@link #pipe}: a queue per direction, and per end a closed flag and the id of the node that opened it
 *       ({@link IgnitePipeEnd}).</li>
 * </ul>
 * The atomics and collections have one backup and are written synchronously ({@link NodeConfigurations}). Keys,
 * values and messages are the launcher codec's encodings ({@link ObjectBytes}). Closing lets go of nothing in the
 * cluster: the objects stay while a member holds them.
 *
 * <p>Threading: thread-safe.
 */
public final class IgniteObjects implements SharedObjects
{
    private final Ignite ignite;
    private final String namespace;
    private final Runnable onClose;
    private final ObjectBytes bytes = new ObjectBytes();
    private boolean closed;

    IgniteObjects(final Ignite ignite, final String namespace, final Runnable onClose)
    {
        this.ignite = ignite;
        this.namespace = Names.validate("namespace", namespace);
        this.onClose = onClose;
    }

    @Override
    public String backend()
    {
        return IgnitePoolBackend.NAME;
    }

    @Override
    public String namespace()
    {
        return namespace;
    }

    @Override
    public LongValue longValue(final String name)
    {
        return longValue(name, 0);
    }

    @Override
    public LongValue longValue(final String name, final long initial)
    {
        return new IgniteLongValue(ignite.atomicLong(qualified(name), initial, true));
    }

    @Override
    public IntValue intValue(final String name)
    {
        return intValue(name, 0);
    }

    @Override
    public IntValue intValue(final String name, final int initial)
    {
        return new IgniteIntValue(ignite.atomicLong(qualified(name), initial, true));
    }

    @Override
    public DoubleValue doubleValue(final String name)
    {
        return doubleValue(name, 0);
    }

    @Override
    public DoubleValue doubleValue(final String name, final double initial)
    {
        return new IgniteDoubleValue(ignite.atomicLong(qualified(name), IgniteDoubleValue.bits(initial), true));
    }

    @Override
    public BooleanValue booleanValue(final String name)
    {
        return booleanValue(name, false);
    }

    @Override
    public BooleanValue booleanValue(final String name, final boolean initial)
    {
        return new IgniteBooleanValue(ignite.atomicLong(qualified(name), IgniteBooleanValue.bits(initial), true));
    }

    @Override
    public <K, V> ConcurrentMap<K, V> map(final String name, final Class<K> keyType, final Class<V> valueType)
    {
        final IgniteCache<String, byte[]> cache = ignite.getOrCreateCache("mp4j-" + qualified(name));
        return new IgniteSharedMap<>(cache, bytes, keyType, valueType);
    }

    @Override
    public <T> MessageQueue<T> queue(final String name, final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity=" + capacity);
        }
        final IgniteQueue<byte[]> queue = ignite.queue(qualified(name), capacity,
            new CollectionConfiguration().setBackups(1));
        return new IgniteMessageQueue<>(queue, bytes);
    }

    @Override
    public PipeEnd pipe(final String name, final Pipe.End end)
    {
        return new IgnitePipeEnd(ignite, qualified(name), end, bytes);
    }

    @Override
    public Lock lock(final String name)
    {
        return ignite.reentrantLock(qualified(name), true, false, true);
    }

    @Override
    public Permits semaphore(final String name, final int permits)
    {
        return new IgnitePermits(ignite.semaphore(qualified(name), permits, true, true));
    }

    @Override
    public Event event(final String name)
    {
        return new IgniteEvent(ignite, qualified(name));
    }

    @Override
    public Barrier barrier(final String name, final int parties)
    {
        return new IgniteBarrier(ignite, qualified(name), parties);
    }

    @Override
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        onClose.run();
    }

    @Override
    public String toString()
    {
        return "IgniteObjects(" + namespace + " on " + ignite.name() + ")";
    }

    private String qualified(final String name)
    {
        return namespace + "~" + Names.validate("name", name);
    }
}
