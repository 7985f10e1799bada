package io.mp4j.ipc.codec;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Capacity checks for encoding. Every write reserves its bytes first: an expandable buffer grows, a fixed one gives a
 * {@link CodecException} instead of writing past its end (even with Agrona's bounds checks disabled).
 */
final class Buffers
{
    /** Byte order of every multi-byte value, whatever the platform. */
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    /** Largest index an encoded value may reach: Agrona's expandable buffers stop here. */
    static final int MAX_LIMIT = Integer.MAX_VALUE - 8;

    private Buffers()
    {
    }

    /**
     * Makes room for {@code lengthBytes} at {@code index}.
     *
     * @throws CodecException if the value is too large or the buffer is fixed and too small.
     */
    static void reserve(final MutableDirectBuffer buffer, final int index, final long lengthBytes)
    {
        final long limit = index + lengthBytes;
        if (index < 0 || lengthBytes < 0 || limit > MAX_LIMIT)
        {
            throw new CodecException(
                "cannot encode: value too large: index=" + index + " lengthBytes=" + lengthBytes + " max=" + MAX_LIMIT);
        }
        try
        {
            buffer.checkLimit((int)limit);
        }
        catch (final IndexOutOfBoundsException | IllegalStateException ex)
        {
            throw new CodecException(
                "cannot encode: buffer too small and not expandable: capacity=" + buffer.capacity() +
                " needed=" + limit, ex);
        }
    }
}
