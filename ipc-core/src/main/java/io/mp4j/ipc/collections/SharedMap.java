package io.mp4j.ipc.collections;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.Codecs;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A map shared by every JVM that opens it by name: Python's {@code Manager().dict()} with no server process. The
 * entries live in a Chronicle Map file in the space directory ({@code <name>~map}); keys and values pass through
 * {@link Codec}s, so a key must encode to the same bytes in every JVM (built-in types, enums and records of them do;
 * a serialized {@code HashMap} may not). Chronicle is loaded on first use of a map, never by a JVM that uses none.
 *
 * <p>Every operation, reads included, first takes the robust lock of the key's stripe (one stripe per group of
 * Chronicle segments, in a lock table region named like the map). {@link #get}, {@link #put}, {@link #remove},
 * {@link #putIfAbsent}, {@link #replace}, {@link #compute}, {@link #computeIfAbsent}, {@link #computeIfPresent} and
 * {@link #merge} are atomic across JVMs. A process killed inside an operation leaves its stripe to the next process
 * that needs it, which finds the owner dead within 50 ms, takes every stripe and repairs the map (Chronicle's segment
 * recovery) before going on: the others wait well under a second instead of Chronicle's minute.
 * See docs/COLLECTIONS.md.
 *
 * <p>Functions passed to {@code compute}, {@code merge} and the like run while the stripe is held: they must be short
 * and must not use the map (an {@link IllegalStateException} says so). Iteration ({@link #entrySet()},
 * {@link #keySet()}, {@link #values()}, {@link #forEach}) is weakly consistent: it copies one segment at a time under
 * its stripe, never fails because of concurrent updates, and sees each entry that stays in the map throughout.
 *
 * <p>Threading: any thread of any process; one instance may serve every thread of a JVM. Ordering: each operation
 * happens after every operation on the same key that released the stripe before it (the stripe's CAS pairs with the
 * previous holder's release store).
 *
 * @param <K> the type of keys.
 * @param <V> the type of values.
 */
public interface SharedMap<K, V> extends ConcurrentMap<K, V>, AutoCloseable
{
    /**
     * Creates the map if missing, else attaches to it (its shape is then the creator's).
     *
     * <p>Threading: any thread. The first map a JVM opens loads Chronicle Map (0.4 to 2 s, runtime javac included).
     *
     * @param space   the space.
     * @param name    the map's name.
     * @param options the shape, if this call creates the map.
     * @param keys    how keys become bytes; every process must use a compatible codec.
     * @param values  how values become bytes.
     * @param <K>     the type of keys.
     * @param <V>     the type of values.
     * @return the map; the caller closes it.
     * @throws io.mp4j.ipc.Mp4jException if the file system has no room for it, or its files are not sound.
     */
    static <K, V> SharedMap<K, V> open(
        final Space space, final String name, final SharedMapOptions options, final Codec<K> keys,
        final Codec<V> values)
    {
        return io.mp4j.ipc.chronicle.Chronicles.openMap(space, name, options, keys, values);
    }

    /**
     * Opens a map of any keys and values with {@link Codecs#objects()} and default options.
     *
     * @param space the space.
     * @param name  the map's name.
     * @return the map; the caller closes it.
     */
    static SharedMap<Object, Object> open(final Space space, final String name)
    {
        return open(space, name, SharedMapOptions.defaults(), Codecs.objects(), Codecs.objects());
    }

    /** @return the map's name in its space. */
    String name();

    /** @return the Chronicle Map file that holds the entries. */
    Path file();

    /** @return the map's shape, as this process asked for it (an attached map has its creator's). */
    SharedMapOptions options();

    /**
     * @return how many times a process found a stripe's owner dead and repaired the map, since it was created.
     */
    long recoveries();

    /**
     * Puts a value and returns nothing, sparing the decoding of the previous one.
     *
     * @param key   the key.
     * @param value the value.
     * @throws MapFullException if the key is new and the map has no room.
     */
    void set(K key, V value);

    /**
     * Removes an entry and returns whether there was one, sparing the decoding of its value.
     *
     * @param key the key.
     * @return true if the key was present.
     */
    boolean delete(K key);

    /**
     * Atomically applies {@code function} to the value of {@code key} (or null) and stores the result (removes the
     * entry if null). Runs while the key's stripe is held.
     *
     * @param key      the key.
     * @param function computes the new value; must not use this map.
     * @return the new value, or null.
     */
    @Override
    V compute(K key, BiFunction<? super K, ? super V, ? extends V> function);

    /**
     * Atomically combines {@code value} with the present value of {@code key} (Python: {@code d[k] = d.get(k, 0) +
     * v} done right). Runs while the key's stripe is held.
     *
     * @param key      the key.
     * @param value    the value to merge in; put as it is if the key is absent.
     * @param function combines the old value and {@code value}; must not use this map.
     * @return the new value, or null if removed.
     */
    @Override
    V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> function);

    /**
     * @param key      the key.
     * @param function computes a value for an absent key; must not use this map.
     * @return the present or computed value.
     */
    @Override
    V computeIfAbsent(K key, Function<? super K, ? extends V> function);

    /**
     * @param key      the key.
     * @param function computes the new value of a present key; must not use this map.
     * @return the new value, or null.
     */
    @Override
    V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> function);

    /** @return true once closed in this process. */
    boolean isClosed();

    /**
     * Closes the map in this process; other processes keep it, and its files stay. Idempotent.
     *
     * <p>Threading: must not race this instance's other operations.
     */
    @Override
    void close();

    /**
     * Closes the map and deletes its files (the Chronicle Map file and the lock table): processes that have it open
     * keep using it, new ones create a new, empty map. Idempotent.
     */
    void unlink();
}
