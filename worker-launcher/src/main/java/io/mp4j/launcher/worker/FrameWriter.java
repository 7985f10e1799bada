package io.mp4j.launcher.worker;

import io.mp4j.ipc.codec.Codec;
import org.agrona.ExpandableArrayBuffer;

/**
 * Writes one frame at a time into a growing buffer: a type, then fields in order. {@link #finish()} writes the
 * length prefix.
 *
 * <p>Threading: one thread.
 */
public final class FrameWriter
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private int position;

    /**
     * @param type the frame type ({@link Frames}).
     * @return this.
     */
    public FrameWriter begin(final byte type)
    {
        buffer.putByte(Frames.TYPE_OFFSET, type);
        position = Frames.BODY_OFFSET;
        return this;
    }

    /**
     * @param value a byte.
     * @return this.
     */
    public FrameWriter putByte(final byte value)
    {
        buffer.putByte(position, value);
        position += 1;
        return this;
    }

    /**
     * @param value an int.
     * @return this.
     */
    public FrameWriter putInt(final int value)
    {
        buffer.putInt(position, value);
        position += Integer.BYTES;
        return this;
    }

    /**
     * @param value a long.
     * @return this.
     */
    public FrameWriter putLong(final long value)
    {
        buffer.putLong(position, value);
        position += Long.BYTES;
        return this;
    }

    /**
     * @param value a string, or null.
     * @return this.
     */
    public FrameWriter putString(final String value)
    {
        if (value == null)
        {
            return putInt(-1);
        }
        position += buffer.putStringUtf8(position, value);
        return this;
    }

    /**
     * Writes {@code [int length][bytes]} with the codec; on failure the frame is as it was before the call.
     *
     * @param codec the codec.
     * @param value the value.
     * @param <T>   its type.
     * @return this.
     */
    public <T> FrameWriter putValue(final Codec<T> codec, final T value)
    {
        final int length = codec.encode(value, buffer, position + Integer.BYTES);
        buffer.putInt(position, length);
        position += Integer.BYTES + length;
        return this;
    }

    /**
     * @param bytes bytes written before, e.g. a value encoded once for many frames.
     * @return this.
     */
    public FrameWriter putRaw(final byte[] bytes)
    {
        buffer.putBytes(position, bytes);
        position += bytes.length;
        return this;
    }

    /**
     * @return the current length of the frame.
     */
    public int position()
    {
        return position;
    }

    /**
     * @param position a length returned by {@link #position()} earlier in this frame: drops what followed it.
     */
    public void rewind(final int position)
    {
        this.position = position;
    }

    /**
     * @param offset an offset where an int was reserved.
     * @param value  the int.
     */
    public void putIntAt(final int offset, final int value)
    {
        buffer.putInt(offset, value);
    }

    /**
     * Writes the length prefix.
     *
     * @return the frame's length in bytes; the frame is {@code array()[0, length)}.
     */
    public int finish()
    {
        buffer.putInt(0, position);
        return position;
    }

    /**
     * @return the array holding the frame (valid until the next write).
     */
    public byte[] array()
    {
        return buffer.byteArray();
    }
}
