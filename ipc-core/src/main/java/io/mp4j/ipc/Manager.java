package io.mp4j.ipc;

import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.collections.SharedList;
import io.mp4j.ipc.collections.SharedMap;
import io.mp4j.ipc.collections.SharedMapOptions;
import io.mp4j.ipc.collections.SharedNamespace;
import io.mp4j.ipc.durable.DurableQueue;
import io.mp4j.ipc.durable.DurableQueueOptions;
import io.mp4j.ipc.queue.QueueOptions;
import io.mp4j.ipc.queue.SharedQueue;
import io.mp4j.ipc.sync.SharedBarrier;
import io.mp4j.ipc.sync.SharedCondition;
import io.mp4j.ipc.sync.SharedEvent;
import io.mp4j.ipc.sync.SharedLock;
import io.mp4j.ipc.sync.SharedSemaphore;
import io.mp4j.ipc.values.SharedBoolean;
import io.mp4j.ipc.values.SharedDouble;
import io.mp4j.ipc.values.SharedDoubleArray;
import io.mp4j.ipc.values.SharedInt;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.ipc.values.SharedLongArray;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Python's {@code multiprocessing.Manager()} without its server process: one object that creates or attaches every
 * kind of shared object by name in a {@link Space}. Another JVM that opens a manager on the same space and asks for
 * the same name gets the same object. Nothing runs in the background: each object is shared memory (or a Chronicle
 * file) that every process maps, so operations cost no round trip to a server, and no object dies with a manager
 * process.
 *
 * <p>The manager remembers what it handed out and closes all of it in {@link #close()} (the files stay; see
 * {@link Space#destroy()}). Chronicle is loaded only by {@link #dict}, {@link #list}, {@link #namespace} and
 * {@link #durableQueue}: a JVM that uses a manager for values, locks or queues never loads it.
 *
 * <p>Threading: any thread; the objects' own notes apply to them. Ordering: as each object's.
 */
public final class Manager implements AutoCloseable
{
    private final Space space;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private boolean closed;

    private Manager(final Space space)
    {
        this.space = space;
    }

    /**
     * @param space the space that holds the manager's objects.
     * @return a manager of that space.
     */
    public static Manager of(final Space space)
    {
        return new Manager(space);
    }

    /**
     * @param spaceName a space's name, as {@link Space#open(String)} takes it.
     * @return a manager of that space.
     */
    public static Manager open(final String spaceName)
    {
        return new Manager(Space.open(spaceName));
    }

    /** @return the space of the manager's objects. */
    public Space space()
    {
        return space;
    }

    /**
     * Python: {@code manager.dict()}.
     *
     * @param name the map's name.
     * @return the map of any keys and values ({@link Codecs#objects()}), created with default options if missing.
     */
    public SharedMap<Object, Object> dict(final String name)
    {
        return track(SharedMap.open(space, name));
    }

    /**
     * @param name    the map's name.
     * @param options its shape if this call creates it.
     * @param keys    the key codec.
     * @param values  the value codec.
     * @param <K>     the type of keys.
     * @param <V>     the type of values.
     * @return the typed map.
     */
    public <K, V> SharedMap<K, V> dict(
        final String name, final SharedMapOptions options, final Codec<K> keys, final Codec<V> values)
    {
        return track(SharedMap.open(space, name, options, keys, values));
    }

    /**
     * Python: {@code manager.list()}.
     *
     * @param name the list's name.
     * @return the list of any elements ({@link Codecs#objects()}).
     */
    public SharedList<Object> list(final String name)
    {
        return track(SharedList.open(space, name));
    }

    /**
     * @param name     the list's name.
     * @param options  the shape of the map under it, if this call creates it.
     * @param elements the element codec.
     * @param <E>      the type of elements.
     * @return the typed list.
     */
    public <E> SharedList<E> list(final String name, final SharedMapOptions options, final Codec<E> elements)
    {
        return track(SharedList.open(space, name, options, elements));
    }

    /**
     * Python: {@code manager.Namespace()}.
     *
     * @param name the namespace's name.
     * @return the namespace.
     */
    public SharedNamespace namespace(final String name)
    {
        return track(SharedNamespace.open(space, name));
    }

    /**
     * Python: {@code manager.Queue()}.
     *
     * @param name the queue's name.
     * @return the queue of any objects, with default options.
     */
    public SharedQueue<Object> queue(final String name)
    {
        return queue(name, QueueOptions.defaults(), Codecs.objects());
    }

    /**
     * Python: {@code manager.JoinableQueue()}.
     *
     * @param name the queue's name.
     * @return the joinable queue of any objects.
     */
    public SharedQueue<Object> joinableQueue(final String name)
    {
        return queue(name, QueueOptions.defaults().withJoinable(true), Codecs.objects());
    }

    /**
     * @param name    the queue's name.
     * @param options its shape if this call creates it.
     * @param codec   the message codec.
     * @param <T>     the type of messages.
     * @return the queue.
     */
    public <T> SharedQueue<T> queue(final String name, final QueueOptions options, final Codec<T> codec)
    {
        return track(SharedQueue.open(space, name, options, codec));
    }

    /**
     * A persisted, replayable queue (no Python counterpart).
     *
     * @param name    the queue's name.
     * @param options its directory, roll cycle and retention.
     * @param codec   the message codec.
     * @param <T>     the type of messages.
     * @return the durable queue.
     */
    public <T> DurableQueue<T> durableQueue(final String name, final DurableQueueOptions options, final Codec<T> codec)
    {
        return track(DurableQueue.open(space, name, options, codec));
    }

    /**
     * Python: {@code manager.Value('q', initial)}.
     *
     * @param name    the value's name.
     * @param initial its value if this call creates it.
     * @return the shared long.
     */
    public SharedLong value(final String name, final long initial)
    {
        return track(space.sharedLong(name, initial));
    }

    /**
     * Python: {@code manager.Value('i', initial)}.
     *
     * @param name    the value's name.
     * @param initial its value if this call creates it.
     * @return the shared int.
     */
    public SharedInt value(final String name, final int initial)
    {
        return track(space.sharedInt(name, initial));
    }

    /**
     * Python: {@code manager.Value('d', initial)}.
     *
     * @param name    the value's name.
     * @param initial its value if this call creates it.
     * @return the shared double.
     */
    public SharedDouble value(final String name, final double initial)
    {
        return track(space.sharedDouble(name, initial));
    }

    /**
     * Python: {@code manager.Value(c_bool, initial)}.
     *
     * @param name    the value's name.
     * @param initial its value if this call creates it.
     * @return the shared boolean.
     */
    public SharedBoolean value(final String name, final boolean initial)
    {
        return track(space.sharedBoolean(name, initial));
    }

    /**
     * Python: {@code manager.Array('q', length)}.
     *
     * @param name   the array's name.
     * @param length its length.
     * @return the shared long array.
     */
    public SharedLongArray longArray(final String name, final int length)
    {
        return track(space.sharedLongArray(name, length));
    }

    /**
     * Python: {@code manager.Array('d', length)}.
     *
     * @param name   the array's name.
     * @param length its length.
     * @return the shared double array.
     */
    public SharedDoubleArray doubleArray(final String name, final int length)
    {
        return track(space.sharedDoubleArray(name, length));
    }

    /**
     * Python: {@code manager.Lock()}.
     *
     * @param name the lock's name.
     * @return the lock.
     */
    public SharedLock lock(final String name)
    {
        return track(space.lock(name));
    }

    /**
     * Python: {@code manager.RLock()}.
     *
     * @param name the lock's name.
     * @return the reentrant lock.
     */
    public SharedLock rlock(final String name)
    {
        return track(space.rlock(name));
    }

    /**
     * Python: {@code manager.Semaphore(permits)}.
     *
     * @param name    the semaphore's name.
     * @param permits its permits if this call creates it.
     * @return the semaphore.
     */
    public SharedSemaphore semaphore(final String name, final long permits)
    {
        return track(space.semaphore(name, permits));
    }

    /**
     * Python: {@code manager.BoundedSemaphore(permits)}.
     *
     * @param name    the semaphore's name.
     * @param permits its permits and bound if this call creates it.
     * @return the bounded semaphore.
     */
    public SharedSemaphore boundedSemaphore(final String name, final long permits)
    {
        return track(space.boundedSemaphore(name, permits));
    }

    /**
     * Python: {@code manager.Event()}.
     *
     * @param name the event's name.
     * @return the event.
     */
    public SharedEvent event(final String name)
    {
        return track(space.event(name));
    }

    /**
     * Python: {@code manager.Condition(lock)}.
     *
     * @param name the condition's name.
     * @param lock its lock.
     * @return the condition.
     */
    public SharedCondition condition(final String name, final SharedLock lock)
    {
        return track(space.condition(name, lock));
    }

    /**
     * Python: {@code manager.Barrier(parties)}.
     *
     * @param name    the barrier's name.
     * @param parties its parties.
     * @return the barrier.
     */
    public SharedBarrier barrier(final String name, final int parties)
    {
        return track(space.barrier(name, parties));
    }

    /**
     * Closes every object this manager handed out, newest first; their files stay. Idempotent.
     */
    @Override
    public void close()
    {
        RuntimeException failure = null;
        while (true)
        {
            final AutoCloseable object;
            synchronized (this)
            {
                closed = true;
                object = opened.pollFirst();
            }
            if (object == null)
            {
                break;
            }
            try
            {
                object.close();
            }
            catch (final Exception ex)
            {
                if (failure == null)
                {
                    failure = new Mp4jException("cannot close " + object + ": " + ex, ex);
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
        return "Manager{" + space.directory() + "}";
    }

    private <T extends AutoCloseable> T track(final T object)
    {
        synchronized (this)
        {
            if (!closed)
            {
                opened.addFirst(object);
                return object;
            }
        }
        try
        {
            object.close();
        }
        catch (final Exception ignore)
        {
            // Closing what a closed manager opened: nothing else to do.
        }
        throw new IllegalStateException("manager of " + space.directory() + " is closed");
    }
}
