package io.mp4j.bench.collections;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.collections.SharedMap;
import io.mp4j.ipc.collections.SharedMapOptions;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The maps the map throughput benchmark compares, as endpoints of {@code long} keys and values: mp4j's
 * {@link SharedMap} with {@code Codecs.longs()} for keys and values, and raw Chronicle Map {@code ChronicleMap<Long,
 * Long>}, both sized for the same number of entries of 8-byte keys and values, both in a file in the run directory
 * (in /dev/shm). Every call boxes its key and value, and {@code get} and {@code put} return the value (previous
 * value) as an object, in both.
 *
 * <p>Threading: one endpoint per thread.
 */
final class MapImpls
{
    /** mp4j's shared map: a robust stripe lock around every Chronicle call. */
    static final String MP4J = "mp4j.SharedMap";
    /** Raw Chronicle Map, as a process that opens the file itself would use it. */
    static final String CHRONICLE = "chronicle.Map";

    /** Every implementation, in table order. */
    static final List<String> ALL = List.of(MP4J, CHRONICLE);

    /** What {@link Endpoint#get} and {@link Endpoint#put} return for an absent key. */
    static final long ABSENT = Long.MIN_VALUE;

    private static final String MP4J_NAME = "bench-map";

    private MapImpls()
    {
    }

    /** A map seen from one thread. */
    interface Endpoint extends AutoCloseable
    {
        /**
         * @param key the key.
         * @return its value, or {@link #ABSENT}.
         */
        long get(long key);

        /**
         * @param key   the key.
         * @param value its new value.
         * @return the previous value, or {@link #ABSENT}.
         */
        long put(long key, long value);

        @Override
        void close();
    }

    /**
     * Creates a map of {@code keys} entries and puts every key {@code 0..keys-1} with its own value.
     *
     * @param impl an implementation.
     * @param dir  the run directory.
     * @param keys the entries.
     * @return what the endpoints need to attach.
     */
    static String create(final String impl, final Path dir, final long keys)
    {
        final String where = switch (impl)
        {
            case MP4J -> dir.resolve("space").toString();
            case CHRONICLE -> dir.resolve("raw.cmap").toString();
            default -> throw new IllegalArgumentException("unknown map " + impl + "; known: " + ALL);
        };
        try (Endpoint map = open(impl, where, keys))
        {
            for (long key = 0; key < keys; key++)
            {
                map.put(key, key);
            }
        }
        return where;
    }

    /**
     * Opens an endpoint on a map made by {@link #create}.
     *
     * @param impl  the implementation.
     * @param where what {@link #create} returned.
     * @param keys  the entries it was sized for.
     * @return the endpoint.
     */
    static Endpoint open(final String impl, final String where, final long keys)
    {
        return switch (impl)
        {
            case MP4J -> new Mp4jEndpoint(SharedMap.open(Space.at(Path.of(where)), MP4J_NAME,
                SharedMapOptions.defaults().withEntries(keys).withAverageKeyBytes(Long.BYTES)
                    .withAverageValueBytes(Long.BYTES), Codecs.longs(), Codecs.longs()));
            case CHRONICLE -> new ChronicleEndpoint(where, keys);
            default -> throw new IllegalArgumentException("unknown map " + impl + "; known: " + ALL);
        };
    }

    /** mp4j's map. */
    private static final class Mp4jEndpoint implements Endpoint
    {
        private final SharedMap<Long, Long> map;

        Mp4jEndpoint(final SharedMap<Long, Long> map)
        {
            this.map = map;
        }

        @Override
        public long get(final long key)
        {
            final Long value = map.get(key);
            return value == null ? ABSENT : value;
        }

        @Override
        public long put(final long key, final long value)
        {
            final Long previous = map.put(key, value);
            return previous == null ? ABSENT : previous;
        }

        @Override
        public void close()
        {
            map.close();
        }
    }

    /** Raw Chronicle Map of boxed longs. */
    private static final class ChronicleEndpoint implements Endpoint
    {
        private final ChronicleMap<Long, Long> map;

        ChronicleEndpoint(final String file, final long keys)
        {
            try
            {
                this.map = ChronicleMapBuilder.of(Long.class, Long.class)
                    .name("bench-raw")
                    .entries(keys)
                    .createPersistedTo(Path.of(file).toFile());
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot open " + file, ex);
            }
        }

        @Override
        public long get(final long key)
        {
            final Long value = map.get(key);
            return value == null ? ABSENT : value;
        }

        @Override
        public long put(final long key, final long value)
        {
            final Long previous = map.put(key, value);
            return previous == null ? ABSENT : previous;
        }

        @Override
        public void close()
        {
            map.close();
        }
    }
}
