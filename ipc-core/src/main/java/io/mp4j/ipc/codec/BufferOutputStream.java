package io.mp4j.ipc.codec;

import org.agrona.MutableDirectBuffer;

import java.io.OutputStream;

/**
 * An output stream that writes into a buffer from an index on, reserving before each write (an expandable buffer
 * grows; a fixed one too small gives a {@link CodecException}).
 *
 * <p>Threading: one encode, one thread.
 */
final class BufferOutputStream extends OutputStream
{
    private final MutableDirectBuffer buffer;
    private int position;

    BufferOutputStream(final MutableDirectBuffer buffer, final int index)
    {
        this.buffer = buffer;
        this.position = index;
    }

    int position()
    {
        return position;
    }

    @Override
    public void write(final int b)
    {
        Buffers.reserve(buffer, position, 1);
        buffer.putByte(position, (byte)b);
        position++;
    }

    @Override
    public void write(final byte[] bytes, final int offset, final int length)
    {
        Buffers.reserve(buffer, position, length);
        buffer.putBytes(position, bytes, offset, length);
        position += length;
    }
}
