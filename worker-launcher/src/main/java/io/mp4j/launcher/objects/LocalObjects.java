package io.mp4j.launcher.objects;

import io.mp4j.ipc.Barrier;
import io.mp4j.ipc.BooleanValue;
import io.mp4j.ipc.DoubleValue;
import io.mp4j.ipc.Event;
import io.mp4j.ipc.IntValue;
import io.mp4j.ipc.LongValue;
import io.mp4j.ipc.MessageQueue;
import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.Permits;
import io.mp4j.ipc.PipeEnd;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.collections.SharedMap;
import io.mp4j.ipc.collections.SharedMapOptions;
import io.mp4j.ipc.pipe.ConnectionOptions;
import io.mp4j.ipc.pipe.Pipe;
import io.mp4j.ipc.queue.QueueOptions;
import io.mp4j.ipc.queue.SharedQueue;
import io.mp4j.launcher.pool.Pools;
import io.mp4j.launcher.worker.LauncherClasses;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Lock;

/**
 * The shared objects of the local engine: a {@link Space} named like the namespace, and ipc-core's classes in it.
 *
 * <p>Threading: thread-safe.
 */
final class LocalObjects implements SharedObjects
{
    private final Space space;
    private final Codec<Object> codec = LauncherClasses.codec();
    private final List<AutoCloseable> opened = new ArrayList<>();

    private LocalObjects(final Space space)
    {
        this.space = space;
    }

    static LocalObjects open(final String namespace)
    {
        return new LocalObjects(Space.open(namespace));
    }

    @Override
    public String backend()
    {
        return Pools.LOCAL;
    }

    @Override
    public String namespace()
    {
        return space.name();
    }

    @Override
    public LongValue longValue(final String name)
    {
        return longValue(name, 0);
    }

    @Override
    public LongValue longValue(final String name, final long initial)
    {
        return keep(space.sharedLong(name, initial));
    }

    @Override
    public IntValue intValue(final String name)
    {
        return intValue(name, 0);
    }

    @Override
    public IntValue intValue(final String name, final int initial)
    {
        return keep(space.sharedInt(name, initial));
    }

    @Override
    public DoubleValue doubleValue(final String name)
    {
        return doubleValue(name, 0);
    }

    @Override
    public DoubleValue doubleValue(final String name, final double initial)
    {
        return keep(space.sharedDouble(name, initial));
    }

    @Override
    public BooleanValue booleanValue(final String name)
    {
        return booleanValue(name, false);
    }

    @Override
    public BooleanValue booleanValue(final String name, final boolean initial)
    {
        return keep(space.sharedBoolean(name, initial));
    }

    @Override
    public <K, V> ConcurrentMap<K, V> map(final String name, final Class<K> keyType, final Class<V> valueType)
    {
        return keep(SharedMap.open(space, name, SharedMapOptions.defaults(), this.<K>typed(), this.<V>typed()));
    }

    @Override
    public <T> MessageQueue<T> queue(final String name, final int capacity)
    {
        if (capacity < 1 || capacity > 1 << 30)
        {
            throw new IllegalArgumentException("capacity=" + capacity + " (1 to 2^30)");
        }
        final int slots = Math.max(2, Integer.highestOneBit(capacity - 1) << 1);
        return keep(SharedQueue.<T>open(space, name, QueueOptions.defaults().withSlots(slots), this.<T>typed()));
    }

    @Override
    public Lock lock(final String name)
    {
        return keep(space.rlock(name));
    }

    @Override
    public Permits semaphore(final String name, final int permits)
    {
        return keep(space.semaphore(name, permits));
    }

    @Override
    public Event event(final String name)
    {
        return keep(space.event(name));
    }

    @Override
    public Barrier barrier(final String name, final int parties)
    {
        return keep(space.barrier(name, parties));
    }

    @Override
    public PipeEnd pipe(final String name, final Pipe.End end)
    {
        Pipe pipe;
        try
        {
            pipe = Pipe.create(space, name);
        }
        catch (final Mp4jException taken)
        {
            pipe = Pipe.attach(space, name);
        }
        try (Pipe opened = pipe)
        {
            return keep(opened.open(end, ConnectionOptions.defaults().withCodec(codec)));
        }
    }

    @Override
    public void close()
    {
        final List<AutoCloseable> handles;
        synchronized (opened)
        {
            handles = new ArrayList<>(opened);
            opened.clear();
        }
        RuntimeException failure = null;
        for (int i = handles.size() - 1; i >= 0; i--)
        {
            try
            {
                handles.get(i).close();
            }
            catch (final Exception ex)
            {
                if (failure == null)
                {
                    failure = new IllegalStateException("cannot close a shared object of " + space, ex);
                }
                else
                {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }

    @Override
    public String toString()
    {
        return "LocalObjects(" + space + ")";
    }

    private <T extends AutoCloseable> T keep(final T handle)
    {
        synchronized (opened)
        {
            opened.add(handle);
        }
        return handle;
    }

    @SuppressWarnings("unchecked")
    private <T> Codec<T> typed()
    {
        return (Codec<T>) (Codec<?>) codec;
    }
}
