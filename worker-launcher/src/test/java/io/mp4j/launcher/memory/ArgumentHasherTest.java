package io.mp4j.launcher.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgumentHasherTest
{
    private record Point(int x, int y)
    {
    }

    private record Other(int x, int y)
    {
    }

    private record Order(String id, List<Object> items)
    {
    }

    private enum Colour
    {
        RED,
        GREEN
        {
            @Override
            public String toString()
            {
                return "green";
            }
        }
    }

    private record Celsius(double degrees) implements CacheKey
    {
        @Override
        public Object cacheKey()
        {
            return Math.round(degrees * 10);
        }
    }

    private static final class Fahrenheit implements CacheKey
    {
        private final double degrees;

        Fahrenheit(final double degrees)
        {
            this.degrees = degrees;
        }

        @Override
        public Object cacheKey()
        {
            return Math.round(degrees * 10);
        }
    }

    private static final class SelfKey implements CacheKey
    {
        @Override
        public Object cacheKey()
        {
            return this;
        }
    }

    private static String hex(final Object... values)
    {
        final ArgumentHasher hasher = new ArgumentHasher();
        for (final Object value : values)
        {
            hasher.add(value);
        }
        return HexFormat.of().formatHex(hasher.digest());
    }

    @Test
    void shouldHashEqualValuesEqually()
    {
        final Map<String, Object> hashMap = new HashMap<>();
        final Map<String, Object> treeMap = new TreeMap<>();
        for (int i = 0; i < 100; i++)
        {
            hashMap.put("key" + i, List.of(i, "v" + i));
        }
        for (int i = 99; i >= 0; i--)
        {
            treeMap.put("key" + i, Arrays.asList(i, "v" + i));
        }
        assertEquals(hex(hashMap), hex(treeMap), "a HashMap and a TreeMap with the same entries");

        final Set<Object> ascending = new LinkedHashSet<>();
        final Set<Object> descending = new LinkedHashSet<>();
        for (int i = 0; i < 50; i++)
        {
            ascending.add("e" + i);
            descending.add("e" + (49 - i));
        }
        assertEquals(hex(ascending), hex(descending), "sets in different insertion orders");
        assertEquals(hex(ascending), hex(Set.copyOf(descending)));

        assertEquals(hex(new Point(1, 2)), hex(new Point(1, 2)), "records by content");
        assertEquals(hex((Object)new int[] {1, 2, 3}), hex((Object)new int[] {1, 2, 3}), "arrays by content");
        assertEquals(hex((Object)new double[] {1.5, -0.0}), hex((Object)new double[] {1.5, -0.0}));
        assertEquals(
            hex((Object)new Object[] {"a", new long[] {7}, List.of(1)}),
            hex((Object)new Object[] {"a", new long[] {7}, new ArrayList<>(List.of(1))}));
        assertEquals(hex(List.of(1, 2)), hex(new LinkedList<>(List.of(1, 2))), "any List by its elements");
        assertEquals(hex(Optional.of("x")), hex(Optional.of(new String(new char[] {'x'}))));
        assertEquals(hex(new BigInteger("123456789012345678901234567890")),
            hex(new BigInteger("123456789012345678901234567890")));
        assertEquals(hex(Colour.GREEN), hex(Colour.valueOf("GREEN")), "an enum constant with a body");
    }

    @Test
    void shouldHashDifferentValuesOrTypesDifferently()
    {
        final List<String> distinct = List.of(
            hex(1),
            hex(1L),
            hex((short)1),
            hex((byte)1),
            hex(1.0),
            hex(1.0f),
            hex('1'),
            hex("1"),
            hex(BigInteger.ONE),
            hex(new BigDecimal("1.0")),
            hex(new BigDecimal("1.00")),
            hex(true),
            hex((Object)null),
            hex("null"),
            hex(List.of("ab", "c")),
            hex(List.of("a", "bc")),
            hex(List.of("c", "ab")),
            hex((Object)new int[] {1}),
            hex((Object)new long[] {1}),
            hex((Object)new Integer[] {1}),
            hex((Object)new Object[] {1}),
            hex(List.of(1)),
            hex(Set.of(1)),
            hex(List.of()),
            hex(Set.of()),
            hex(Map.of()),
            hex(Map.of("a", 1)),
            hex(Map.of("a", 2)),
            hex(Map.of(1, "a")),
            hex(new Point(1, 2)),
            hex(new Point(2, 1)),
            hex(new Other(1, 2)),
            hex(0.0),
            hex(-0.0),
            hex(Colour.RED),
            hex(Colour.GREEN),
            hex(Point.class),
            hex(Optional.empty()),
            hex(Optional.of(1)),
            hex(new UUID(1, 2)),
            hex(LocalDate.of(2024, 1, 2)),
            hex(Duration.ofSeconds(1)),
            hex(ZoneId.of("Europe/Paris")),
            hex(1, 2),
            hex(12));
        assertEquals(distinct.size(), Set.copyOf(distinct).size(), "every value distinct: " + distinct);
    }

    @Test
    void shouldHashEveryNaNAsOneValue()
    {
        final double otherNaN = Double.longBitsToDouble(0x7ff8_0000_0000_0001L);
        assertTrue(Double.isNaN(otherNaN));
        assertEquals(hex(Double.NaN), hex(otherNaN));
        final float otherFloatNaN = Float.intBitsToFloat(0x7fc0_0001);
        assertEquals(hex(Float.NaN), hex(otherFloatNaN));

        final double[] canonical = new double[5000];
        final double[] payload = new double[5000];
        Arrays.fill(canonical, 0.25);
        Arrays.fill(payload, 0.25);
        canonical[3000] = Double.NaN;
        payload[3000] = otherNaN;
        assertEquals(hex((Object)canonical), hex((Object)payload), "a NaN in the second chunk of a double[]");
        final float[] floats = {1, Float.NaN};
        final float[] floatsPayload = {1, otherFloatNaN};
        assertEquals(hex((Object)floats), hex((Object)floatsPayload));
    }

    @Test
    void shouldEncodePrimitiveArraysInBulkAsTheirElementsOneByOne() throws Exception
    {
        // 3001 doubles after a 5-byte value: chunks cross the buffer unaligned and end part-full
        final double[] values = new double[3001];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = i * 0.5 - 7;
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(ArgumentTags.INT);
        out.writeInt(9);
        out.writeByte(ArgumentTags.ARRAY);
        writeText(out, "double");
        out.writeInt(values.length);
        for (final double value : values)
        {
            out.writeLong(Double.doubleToLongBits(value));
        }
        final byte[] expected = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        assertArrayEquals(expected, new ArgumentHasher().add(9).add(values).digest());
    }

    @Test
    void shouldKeepDigestsEqualAcrossJvmsAndVersions()
    {
        // golden: any change to the encoding must change ENCODING_VERSION and these literals. The first is
        // SHA-256 of 05 0000002a (INT, 42); the last of 1b 00000002 'i' 'd' 05 00000007 (RAW "id", INT 7).
        // The record and enum digests include this test's class names.
        assertEquals(1, ArgumentHasher.ENCODING_VERSION);
        assertEquals("401f281a9ece0da6fc629a6297d4302bfa9145d8c17095ee6d74f293b1bd4c38", hex(42));
        assertEquals("877cc646497af887969163c13dbd77a350ad8f2d539304e1ec2b653b2b4cb14d",
            hex("héllo, wörld", 'c', -3L, 2.5f, (byte)4, (short)-5, true, null));
        assertEquals("b73ba0d4211490be1f84633e5cd0d33cedb795318397bf5cbc231b42d54e67e8",
            hex(List.of(1, "a", 2.5), Map.of("k", Set.of(1, 2)), new BigDecimal("3.14")));
        assertEquals("2ae1feb8b926cd59c2cde62b8db06a2c07c38bcb99dceb99b4167e8042ef449c",
            hex(new Point(3, 4), new double[] {1.5, -0.0, Double.NaN}, Colour.RED,
                new UUID(5, 6), LocalDate.of(2024, 2, 29), Optional.of(Point.class)));
        assertEquals("647c338cf67e6f969593f8dcb115dc6e6e58d2007b2beb8f8ec3a256307e7e5b",
            HexFormat.of().formatHex(new ArgumentHasher()
                .addBytes("id".getBytes(StandardCharsets.UTF_8)).add("argument 0", 7).digest()));
    }

    @Test
    void shouldNameTypeAndPathOfUnhashableArgument()
    {
        final Thread thread = new Thread(() -> { });
        final UnhashableArgumentException ex = assertThrows(UnhashableArgumentException.class,
            () -> new ArgumentHasher().add(new Order("o1", Arrays.asList(1, 2, 3, thread))));
        assertTrue(ex.getMessage().startsWith("cannot hash argument: java.lang.Thread at [0].items[3] (hashable: "),
            ex.getMessage());
        assertTrue(ex.getMessage().contains("implement io.mp4j.launcher.memory.CacheKey"), ex.getMessage());
        assertEquals("java.lang.Thread", ex.typeName());
        assertEquals("[0].items[3]", ex.path());

        final UnhashableArgumentException labelled = assertThrows(UnhashableArgumentException.class,
            () -> new ArgumentHasher().add("argument 0", 1).add("argument 1", Map.of("k", new Object())));
        assertEquals("argument 1[\"k\"]", labelled.path());
        assertEquals("java.lang.Object", labelled.typeName());

        final UnhashableArgumentException second = assertThrows(UnhashableArgumentException.class,
            () -> new ArgumentHasher().add(1).add(List.of(Optional.of(new StringBuilder()))));
        assertEquals("[1][0].get()", second.path());
    }

    @Test
    void shouldRejectLambdasStreamsIteratorsAndHiddenClasses()
    {
        final Function<Integer, Integer> lambda = x -> x + 1;
        final Iterator<Integer> iterator = List.of(1).iterator();
        for (final Object value : List.of(lambda, Stream.of(1), iterator, lambda.getClass()))
        {
            final UnhashableArgumentException ex =
                assertThrows(UnhashableArgumentException.class, () -> new ArgumentHasher().add(value), value::toString);
            assertEquals("[0]", ex.path());
        }
        final Set<Object> set = new LinkedHashSet<>(List.of(1, 2, iterator));
        assertEquals("[0]{element 2}", assertThrows(UnhashableArgumentException.class,
            () -> new ArgumentHasher().add(set)).path());
        final Map<Object, Object> map = new HashMap<>(Map.of(iterator, 1));
        assertEquals("[0]{key 0}", assertThrows(UnhashableArgumentException.class,
            () -> new ArgumentHasher().add(map)).path());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldReportACycleInsteadOfOverflowingTheStack()
    {
        final List<Object> list = new ArrayList<>();
        list.add(1);
        list.add(list);
        final UnhashableArgumentException ex =
            assertThrows(UnhashableArgumentException.class, () -> new ArgumentHasher().add(list));
        assertTrue(ex.getMessage().contains("cycle"), ex.getMessage());
        assertEquals("[0][1]", ex.path());

        final Map<String, Object> map = new HashMap<>();
        map.put("self", List.of(map));
        assertThrows(UnhashableArgumentException.class, () -> new ArgumentHasher().add(map));
        assertThrows(UnhashableArgumentException.class, () -> new ArgumentHasher().add(new SelfKey()));

        Object deep = 1;
        for (int i = 0; i < 100_000; i++)
        {
            deep = new Object[] {deep};
        }
        final Object tooDeep = deep;
        final UnhashableArgumentException depth =
            assertThrows(UnhashableArgumentException.class, () -> new ArgumentHasher().add(tooDeep));
        assertTrue(depth.getMessage().contains("nested more than " + ArgumentHasher.MAX_DEPTH), depth.getMessage());
    }

    @Test
    void shouldAcceptTheSameValueTwiceWhenItIsNoCycle()
    {
        final List<Integer> shared = List.of(1, 2);
        assertEquals(hex(List.of(List.of(1, 2), List.of(1, 2))), hex(Arrays.asList(shared, shared)));
    }

    @Test
    void shouldHashACacheKeyByItsStandInAndClass()
    {
        assertEquals(hex(new Celsius(21.04)), hex(new Celsius(21.01)), "equal stand-ins");
        assertNotEquals(hex(new Celsius(21.0)), hex(new Celsius(22.0)));
        assertNotEquals(hex(new Celsius(21.0)), hex(new Fahrenheit(21.0)), "same stand-in, other class");
        assertNotEquals(hex(new Celsius(21.0)), hex(210L), "not the stand-in alone");
    }

    @Test
    void shouldStartAfreshAfterDigestResetAndError()
    {
        final ArgumentHasher hasher = new ArgumentHasher();
        final byte[] first = hasher.add("x").digest();
        assertArrayEquals(first, hasher.add("x").digest(), "digest resets");
        hasher.add("junk");
        hasher.reset();
        assertArrayEquals(first, hasher.add("x").digest(), "reset forgets");
        hasher.add("junk");
        assertThrows(UnhashableArgumentException.class, () -> hasher.add(List.of(Set.of(new Object()))));
        assertArrayEquals(first, hasher.add("x").digest(), "an error resets");
        assertFalse(Arrays.equals(first, hasher.addBytes("x".getBytes(StandardCharsets.UTF_8)).digest()),
            "raw bytes are not the string");
        assertFalse(Arrays.equals(hasher.add(new byte[] {1}).digest(), hasher.addBytes(new byte[] {1}).digest()),
            "raw bytes are not a byte[] value");
    }

    @Test
    void shouldHashAnUnpairedSurrogateApartFromAQuestionMark()
    {
        assertNotEquals(hex("a\uD800"), hex("a?"));
        assertEquals(hex("a\uD800"), hex("a" + '\uD800'));
        assertNotEquals(hex("\uD83D\uDE00"), hex("\uDE00\uD83D"));
    }

    private static void writeText(final DataOutputStream out, final String text) throws IOException
    {
        final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
