package io.mp4j.ipc.chronicle;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.collections.SharedList;
import io.mp4j.ipc.collections.SharedMap;
import io.mp4j.ipc.collections.SharedMapOptions;
import io.mp4j.ipc.durable.DurableQueue;
import io.mp4j.ipc.durable.DurableQueueOptions;

/**
 * The one door into the Chronicle-backed objects: the public types ({@link SharedMap}, {@link SharedList},
 * {@link DurableQueue}) call these, so that Chronicle's classes load when a JVM first opens such an object and
 * never in a JVM that opens none. This package is the only one that imports {@code net.openhft}.
 *
 * <p>Threading: any thread.
 */
public final class Chronicles
{
    private Chronicles()
    {
    }

    /**
     * @param space   the space.
     * @param name    the map's name.
     * @param options its shape, if this call creates it.
     * @param keys    the key codec.
     * @param values  the value codec.
     * @param <K>     the type of keys.
     * @param <V>     the type of values.
     * @return the map, created or attached.
     */
    public static <K, V> SharedMap<K, V> openMap(
        final Space space, final String name, final SharedMapOptions options, final Codec<K> keys,
        final Codec<V> values)
    {
        return ChronicleSharedMap.open(space, name, options, keys, values);
    }

    /**
     * @param space    the space.
     * @param name     the list's name.
     * @param options  the shape of its map, if this call creates it.
     * @param elements the element codec.
     * @param <E>      the type of elements.
     * @return the list, created or attached.
     */
    public static <E> SharedList<E> openList(
        final Space space, final String name, final SharedMapOptions options, final Codec<E> elements)
    {
        return new ChronicleSharedList<>(ChronicleSharedMap.open(space, name, options,
            io.mp4j.ipc.codec.Codecs.longs(), elements));
    }

    /**
     * @param space   the space.
     * @param name    the queue's name.
     * @param options its directory, roll cycle and retention.
     * @param codec   the message codec.
     * @param <T>     the type of messages.
     * @return the queue, created or opened.
     */
    public static <T> DurableQueue<T> openQueue(
        final Space space, final String name, final DurableQueueOptions options, final Codec<T> codec)
    {
        return ChronicleDurableQueue.open(space, name, options, codec);
    }
}
