package io.mp4j.launcher.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A message digest fed through a reusable 8 KiB big-endian buffer: small values are gathered into it, primitive
 * arrays are copied into it in bulk (a chunk at a time through a typed view) and the digest is updated once per
 * full buffer, never per element.
 *
 * <p>Floating-point values are written as {@link Double#doubleToLongBits} and {@link Float#floatToIntBits}: every
 * NaN is the same value. A chunk of an array without NaN (checked first) is copied raw, which is the same bits.
 *
 * <p>Threading: confined to one thread.
 */
final class DigestSink
{
    private static final int CAPACITY = 8192;

    private final MessageDigest digest;
    private final byte[] array = new byte[CAPACITY];
    private final ByteBuffer buffer = ByteBuffer.wrap(array).order(ByteOrder.BIG_ENDIAN);

    DigestSink(final MessageDigest digest)
    {
        this.digest = digest;
    }

    /**
     * @return a new SHA-256 message digest.
     */
    static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }

    void putByte(final int value)
    {
        ensure(Byte.BYTES);
        buffer.put((byte)value);
    }

    void putShort(final short value)
    {
        ensure(Short.BYTES);
        buffer.putShort(value);
    }

    void putChar(final char value)
    {
        ensure(Character.BYTES);
        buffer.putChar(value);
    }

    void putInt(final int value)
    {
        ensure(Integer.BYTES);
        buffer.putInt(value);
    }

    void putLong(final long value)
    {
        ensure(Long.BYTES);
        buffer.putLong(value);
    }

    void putFloat(final float value)
    {
        putInt(Float.floatToIntBits(value));
    }

    void putDouble(final double value)
    {
        putLong(Double.doubleToLongBits(value));
    }

    void putBytes(final byte[] values)
    {
        if (values.length <= buffer.remaining())
        {
            buffer.put(values);
        }
        else
        {
            flush();
            digest.update(values);
        }
    }

    void putBooleans(final boolean[] values)
    {
        for (final boolean value : values)
        {
            putByte(value ? 1 : 0);
        }
    }

    void putShorts(final short[] values)
    {
        int from = 0;
        while (from < values.length)
        {
            final int count = chunk(values.length - from, Short.BYTES);
            buffer.asShortBuffer().put(values, from, count);
            advance(count, Short.BYTES);
            from += count;
        }
    }

    void putChars(final char[] values)
    {
        int from = 0;
        while (from < values.length)
        {
            final int count = chunk(values.length - from, Character.BYTES);
            buffer.asCharBuffer().put(values, from, count);
            advance(count, Character.BYTES);
            from += count;
        }
    }

    void putInts(final int[] values)
    {
        int from = 0;
        while (from < values.length)
        {
            final int count = chunk(values.length - from, Integer.BYTES);
            buffer.asIntBuffer().put(values, from, count);
            advance(count, Integer.BYTES);
            from += count;
        }
    }

    void putLongs(final long[] values)
    {
        int from = 0;
        while (from < values.length)
        {
            final int count = chunk(values.length - from, Long.BYTES);
            buffer.asLongBuffer().put(values, from, count);
            advance(count, Long.BYTES);
            from += count;
        }
    }

    void putFloats(final float[] values)
    {
        int from = 0;
        while (from < values.length)
        {
            final int count = chunk(values.length - from, Float.BYTES);
            if (hasNaN(values, from, from + count))
            {
                for (int i = from; i < from + count; i++)
                {
                    buffer.putInt(Float.floatToIntBits(values[i]));
                }
            }
            else
            {
                buffer.asFloatBuffer().put(values, from, count);
                advance(count, Float.BYTES);
            }
            from += count;
        }
    }

    void putDoubles(final double[] values)
    {
        int from = 0;
        while (from < values.length)
        {
            final int count = chunk(values.length - from, Double.BYTES);
            if (hasNaN(values, from, from + count))
            {
                for (int i = from; i < from + count; i++)
                {
                    buffer.putLong(Double.doubleToLongBits(values[i]));
                }
            }
            else
            {
                buffer.asDoubleBuffer().put(values, from, count);
                advance(count, Double.BYTES);
            }
            from += count;
        }
    }

    /**
     * @return the digest of everything put since the last reset; resets.
     */
    byte[] digest()
    {
        flush();
        return digest.digest();
    }

    void reset()
    {
        buffer.clear();
        digest.reset();
    }

    // how many elements of the given size go into the buffer now, flushing it first when not even one fits
    private int chunk(final int left, final int size)
    {
        ensure(size);
        return Math.min(left, buffer.remaining() / size);
    }

    private void advance(final int count, final int size)
    {
        buffer.position(buffer.position() + count * size);
    }

    private void ensure(final int bytes)
    {
        if (buffer.remaining() < bytes)
        {
            flush();
        }
    }

    private void flush()
    {
        digest.update(array, 0, buffer.position());
        buffer.clear();
    }

    private static boolean hasNaN(final double[] values, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (values[i] != values[i])
            {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNaN(final float[] values, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (values[i] != values[i])
            {
                return true;
            }
        }
        return false;
    }
}
