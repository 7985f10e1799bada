package io.mp4j.ipc.codec;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import static io.mp4j.ipc.codec.CodecTestSupport.assertDeepEquals;
import static io.mp4j.ipc.codec.CodecTestSupport.decode;
import static io.mp4j.ipc.codec.CodecTestSupport.encode;
import static io.mp4j.ipc.codec.CodecTestSupport.hex;
import static io.mp4j.ipc.codec.CodecTestSupport.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordsTest
{
    static final Codec<Object> CODEC = Codecs.objectsAllowing("io.mp4j.ipc.codec.");

    enum Side
    {
        BUY,
        SELL
        {
            @Override
            public String toString()
            {
                return "sell";
            }
        }
    }

    record Point(int x, int y)
    {
    }

    record Line(Point from, Point to, String label)
    {
    }

    record Node(int value, Node next)
    {
    }

    record Empty()
    {
    }

    record Positive(int value)
    {
        Positive
        {
            if (value <= 0)
            {
                throw new IllegalArgumentException("value must be positive: value=" + value);
            }
        }
    }

    record Everything(
        boolean z, byte b, short s, char c, int i, long l, float f, double d,
        Boolean bz, Byte bb, Short bs, Character bc, Integer bi, Long bl, Float bf, Double bd,
        String str, boolean[] za, byte[] ba, short[] sa, char[] ca, int[] ia, long[] la, float[] fa, double[] da,
        String[] stra, Side side, Point point)
    {
    }

    record Bag(String name, List<String> items) implements Serializable
    {
        private static final long serialVersionUID = 1L;
    }

    record Unqualified(String name, Object payload)
    {
    }

    static Everything everything()
    {
        return new Everything(true, Byte.MIN_VALUE, Short.MAX_VALUE, 'é', Integer.MIN_VALUE,
            Long.MAX_VALUE, Float.NaN, -0.0, false, (byte)1, (short)-2, '\uD800', 3, Long.MIN_VALUE, 1.5f, Double.NaN,
            "日本😀", new boolean[]{true}, new byte[]{1, 2}, new short[0], new char[]{'a'}, new int[]{1, 2, 3},
            new long[]{Long.MIN_VALUE}, new float[]{Float.MAX_VALUE}, new double[]{Math.E}, new String[]{"a", null},
            Side.SELL, new Point(-1, 1));
    }

    static Everything allNulls()
    {
        return new Everything(false, (byte)0, (short)0, '\0', 0, 0, 0, 0, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @ParameterizedTest
    @MethodSource("io.mp4j.ipc.codec.CodecTestSupport#buffers")
    void shouldRoundTripRecordsOfEveryBuiltInComponentType(final Supplier<MutableDirectBuffer> buffers)
    {
        final MutableDirectBuffer buffer = buffers.get();
        for (final int offset : new int[]{0, 11})
        {
            assertDeepEquals(everything(), roundTrip(CODEC, everything(), buffer, offset));
            assertDeepEquals(allNulls(), roundTrip(CODEC, allNulls(), buffer, offset));
            assertEquals(new Point(3, 4), roundTrip(CODEC, new Point(3, 4), buffer, offset));
            assertEquals(new Empty(), roundTrip(CODEC, new Empty(), buffer, offset));
            assertSame(Side.SELL, roundTrip(CODEC, Side.SELL, buffer, offset));
            assertSame(Side.BUY, roundTrip(CODEC, Side.BUY, buffer, offset));
        }
    }

    @Test
    void shouldRoundTripNestedAndRecursiveRecords()
    {
        final Line line = new Line(new Point(1, 2), null, "diagonal");
        assertEquals(line, decode(CODEC, encode(CODEC, line)));

        Node list = null;
        for (int i = 0; i < 50; i++)
        {
            list = new Node(i, list);
        }
        assertEquals(list, decode(CODEC, encode(CODEC, list)));
        assertEquals(list, decode(Codecs.record(Node.class), encode(Codecs.record(Node.class), list)));
    }

    @Test
    void shouldRefuseRecordsNestedTooDeep()
    {
        Node list = null;
        for (int i = 0; i < RecordShape.MAX_DEPTH + 2; i++)
        {
            list = new Node(i, list);
        }
        final Node deep = list;
        final CodecException ex = assertThrows(CodecException.class, () -> encode(CODEC, deep));
        assertTrue(ex.getMessage().contains("nested deeper than max=64"), ex.getMessage());
    }

    @Test
    void shouldWriteRecordsCompactly()
    {
        final byte[] name = Point.class.getName().getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = encode(CODEC, new Point(1, 2));
        assertEquals(1 + 4 + name.length + 4 + 4 + 4, bytes.length);
        assertEquals("21", hex(bytes).substring(0, 2));
        assertEquals("0100000002000000", hex(bytes).substring(hex(bytes).length() - 16));

        final Codec<Point> typed = Codecs.record(Point.class);
        final byte[] typedBytes = encode(typed, new Point(1, 2));
        assertEquals(12, typedBytes.length);
        assertEquals(hex(bytes).substring(2 * (5 + name.length)), hex(typedBytes));
        assertEquals(new Point(1, 2), decode(typed, typedBytes));
        assertDeepEquals(everything(), decode(Codecs.record(Everything.class),
            encode(Codecs.record(Everything.class), everything())));
    }

    @Test
    void shouldFallBackToSerializationForARecordWithAnotherComponentType()
    {
        final Bag bag = new Bag("fruit", List.of("apple", "pear"));
        final byte[] bytes = encode(CODEC, bag);
        assertEquals(Tags.SERIALIZED, bytes[0]);
        assertEquals(bag, decode(CODEC, bytes));

        final CodecException ex = assertThrows(CodecException.class, () -> encode(CODEC, new Unqualified("x", 1)));
        assertTrue(ex.getMessage().contains("cannot encode " + Unqualified.class.getName() + ": not Serializable"),
            ex.getMessage());
        assertTrue(ex.getMessage().contains("component payload of type java.lang.Object"), ex.getMessage());

        final CodecException typed = assertThrows(CodecException.class, () -> Codecs.record(Bag.class));
        assertTrue(typed.getMessage().contains("component items of type java.util.List"), typed.getMessage());
    }

    @Test
    void shouldRefuseRecordsAndEnumsOffTheAllowListAtEncodeAndDecode()
    {
        final CodecException atEncode = assertThrows(CodecException.class,
            () -> encode(Codecs.objects(), new Point(1, 2)));
        assertEquals("cannot encode " + Point.class.getName() + ": class " + Point.class.getName() +
            " is not on the codec's allow-list; allow it with Codecs.objectsAllowing(\"" + Point.class.getName() +
            "\") or its package with Codecs.objectsAllowing(\"io.mp4j.ipc.codec.\") (the receiving codec would " +
            "refuse it)", atEncode.getMessage());

        final CodecException atDecode = assertThrows(CodecException.class,
            () -> decode(Codecs.objects(), encode(CODEC, new Point(1, 2))));
        assertTrue(atDecode.getMessage().contains("class " + Point.class.getName() + " is not on the codec's " +
            "allow-list"), atDecode.getMessage());

        final Codec<Object> pointOnly = Codecs.objectsAllowing(Point.class.getName());
        final CodecException nested = assertThrows(CodecException.class,
            () -> decode(pointOnly, encode(CODEC, new Line(new Point(1, 2), null, "x"))));
        assertTrue(nested.getMessage().contains(Line.class.getName()), nested.getMessage());
        final CodecException nestedEnum = assertThrows(CodecException.class,
            () -> encode(Codecs.objectsAllowing(Everything.class.getName(), Point.class.getName()), everything()));
        assertTrue(nestedEnum.getMessage().contains("class " + Side.class.getName()), nestedEnum.getMessage());

        assertThrows(CodecException.class, () -> decode(Codecs.objects(), encode(CODEC, Side.BUY)));
        assertEquals(new Point(1, 2), decode(pointOnly, encode(CODEC, new Point(1, 2))));
    }

    @Test
    void shouldObeyACustomFilter()
    {
        final Codec<Object> strict = Codecs.objects(ObjectInputFilter.Config.createFilter(
            Point.class.getName() + ";java.lang.*;!*"));
        assertEquals(new Point(5, 6), decode(strict, encode(strict, new Point(5, 6))));
        final CodecException ex = assertThrows(CodecException.class, () -> encode(strict, Side.BUY));
        assertTrue(ex.getMessage().contains("refused by the codec's ObjectInputFilter"), ex.getMessage());

        // a filter that decides nothing allows nothing
        final Codec<Object> undecided = Codecs.objects(info -> ObjectInputFilter.Status.UNDECIDED);
        assertThrows(CodecException.class, () -> encode(undecided, new Point(1, 1)));
        assertEquals(7, decode(undecided, encode(undecided, 7)));
    }

    @Test
    void shouldLoadClassesWithTheGivenLoader()
    {
        final Codec<Object> codec = Codecs.objects(AllowList.defaults().allow(Point.class),
            RecordsTest.class.getClassLoader());
        final Thread thread = Thread.currentThread();
        final ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try
        {
            assertEquals(new Point(8, 9), decode(codec, encode(codec, new Point(8, 9))));
            assertEquals(new Point(8, 9), decode(CODEC, encode(CODEC, new Point(8, 9))));
        }
        finally
        {
            thread.setContextClassLoader(saved);
        }
    }

    @Test
    void shouldRefuseARecordWhoseShapeChanged()
    {
        final byte[] bytes = encode(CODEC, new Point(1, 2));
        final int fingerprintAt = bytes.length - 12;
        bytes[fingerprintAt] ^= 1;
        final CodecException ex = assertThrows(CodecException.class, () -> decode(CODEC, bytes));
        assertTrue(ex.getMessage().contains("components differ from the writer's"), ex.getMessage());

        final byte[] typed = encode(Codecs.record(Point.class), new Point(1, 2));
        typed[0] ^= 1;
        assertThrows(CodecException.class, () -> decode(Codecs.record(Point.class), typed));
    }

    @Test
    void shouldReportACanonicalConstructorThatRefusesTheValues()
    {
        final byte[] bytes = encode(CODEC, new Positive(5));
        bytes[bytes.length - 4] = -1;
        bytes[bytes.length - 1] = -1;
        final CodecException ex = assertThrows(CodecException.class, () -> decode(CODEC, bytes));
        assertTrue(ex.getMessage().contains("canonical constructor refused"), ex.getMessage());
        assertTrue(ex.getMessage().contains("value must be positive"), ex.getMessage());
    }

    @Test
    void shouldGiveCodecExceptionForARecordMp4jMayNotAccess() throws Exception
    {
        // a record with String and boolean components in a package java.base neither exports nor opens
        final Class<? extends Record> hidden =
            Class.forName("sun.security.pkcs.SignerInfo$AlgorithmInfo").asSubclass(Record.class);
        final CodecException typed = assertThrows(CodecException.class, () -> Codecs.record(hidden));
        assertTrue(typed.getMessage().contains("cannot use record sun.security.pkcs.SignerInfo$AlgorithmInfo"),
            typed.getMessage());
        assertTrue(typed.getMessage().contains("make it public in an exported package"), typed.getMessage());

        // a message naming it, to a codec whose filter allows everything, still fails cleanly
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final byte[] name = hidden.getName().getBytes(StandardCharsets.UTF_8);
        buffer.putByte(0, Tags.RECORD);
        buffer.putInt(1, name.length, Buffers.ORDER);
        buffer.putBytes(5, name);
        buffer.putInt(5 + name.length, 0, Buffers.ORDER);
        final Codec<Object> anything = Codecs.objects(info -> ObjectInputFilter.Status.ALLOWED);
        final CodecException decoded = assertThrows(CodecException.class,
            () -> anything.decode(buffer, 0, 9 + name.length));
        assertTrue(decoded.getMessage().contains("cannot use record"), decoded.getMessage());
    }

    @Test
    void shouldRefuseNonRecordsForTheTypedRecordCodec()
    {
        @SuppressWarnings({"unchecked", "rawtypes"})
        final Class<Record> notRecord = (Class)String.class;
        assertThrows(CodecException.class, () -> Codecs.record(notRecord));
        assertThrows(CodecException.class,
            () -> Codecs.record(Point.class).encode(null, new ExpandableArrayBuffer(), 0));
    }

    @Test
    void shouldGiveTheSameFingerprintForTheSameShapeOnly()
    {
        final int point = TypeInfo.of(Point.class).shape.fingerprint();
        assertEquals(point, TypeInfo.of(Point.class).shape.fingerprint());
        assertNotEquals(point, TypeInfo.of(Positive.class).shape.fingerprint());
        assertNotEquals(point, TypeInfo.of(Line.class).shape.fingerprint());
    }
}
