package io.mp4j.launcher.objects;

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
import io.mp4j.launcher.pool.Pools;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Lock;

/**
 * mp4j's shared objects on the engine that configuration names, the same one {@link Pools} opens pools on: the
 * system property {@value Pools#BACKEND_PROPERTY}, else the environment variable {@value Pools#BACKEND_ENV}, else
 * {@value Pools#LOCAL}. Objects are found by name within a namespace: every process (every node of a cluster) that
 * opens the same namespace on the same backend sees the same objects.
 *
 * <pre>{@code
 * try (SharedObjects objects = SharedObjects.open("jobs"))     // -Dmp4j.backend=ignite: on the cluster
 * {
 *     LongValue done = objects.longValue("done");
 *     done.incrementAndGet();
 *     ConcurrentMap<String, Integer> scores = objects.map("scores", String.class, Integer.class);
 *     scores.merge("alice", 1, Integer::sum);
 * }
 * }</pre>
 *
 * <p>Built in: {@value Pools#LOCAL}, the local engine: the namespace is a {@link io.mp4j.ipc.Space} of that name and
 * each object is the class of ipc-core that implements its interface ({@code SharedLong}, {@code SharedInt},
 * {@code SharedDouble}, {@code SharedBoolean}, {@code SharedMap},
 * {@code SharedQueue}, {@code SharedLock}, {@code SharedSemaphore}, {@code SharedEvent}, {@code SharedBarrier}).
 * Other backends are {@link SharedObjectsBackend}s found with {@link ServiceLoader} on the class path (module
 * cluster-ignite adds {@code ignite}). Keys, values and messages are encoded by the launcher's object codec on
 * every backend, so the same types travel (records, enums, serializable classes on the allow-list).
 *
 * <p>Objects are made on first use with the arguments given then; a later open of the same name gets the object as
 * it is (its capacity, permits or parties are the creator's). Each handle belongs to this {@code SharedObjects}:
 * {@link #close()} lets go of them all; the objects themselves stay for the other processes.
 *
 * <p>Threading: thread-safe; each object is usable from any thread.
 */
public interface SharedObjects extends AutoCloseable
{
    /**
     * @param namespace the namespace: letters, digits, '.', '_' and '-'.
     * @return the objects of that namespace on the configured backend ({@link Pools#configuredBackend()}).
     * @throws IllegalArgumentException if no backend has that name.
     */
    static SharedObjects open(final String namespace)
    {
        return open(Pools.configuredBackend(), namespace);
    }

    /**
     * @param backend   a backend's name: {@value Pools#LOCAL} or one found on the class path.
     * @param namespace the namespace: letters, digits, '.', '_' and '-'.
     * @return the objects of that namespace on that backend.
     * @throws IllegalArgumentException if no backend has that name.
     */
    static SharedObjects open(final String backend, final String namespace)
    {
        if (Pools.LOCAL.equals(backend))
        {
            return LocalObjects.open(namespace);
        }
        final Map<String, SharedObjectsBackend> loaded = new TreeMap<>();
        for (final SharedObjectsBackend found : ServiceLoader.load(SharedObjectsBackend.class))
        {
            loaded.putIfAbsent(found.name(), found);
        }
        final SharedObjectsBackend found = loaded.get(backend);
        if (found == null)
        {
            throw new IllegalArgumentException("no shared-objects backend named '" + backend + "': backends " +
                Pools.LOCAL + " and " + loaded.keySet() + " (a cluster backend needs its module on the class " +
                "path, e.g. cluster-ignite for 'ignite')");
        }
        return found.open(namespace);
    }

    /**
     * @return the backend's name, e.g. {@value Pools#LOCAL}.
     */
    String backend();

    /**
     * @return the namespace.
     */
    String namespace();

    /**
     * @param name the value's name.
     * @return the 64-bit value of that name, created with 0 if missing.
     */
    LongValue longValue(String name);

    /**
     * @param name    the value's name.
     * @param initial its value if this call creates it.
     * @return the 64-bit value of that name.
     */
    LongValue longValue(String name, long initial);

    /**
     * @param name the value's name.
     * @return the 32-bit value of that name, created with 0 if missing.
     */
    IntValue intValue(String name);

    /**
     * @param name    the value's name.
     * @param initial its value if this call creates it.
     * @return the 32-bit value of that name.
     */
    IntValue intValue(String name, int initial);

    /**
     * @param name the value's name.
     * @return the floating-point value of that name, created with 0.0 if missing.
     */
    DoubleValue doubleValue(String name);

    /**
     * @param name    the value's name.
     * @param initial its value if this call creates it.
     * @return the floating-point value of that name.
     */
    DoubleValue doubleValue(String name, double initial);

    /**
     * @param name the value's name.
     * @return the flag of that name, created false if missing.
     */
    BooleanValue booleanValue(String name);

    /**
     * @param name    the value's name.
     * @param initial its value if this call creates it.
     * @return the flag of that name.
     */
    BooleanValue booleanValue(String name, boolean initial);

    /**
     * A map whose operations are atomic across processes ({@code putIfAbsent}, {@code replace}, {@code remove} with
     * a value, {@code compute}, {@code merge}...). Keys must encode to the same bytes in every process; values are
     * compared by their encoding.
     *
     * @param name      the map's name.
     * @param keyType   the type of keys.
     * @param valueType the type of values.
     * @param <K>       the type of keys.
     * @param <V>       the type of values.
     * @return the map of that name, created empty if missing.
     */
    <K, V> ConcurrentMap<K, V> map(String name, Class<K> keyType, Class<V> valueType);

    /**
     * @param name     the queue's name.
     * @param capacity how many messages it holds at most, if this call creates it (the local engine rounds it up
     *                 to a power of two).
     * @param <T>      the type of message.
     * @return the queue of that name.
     */
    <T> MessageQueue<T> queue(String name, int capacity);

    /**
     * A reentrant lock across processes. {@link Lock#newCondition()} is not supported.
     *
     * @param name the lock's name.
     * @return the lock of that name.
     */
    Lock lock(String name);

    /**
     * @param name    the semaphore's name.
     * @param permits its permits, if this call creates it.
     * @return the semaphore of that name.
     */
    Permits semaphore(String name, int permits);

    /**
     * @param name the event's name.
     * @return the event of that name, created clear if missing.
     */
    Event event(String name);

    /**
     * @param name    the barrier's name.
     * @param parties its parties, if this call creates it.
     * @return the barrier of that name.
     */
    Barrier barrier(String name, int parties);

    /**
     * One end of a duplex pipe between two processes (Python's {@code a, b = Pipe()}): each process opens its end by
     * name, and what one end sends the other receives, in order. Each end is opened once; closing it ends the other
     * end's stream once it has received what was sent before.
     *
     * @param name the pipe's name.
     * @param end  which end: {@link Pipe.End#A} or {@link Pipe.End#B}.
     * @return that end, open; close it.
     */
    PipeEnd pipe(String name, Pipe.End end);

    /**
     * Lets go of every handle this opened; the objects stay for the other processes.
     */
    @Override
    void close();
}
