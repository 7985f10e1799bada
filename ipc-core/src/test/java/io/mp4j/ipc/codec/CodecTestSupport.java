package io.mp4j.ipc.codec;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Named;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Helpers shared by the codec tests: both kinds of expandable buffer, a round trip at an offset that checks the bytes
 * around the value are left alone, and a deep comparison that sees through records and arrays.
 */
final class CodecTestSupport
{
    static final byte JUNK = (byte)0xA5;

    private CodecTestSupport()
    {
    }

    /**
     * @return both buffer kinds, starting small so that encoding has to grow them.
     */
    static Stream<Named<Supplier<MutableDirectBuffer>>> buffers()
    {
        return Stream.of(
            Named.of("ExpandableArrayBuffer", () -> new ExpandableArrayBuffer(4)),
            Named.of("ExpandableDirectByteBuffer", () -> new ExpandableDirectByteBuffer(4)));
    }

    static List<Supplier<MutableDirectBuffer>> bufferList()
    {
        return buffers().map(Named::getPayload).toList();
    }

    /**
     * Encodes at {@code offset} after junk, checks the junk is intact, decodes, and returns the decoded value.
     */
    static <T> T roundTrip(
        final Codec<T> codec, final T value, final MutableDirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < offset; i++)
        {
            buffer.putByte(i, JUNK);
        }
        final int length = codec.encode(value, buffer, offset);
        assertTrue(length > 0 || value instanceof String || value instanceof byte[], "length=" + length);
        for (int i = 0; i < offset; i++)
        {
            assertEquals(JUNK, buffer.getByte(i), "byte before the value changed: index=" + i);
        }
        // a byte after the value must not matter
        buffer.putByte(offset + length, JUNK);
        return codec.decode(buffer, offset, length);
    }

    static <T> byte[] encode(final Codec<T> codec, final T value)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        final int length = codec.encode(value, buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    static <T> T decode(final Codec<T> codec, final byte[] bytes)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(bytes.length + 1);
        buffer.putBytes(0, bytes);
        return codec.decode(buffer, 0, bytes.length);
    }

    static String hex(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder();
        for (final byte b : bytes)
        {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }

    static byte[] unhex(final String hex)
    {
        final String digits = hex.replace(" ", "");
        final byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /**
     * Equal as values: arrays by content, records by components (recursively), floats and doubles by raw bits.
     */
    static void assertDeepEquals(final Object expected, final Object actual)
    {
        assertDeepEquals(expected, actual, "value");
    }

    private static void assertDeepEquals(final Object expected, final Object actual, final String path)
    {
        if (expected == null || actual == null)
        {
            assertEquals(expected, actual, path);
            return;
        }
        assertEquals(expected.getClass(), actual.getClass(), path + " class");
        if (expected instanceof Float)
        {
            assertEquals(Float.floatToRawIntBits((Float)expected), Float.floatToRawIntBits((Float)actual), path);
        }
        else if (expected instanceof Double)
        {
            assertEquals(
                Double.doubleToRawLongBits((Double)expected), Double.doubleToRawLongBits((Double)actual), path);
        }
        else if (expected instanceof float[])
        {
            final float[] e = (float[])expected;
            final float[] a = (float[])actual;
            assertEquals(e.length, a.length, path + " length");
            for (int i = 0; i < e.length; i++)
            {
                assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), path + "[" + i + "]");
            }
        }
        else if (expected instanceof double[])
        {
            final double[] e = (double[])expected;
            final double[] a = (double[])actual;
            assertEquals(e.length, a.length, path + " length");
            for (int i = 0; i < e.length; i++)
            {
                assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]), path + "[" + i + "]");
            }
        }
        else if (expected instanceof Object[])
        {
            assertArrayEquals((Object[])expected, (Object[])actual, path);
        }
        else if (expected.getClass().isArray())
        {
            assertTrue(Arrays.deepEquals(new Object[]{expected}, new Object[]{actual}), path);
        }
        else if (expected.getClass().isRecord())
        {
            for (final RecordComponent component : expected.getClass().getRecordComponents())
            {
                try
                {
                    component.getAccessor().setAccessible(true);
                    assertDeepEquals(component.getAccessor().invoke(expected), component.getAccessor().invoke(actual),
                        path + "." + component.getName());
                }
                catch (final ReflectiveOperationException ex)
                {
                    fail(ex);
                }
            }
        }
        else
        {
            assertEquals(expected, actual, path);
        }
    }
}
