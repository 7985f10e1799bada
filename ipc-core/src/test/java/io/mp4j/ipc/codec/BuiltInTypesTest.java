package io.mp4j.ipc.codec;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.mp4j.ipc.codec.CodecTestSupport.assertDeepEquals;
import static io.mp4j.ipc.codec.CodecTestSupport.decode;
import static io.mp4j.ipc.codec.CodecTestSupport.encode;
import static io.mp4j.ipc.codec.CodecTestSupport.hex;
import static io.mp4j.ipc.codec.CodecTestSupport.roundTrip;
import static io.mp4j.ipc.codec.CodecTestSupport.unhex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuiltInTypesTest
{
    static final String[] STRINGS = {
        "", "a", "hello, world", "héllo wörld", "日本語のテキスト", "😀 grinning", "a😀b😀",
        "\uD800", "x\uDC00y", "\uDC00\uD800", "\uD83D", "end\uD83D", "\u0000", "\u007f\u0080\u07ff\u0800\uffff",
        "\uD7FF\uE000", "line\nbreak\ttab"
    };

    static List<Object> samples()
    {
        final List<Object> values = new ArrayList<>();
        values.add(null);
        values.add(Boolean.TRUE);
        values.add(Boolean.FALSE);
        for (final byte b : new byte[]{Byte.MIN_VALUE, -1, 0, 1, Byte.MAX_VALUE})
        {
            values.add(b);
        }
        for (final short s : new short[]{Short.MIN_VALUE, -1, 0, 1, Short.MAX_VALUE})
        {
            values.add(s);
        }
        for (final char c : new char[]{Character.MIN_VALUE, 'a', 'é', '\uD800', Character.MAX_VALUE})
        {
            values.add(c);
        }
        for (final int i : new int[]{Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE})
        {
            values.add(i);
        }
        for (final long l : new long[]{Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE})
        {
            values.add(l);
        }
        for (final float f : new float[]{Float.MIN_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE, 0.0f, -0.0f, Float.NaN,
            Float.intBitsToFloat(0x7fc00123), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.5f})
        {
            values.add(f);
        }
        for (final double d : new double[]{Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 0.0, -0.0,
            Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L), Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Math.PI})
        {
            values.add(d);
        }
        values.addAll(List.of(STRINGS));
        values.add("x".repeat(70_000) + "é😀");
        values.add(new boolean[0]);
        values.add(new boolean[]{true, false, true});
        values.add(new byte[0]);
        values.add(new byte[]{Byte.MIN_VALUE, 0, Byte.MAX_VALUE});
        values.add(new short[0]);
        values.add(new short[]{Short.MIN_VALUE, 0, Short.MAX_VALUE});
        values.add(new char[0]);
        values.add(new char[]{Character.MIN_VALUE, 'é', '\uD800', Character.MAX_VALUE});
        values.add(new int[0]);
        values.add(new int[]{Integer.MIN_VALUE, 0, Integer.MAX_VALUE});
        values.add(new long[0]);
        values.add(new long[]{Long.MIN_VALUE, 0, Long.MAX_VALUE});
        values.add(new float[0]);
        values.add(new float[]{Float.NaN, -0.0f, Float.MAX_VALUE, Float.intBitsToFloat(0x7fc00123)});
        values.add(new double[0]);
        values.add(new double[]{Double.NaN, -0.0, Double.MIN_VALUE, Double.longBitsToDouble(0x7ff8000000000123L)});
        values.add(new String[0]);
        values.add(new String[]{"", null, "é", "😀", null, "\uD800"});
        values.add(new long[10_000]);
        return values;
    }

    @ParameterizedTest
    @MethodSource("io.mp4j.ipc.codec.CodecTestSupport#buffers")
    void shouldRoundTripEveryBuiltInTypeAtAnyOffset(final Supplier<MutableDirectBuffer> buffers)
    {
        final Codec<Object> codec = Codecs.objects();
        for (final int offset : new int[]{0, 1, 7, 13})
        {
            final MutableDirectBuffer buffer = buffers.get();
            for (final Object value : samples())
            {
                assertDeepEquals(value, roundTrip(codec, value, buffer, offset));
            }
        }
    }

    @Test
    void shouldWriteTheDocumentedBytes()
    {
        final Codec<Object> codec = Codecs.objects();
        assertEquals("00", hex(encode(codec, null)));
        assertEquals("0101", hex(encode(codec, true)));
        assertEquals("0100", hex(encode(codec, false)));
        assertEquals("02ff", hex(encode(codec, (byte)-1)));
        assertEquals("030201", hex(encode(codec, (short)0x0102)));
        assertEquals("04e900", hex(encode(codec, 'é')));
        assertEquals("0501000000", hex(encode(codec, 1)));
        assertEquals("060807060504030201", hex(encode(codec, 0x0102030405060708L)));
        assertEquals("070000c07f", hex(encode(codec, Float.NaN)));
        assertEquals("08000000000000f03f", hex(encode(codec, 1.0)));
        assertEquals("090300000068c3a9", hex(encode(codec, "hé")));
        assertEquals("0904000000f09f9880", hex(encode(codec, "😀")));
        assertEquals("0903000000eda080", hex(encode(codec, "\uD800")));
        assertEquals("1102000000" + "0100", hex(encode(codec, new boolean[]{true, false})));
        assertEquals("1202000000" + "0102", hex(encode(codec, new byte[]{1, 2})));
        assertEquals("1301000000" + "0201", hex(encode(codec, new short[]{0x0102})));
        assertEquals("1401000000" + "4100", hex(encode(codec, new char[]{'A'})));
        assertEquals("1501000000" + "04030201", hex(encode(codec, new int[]{0x01020304})));
        assertEquals("1601000000" + "0100000000000000", hex(encode(codec, new long[]{1})));
        assertEquals("1701000000" + "0000803f", hex(encode(codec, new float[]{1.0f})));
        assertEquals("1801000000" + "000000000000f03f", hex(encode(codec, new double[]{1.0})));
        assertEquals("1902000000" + "0100000061" + "ffffffff", hex(encode(codec, new String[]{"a", null})));
    }

    @Test
    void shouldPinTheTagValues()
    {
        assertEquals(0x00, Tags.NULL);
        assertEquals(0x01, Tags.BOOLEAN);
        assertEquals(0x02, Tags.BYTE);
        assertEquals(0x03, Tags.SHORT);
        assertEquals(0x04, Tags.CHAR);
        assertEquals(0x05, Tags.INT);
        assertEquals(0x06, Tags.LONG);
        assertEquals(0x07, Tags.FLOAT);
        assertEquals(0x08, Tags.DOUBLE);
        assertEquals(0x09, Tags.STRING);
        assertEquals(0x11, Tags.BOOLEAN_ARRAY);
        assertEquals(0x12, Tags.BYTE_ARRAY);
        assertEquals(0x13, Tags.SHORT_ARRAY);
        assertEquals(0x14, Tags.CHAR_ARRAY);
        assertEquals(0x15, Tags.INT_ARRAY);
        assertEquals(0x16, Tags.LONG_ARRAY);
        assertEquals(0x17, Tags.FLOAT_ARRAY);
        assertEquals(0x18, Tags.DOUBLE_ARRAY);
        assertEquals(0x19, Tags.STRING_ARRAY);
        assertEquals(0x20, Tags.ENUM);
        assertEquals(0x21, Tags.RECORD);
        assertEquals(0x30, Tags.SERIALIZED);
    }

    @Test
    void shouldWriteStandardUtf8ForEveryStringWithoutUnpairedSurrogates()
    {
        final String[] valid = {"", "abc", "héllo", "日本語", "😀x😀", "\u0000\u007f\u0080\uffff"};
        for (final String value : valid)
        {
            assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), encode(Codecs.strings(), value), value);
        }
    }

    @ParameterizedTest
    @MethodSource("io.mp4j.ipc.codec.CodecTestSupport#buffers")
    void shouldRoundTripWithTheTypedCodecs(final Supplier<MutableDirectBuffer> buffers)
    {
        final MutableDirectBuffer buffer = buffers.get();
        for (final long value : new long[]{Long.MIN_VALUE, -1, 0, Long.MAX_VALUE})
        {
            assertEquals(value, roundTrip(Codecs.longs(), value, buffer, 3));
        }
        for (final int value : new int[]{Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE})
        {
            assertEquals(value, roundTrip(Codecs.ints(), value, buffer, 5));
        }
        for (final double value : new double[]{Double.NaN, -0.0, Double.MAX_VALUE, Double.NEGATIVE_INFINITY})
        {
            assertDeepEquals(value, roundTrip(Codecs.doubles(), value, buffer, 1));
        }
        for (final String value : STRINGS)
        {
            assertEquals(value, roundTrip(Codecs.strings(), value, buffer, 9));
        }
        for (final byte[] value : new byte[][]{new byte[0], {1, 2, 3}, new byte[100_000]})
        {
            assertArrayEquals(value, roundTrip(Codecs.bytes(), value, buffer, 2));
        }
        assertEquals(8, Codecs.longs().encode(1L, buffer, 0));
        assertEquals(4, Codecs.ints().encode(1, buffer, 0));
        assertEquals(8, Codecs.doubles().encode(1.0, buffer, 0));
        assertEquals(3, Codecs.bytes().encode(new byte[3], buffer, 0));
        assertEquals("0807060504030201", hex(encode(Codecs.longs(), 0x0102030405060708L)));
    }

    @Test
    void shouldRefuseNullInTheTypedCodecs()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        assertThrows(CodecException.class, () -> Codecs.longs().encode(null, buffer, 0));
        assertThrows(CodecException.class, () -> Codecs.ints().encode(null, buffer, 0));
        assertThrows(CodecException.class, () -> Codecs.doubles().encode(null, buffer, 0));
        assertThrows(CodecException.class, () -> Codecs.strings().encode(null, buffer, 0));
        final CodecException ex = assertThrows(CodecException.class, () -> Codecs.bytes().encode(null, buffer, 0));
        assertTrue(ex.getMessage().contains("Codecs.objects()"), ex.getMessage());
    }

    @Test
    void shouldRefuseAWrongLengthInTheFixedWidthCodecs()
    {
        final CodecException ex = assertThrows(CodecException.class, () -> decode(Codecs.longs(), new byte[7]));
        assertTrue(ex.getMessage().contains("length=7 expected=8"), ex.getMessage());
        assertThrows(CodecException.class, () -> decode(Codecs.ints(), new byte[5]));
        assertThrows(CodecException.class, () -> decode(Codecs.doubles(), new byte[0]));
    }

    @Test
    void shouldGiveCodecExceptionWhenAFixedBufferIsTooSmall()
    {
        final UnsafeBuffer fixed = new UnsafeBuffer(new byte[8]);
        final CodecException ex =
            assertThrows(CodecException.class, () -> Codecs.objects().encode("too long", fixed, 0));
        assertTrue(ex.getMessage().contains("buffer too small"), ex.getMessage());
        assertThrows(CodecException.class, () -> Codecs.objects().encode(new long[2], fixed, 0));
        assertThrows(CodecException.class, () -> Codecs.longs().encode(1L, fixed, 1));
        assertEquals(8, Codecs.longs().encode(1L, fixed, 0));
        assertEquals(1L, Codecs.longs().decode(fixed, 0, 8));
    }

    @Test
    void shouldGiveCodecExceptionForARangeOutsideTheBuffer()
    {
        final UnsafeBuffer fixed = new UnsafeBuffer(new byte[8]);
        assertThrows(CodecException.class, () -> Codecs.objects().decode(fixed, 4, 8));
        assertThrows(CodecException.class, () -> Codecs.objects().decode(fixed, -1, 2));
        assertThrows(CodecException.class, () -> Codecs.objects().decode(fixed, 0, -1));
        assertThrows(CodecException.class, () -> Codecs.strings().decode(fixed, Integer.MAX_VALUE, 8));
        assertThrows(CodecException.class, () -> Codecs.bytes().decode(fixed, 0, 9));
        assertThrows(CodecException.class, () -> Codecs.objects().encode(1, new ExpandableArrayBuffer(), -1));
    }

    @Test
    void shouldDecodeOnlyWhatTheLengthCovers()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = Codecs.objects().encode("abc", buffer, 0);
        Codecs.objects().encode(42, buffer, length);
        assertEquals("abc", Codecs.objects().decode(buffer, 0, length));
        assertEquals(42, Codecs.objects().decode(buffer, length, 5));
        assertNull(Codecs.objects().decode(unhexBuffer("00"), 0, 1));
    }

    private static UnsafeBuffer unhexBuffer(final String hex)
    {
        return new UnsafeBuffer(unhex(hex));
    }
}
