package io.mp4j.ipc.codec;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.mp4j.ipc.codec.CodecTestSupport.decode;
import static io.mp4j.ipc.codec.CodecTestSupport.encode;
import static io.mp4j.ipc.codec.CodecTestSupport.hex;
import static io.mp4j.ipc.codec.CodecTestSupport.unhex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class CorruptInputTest
{
    private static final Codec<Object> CODEC = Codecs.objectsAllowing("io.mp4j.ipc.codec.");
    private static final byte[] TAGS = {
        Tags.NULL, Tags.BOOLEAN, Tags.BYTE, Tags.SHORT, Tags.CHAR, Tags.INT, Tags.LONG, Tags.FLOAT, Tags.DOUBLE,
        Tags.STRING, Tags.BOOLEAN_ARRAY, Tags.BYTE_ARRAY, Tags.SHORT_ARRAY, Tags.CHAR_ARRAY, Tags.INT_ARRAY,
        Tags.LONG_ARRAY, Tags.FLOAT_ARRAY, Tags.DOUBLE_ARRAY, Tags.STRING_ARRAY, Tags.ENUM, Tags.RECORD,
        Tags.SERIALIZED};

    static List<byte[]> validMessages()
    {
        final List<byte[]> messages = new ArrayList<>();
        for (final Object value : BuiltInTypesTest.samples())
        {
            if (!(value instanceof long[] && ((long[])value).length > 100) &&
                !(value instanceof String && ((String)value).length() > 100))
            {
                messages.add(encode(CODEC, value));
            }
        }
        messages.add(encode(CODEC, RecordsTest.everything()));
        messages.add(encode(CODEC, RecordsTest.allNulls()));
        messages.add(encode(CODEC, new RecordsTest.Line(new RecordsTest.Point(1, 2), null, "é")));
        messages.add(encode(CODEC, RecordsTest.Side.SELL));
        messages.add(encode(CODEC, new RecordsTest.Bag("b", List.of("x"))));
        messages.add(encode(CODEC, new HashMap<>(Map.of("k", List.of(1L, 2L)))));
        messages.add(encode(CODEC, BigDecimal.valueOf(314, 2)));
        return messages;
    }

    @Test
    void shouldRefuseEveryTruncationOfAValidMessage()
    {
        for (final byte[] message : validMessages())
        {
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(message.length);
            buffer.putBytes(0, message);
            for (int length = 0; length < message.length; length++)
            {
                final int cut = length;
                assertThrows(CodecException.class, () -> CODEC.decode(buffer, 0, cut),
                    () -> "prefix length=" + cut + " of " + hex(message));
            }
        }
    }

    @Test
    void shouldRefuseTrailingBytes()
    {
        final byte[] message = encode(CODEC, 5);
        final byte[] longer = java.util.Arrays.copyOf(message, message.length + 1);
        final CodecException ex = assertThrows(CodecException.class, () -> decode(CODEC, longer));
        assertTrue(ex.getMessage().contains("trailing bytes"), ex.getMessage());
        assertThrows(CodecException.class, () -> decode(Codecs.record(RecordsTest.Point.class),
            java.util.Arrays.copyOf(encode(Codecs.record(RecordsTest.Point.class), new RecordsTest.Point(1, 2)), 13)));
    }

    @Test
    void shouldRefuseBadTagsLengthsAndBytes()
    {
        expectCorrupt("7f", "unknown tag=0x7f");
        expectCorrupt("ff", "unknown tag=0xff");
        expectCorrupt("09fbffffff", "negative length");
        expectCorrupt("0905000000616263", "length beyond the message");
        expectCorrupt("16ffffff7f0000000000000000", "length beyond the message");
        expectCorrupt("12ffffffff", "negative length");
        expectCorrupt("1901000000" + "feffffff", "bad String[] element length=-2");
        expectCorrupt("1901000000" + "ffffff7f", "bad String[] element length=2147483647");
        expectCorrupt("0102", "boolean byte=2");
        expectCorrupt("110100000007", "boolean byte=7");
        expectCorrupt("0901000000c3", "invalid UTF-8");
        expectCorrupt("0902000000c0af", "invalid UTF-8");
        expectCorrupt("0903000000e08080", "overlong");
        expectCorrupt("0904000000f4908080", "out of range");
        expectCorrupt("0901000000ff", "bad lead byte=0xff");
        expectCorrupt("0902000000c341", "bad continuation byte=0x41");
        expectCorrupt("30ffffff7f", "length beyond the message");
        expectCorrupt("3004000000deadbeef", "corrupt Java serialization stream");
        expectCorrupt("2100040000", "length beyond the message");
        expectCorrupt("2104000000" + hex("nope".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
            "class not found");
        expectCorrupt("2110000000" + hex("java.lang.String".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
            "not a record");
        expectCorrupt("2010000000" + hex("java.lang.String".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) +
            "0100000041", "not an enum");
    }

    @Test
    void shouldRefuseAnUnknownEnumConstant()
    {
        final byte[] message = encode(CODEC, RecordsTest.Side.BUY);
        message[message.length - 1] = 'X';
        final CodecException ex = assertThrows(CodecException.class, () -> decode(CODEC, message));
        assertTrue(ex.getMessage().contains("has no such constant"), ex.getMessage());
    }

    @Test
    void shouldRefuseABadPresenceByte()
    {
        final byte[] message = encode(CODEC, new RecordsTest.Line(null, null, null));
        message[message.length - 1] = 2;
        final CodecException ex = assertThrows(CodecException.class, () -> decode(CODEC, message));
        assertTrue(ex.getMessage().contains("presence byte=2 component=label"), ex.getMessage());
    }

    @Test
    void shouldOnlyEverThrowCodecExceptionOnRandomBytes()
    {
        final Random random = new Random(20261124L);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
        final List<Codec<?>> codecs = List.of(CODEC, Codecs.strings(), Codecs.longs(),
            Codecs.record(RecordsTest.Everything.class), Codecs.record(RecordsTest.Line.class));
        for (int i = 0; i < 4000; i++)
        {
            final byte[] bytes = new byte[random.nextInt(48)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextInt(4) != 0)
            {
                bytes[0] = TAGS[random.nextInt(TAGS.length)];
            }
            if (bytes.length > 4 && random.nextBoolean())
            {
                // a small length after the tag reaches deeper than a random one
                buffer.putBytes(0, bytes);
                buffer.putInt(1, random.nextInt(bytes.length), Buffers.ORDER);
                buffer.getBytes(0, bytes);
            }
            decodeExpectingOnlyCodecException(codecs.get(i % codecs.size()), bytes);
        }
    }

    @Test
    void shouldOnlyEverThrowCodecExceptionOnMutatedMessages()
    {
        final Random random = new Random(42L);
        final List<byte[]> messages = validMessages();
        for (int i = 0; i < 4000; i++)
        {
            final byte[] original = messages.get(random.nextInt(messages.size()));
            final byte[] bytes;
            switch (random.nextInt(4))
            {
                case 0:
                    bytes = original.clone();
                    for (int flips = 1 + random.nextInt(3); flips > 0; flips--)
                    {
                        bytes[random.nextInt(bytes.length)] ^= (byte)(1 << random.nextInt(8));
                    }
                    break;
                case 1:
                    bytes = original.clone();
                    bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
                    break;
                case 2:
                    bytes = original.clone();
                    if (bytes.length >= 4)
                    {
                        final int at = random.nextInt(bytes.length - 3);
                        final int[] extremes = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 1, bytes.length,
                            random.nextInt()};
                        new UnsafeBuffer(bytes).putInt(at, extremes[random.nextInt(extremes.length)], Buffers.ORDER);
                    }
                    break;
                default:
                    bytes = java.util.Arrays.copyOf(original, Math.max(0, original.length + random.nextInt(9) - 6));
                    break;
            }
            decodeExpectingOnlyCodecException(CODEC, bytes);
        }
    }

    private static void decodeExpectingOnlyCodecException(final Codec<?> codec, final byte[] bytes)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(bytes.length + 8);
        buffer.putBytes(3, bytes);
        try
        {
            codec.decode(buffer, 3, bytes.length);
        }
        catch (final CodecException ex)
        {
            assertTrue(ex.getMessage().startsWith("cannot "), ex.getMessage());
        }
        catch (final Throwable t)
        {
            fail("not a CodecException: codec=" + codec + " input=" + hex(bytes), t);
        }
    }

    private static void expectCorrupt(final String hexInput, final String expected)
    {
        final CodecException ex = assertThrows(CodecException.class, () -> decode(CODEC, unhex(hexInput)), hexInput);
        assertTrue(ex.getMessage().contains(expected), "input=" + hexInput + " message=" + ex.getMessage());
    }

    @Test
    void shouldReportWhereTheInputIsCorrupt()
    {
        final CodecException ex = assertThrows(CodecException.class, () -> decode(CODEC, unhex("0905000000616263")));
        assertEquals("cannot decode: corrupt input: length beyond the message: what=string length=5 remaining=3 at=1",
            ex.getMessage());
    }
}
