package io.mp4j.ipc.chronicle;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.collections.SharedMapOptions;
import io.mp4j.ipc.testkit.NoLeaks;
import net.openhft.chronicle.map.VanillaChronicleMap;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The fast paths of {@link ChronicleSharedMap}: the stripe of a key computed without a query context must be the
 * stripe of the segment Chronicle's context finds, for every kind of key; fixed-width keys and values stored without
 * a size, whatever codecs an attaching process passes; reads and writes of keys and values on both sides of the
 * exact-array cache ({@value ChronicleSharedMap#EXACT_CACHED} bytes).
 */
@NoLeaks
@Timeout(120)
class ChronicleSharedMapTest
{
    /** Encodes as {@code Codecs.longs()} does, but is not that instance: the map cannot know it is fixed-width. */
    private static final Codec<Long> LONGS_BY_ANOTHER_NAME = new Codec<>()
    {
        @Override
        public int encode(final Long value, final MutableDirectBuffer buffer, final int offset)
        {
            return Codecs.longs().encode(value, buffer, offset);
        }

        @Override
        public Long decode(final DirectBuffer buffer, final int offset, final int length)
        {
            return Codecs.longs().decode(buffer, offset, length);
        }
    };

    @Test
    void shouldFindEachKeysStripeAsChroniclesQueryContextDoes(final Space space)
    {
        for (final long entries : new long[] {100, 65_536, 1_000_000})
        {
            try (ChronicleSharedMap<Object, Object> map = ChronicleSharedMap.open(space, "m" + entries,
                SharedMapOptions.defaults().withEntries(entries), Codecs.objects(), Codecs.objects()))
            {
                assertTrue(map.hashesKeysItself(), "the check at open agreed, entries=" + entries);
                final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
                final List<Object> keys = new java.util.ArrayList<>(List.of("", "a", "hello", "x".repeat(300), 0L,
                    -1L, Long.MAX_VALUE, 3.5, List.of(1, 2, 3)));
                for (int i = 0; i < 20_000; i++)
                {
                    keys.add(i % 2 == 0 ? (Object)((long)i * 0x9E3779B97F4A7C15L) : "key-" + i);
                }
                for (final Object key : keys)
                {
                    final int length = Codecs.objects().encode(key, buffer, 0);
                    final byte[] bytes = Arrays.copyOf(buffer.byteArray(), length);
                    assertEquals(map.contextStripeOf(bytes), map.stripeOf(bytes), "key " + key);
                }
                map.unlink();
            }
        }
    }

    @Test
    void shouldStoreFixedWidthKeysAndValuesWithoutASizeAndAttachWhateverTheAttachersCodecs(final Space space)
    {
        assertEquals(8, ChronicleSharedMap.fixedWidth(Codecs.longs()));
        assertEquals(8, ChronicleSharedMap.fixedWidth(Codecs.doubles()));
        assertEquals(4, ChronicleSharedMap.fixedWidth(Codecs.ints()));
        assertEquals(-1, ChronicleSharedMap.fixedWidth(Codecs.strings()));
        assertEquals(-1, ChronicleSharedMap.fixedWidth(LONGS_BY_ANOTHER_NAME));
        final SharedMapOptions options = SharedMapOptions.defaults().withEntries(10_000);
        // created constant-size, attached by a process whose codecs are not known to be fixed-width: the file's layout
        try (ChronicleSharedMap<Long, Long> fixed = ChronicleSharedMap.open(space, "fixed", options, Codecs.longs(),
            Codecs.longs());
             ChronicleSharedMap<Long, Long> attached = ChronicleSharedMap.open(space, "fixed", options,
                 LONGS_BY_ANOTHER_NAME, LONGS_BY_ANOTHER_NAME))
        {
            for (long i = 0; i < 5_000; i++)
            {
                fixed.put(i, -i);
            }
            for (long i = 0; i < 5_000; i++)
            {
                assertEquals(-i, attached.get(i));
                attached.merge(i, 1L, Long::sum);
                assertEquals(1 - i, fixed.get(i));
            }
            assertEquals(5_000, attached.size());
            fixed.unlink();
        }
        // and the other way round
        try (ChronicleSharedMap<Long, Long> variable = ChronicleSharedMap.open(space, "variable", options,
            LONGS_BY_ANOTHER_NAME, LONGS_BY_ANOTHER_NAME);
             ChronicleSharedMap<Long, Long> attached = ChronicleSharedMap.open(space, "variable", options,
                 Codecs.longs(), Codecs.longs()))
        {
            for (long i = 0; i < 5_000; i++)
            {
                variable.put(i, -i);
            }
            for (long i = 0; i < 5_000; i++)
            {
                assertEquals(-i, attached.put(i, i));
                assertEquals(i, variable.get(i));
            }
            variable.unlink();
        }
    }

    @Test
    void shouldHandKeysAndValuesToChronicleWithoutAllocatingInEveryProcessThatOpensTheMap(final Space space)
    {
        final SharedMapOptions options = SharedMapOptions.defaults().withEntries(10_000);
        try (ChronicleSharedMap<Long, Long> created = ChronicleSharedMap.open(space, "m", options, Codecs.longs(),
            Codecs.longs());
             ChronicleSharedMap<Long, Long> attached = ChronicleSharedMap.open(space, "m", options,
                 LONGS_BY_ANOTHER_NAME, LONGS_BY_ANOTHER_NAME))
        {
            for (final ChronicleSharedMap<Long, Long> map : List.of(created, attached))
            {
                final VanillaChronicleMap<?, ?, ?> vanilla = (VanillaChronicleMap<?, ?, ?>)map.chronicle();
                assertInstanceOf(ReusingByteArrayDataAccess.class, vanilla.keyDataAccess);
                assertInstanceOf(ReusingByteArrayDataAccess.class, vanilla.valueDataAccess);
            }
            for (long i = 0; i < 1_000; i++)
            {
                created.set(i, i);
            }
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long thread = Thread.currentThread().getId();
            long sum = 0;
            for (int round = 0; round < 3; round++) // the first rounds warm up
            {
                final long before = threads.getThreadAllocatedBytes(thread);
                for (long i = 0; i < 200_000; i++)
                {
                    sum += created.put(i % 1_000, i % 1_000) + created.get(i % 1_000);
                }
                final double perCall = (threads.getThreadAllocatedBytes(thread) - before) / 400_000.0;
                System.out.println("shared map: " + perCall + " bytes allocated per get or put (round " + round + ")");
                if (round == 2)
                {
                    // Boxed keys and values, and what the JIT has not yet removed, measured 50 to 90 bytes; with
                    // Chronicle's own byte[] access, which wraps each key and value anew, it was 360.
                    assertTrue(perCall < 150, "bytes per call: " + perCall);
                }
            }
            assertTrue(sum > 0);
            created.unlink();
        }
    }

    @Test
    void shouldReadAndWriteKeysAndValuesOfEveryLength(final Space space)
    {
        try (ChronicleSharedMap<String, String> map = ChronicleSharedMap.open(space, "m",
            SharedMapOptions.defaults().withEntries(2_000), Codecs.strings(), Codecs.strings()))
        {
            final int[] lengths = {0, 1, 7, 8, 64, ChronicleSharedMap.EXACT_CACHED - 1, ChronicleSharedMap.EXACT_CACHED,
                ChronicleSharedMap.EXACT_CACHED + 1, 1_000, 5_000};
            for (final int keyLength : lengths)
            {
                final String key = "k".repeat(keyLength);
                assertNull(map.get(key));
                assertEquals("none", map.getOrDefault(key, "none"));
                String previous = null;
                for (final int valueLength : lengths)
                {
                    final String value = Integer.toString(valueLength % 10).repeat(valueLength);
                    assertEquals(previous, map.put(key, value), "key " + keyLength + " value " + valueLength);
                    assertEquals(value, map.get(key), "key " + keyLength + " value " + valueLength);
                    assertTrue(map.containsKey(key));
                    previous = value;
                }
                for (int i = lengths.length - 1; i >= 0; i--)
                {
                    final String value = "v".repeat(lengths[i]);
                    map.set(key, value);
                    assertEquals(value, map.getOrDefault(key, "none"));
                }
            }
            assertEquals(lengths.length, map.size());
            for (final int keyLength : lengths)
            {
                assertEquals("", map.remove("k".repeat(keyLength)));
            }
            assertTrue(map.isEmpty());
            map.unlink();
        }
    }
}
