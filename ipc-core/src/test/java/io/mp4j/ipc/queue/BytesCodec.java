package io.mp4j.ipc.queue;

import io.mp4j.ipc.codec.Codec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Bytes as they are, for the queue's tests.
 */
final class BytesCodec implements Codec<byte[]>
{
    static final BytesCodec INSTANCE = new BytesCodec();

    @Override
    public int encode(final byte[] value, final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putBytes(offset, value);
        return value.length;
    }

    @Override
    public byte[] decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
