package io.mp4j.launcher.worker;

import io.mp4j.ipc.codec.Codec;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads the fields of one frame in order.
 *
 * <p>Threading: one thread.
 */
public final class FrameReader
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private int position;
    private int limit;

    /**
     * @param array  holds the frame from index 0.
     * @param length the frame's length.
     * @return this, positioned at the body.
     */
    public FrameReader wrap(final byte[] array, final int length)
    {
        buffer.wrap(array);
        limit = length;
        position = Frames.BODY_OFFSET;
        return this;
    }

    /**
     * @return the frame's type.
     */
    public byte type()
    {
        return buffer.getByte(Frames.TYPE_OFFSET);
    }

    /**
     * @return the next byte.
     */
    public byte getByte()
    {
        check(1);
        final byte value = buffer.getByte(position);
        position += 1;
        return value;
    }

    /**
     * @return the next int.
     */
    public int getInt()
    {
        check(Integer.BYTES);
        final int value = buffer.getInt(position);
        position += Integer.BYTES;
        return value;
    }

    /**
     * @return the next long.
     */
    public long getLong()
    {
        check(Long.BYTES);
        final long value = buffer.getLong(position);
        position += Long.BYTES;
        return value;
    }

    /**
     * @return the next string, or null.
     */
    public String getString()
    {
        final int length = getInt();
        if (length < 0)
        {
            return null;
        }
        check(length);
        final String value = buffer.getStringWithoutLengthUtf8(position, length);
        position += length;
        return value;
    }

    /**
     * Reads {@code [int length][bytes]} with the codec. The position moves past the value even when decoding throws.
     *
     * @param codec the codec.
     * @param <T>   the value's type.
     * @return the value.
     */
    public <T> T getValue(final Codec<T> codec)
    {
        final int length = getInt();
        check(length);
        final int offset = position;
        position += length;
        return codec.decode(buffer, offset, length);
    }

    /**
     * Reads {@code [int length][bytes]} as bytes.
     *
     * @return a copy of the value's bytes.
     */
    public byte[] getValueBytes()
    {
        final int length = getInt();
        check(length);
        final byte[] bytes = new byte[length];
        buffer.getBytes(position, bytes);
        position += length;
        return bytes;
    }

    /**
     * Skips {@code [int length][bytes]}.
     */
    public void skipValue()
    {
        final int length = getInt();
        check(length);
        position += length;
    }

    /**
     * @return bytes left in the frame.
     */
    public int remaining()
    {
        return limit - position;
    }

    private void check(final int bytes)
    {
        if (bytes < 0 || position + bytes > limit)
        {
            throw new IllegalStateException("frame " + Frames.name(type()) + " truncated: needs " + bytes +
                " bytes at offset " + position + " of " + limit);
        }
    }
}
