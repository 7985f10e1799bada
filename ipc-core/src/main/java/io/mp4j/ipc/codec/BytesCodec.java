package io.mp4j.ipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The codec of {@link Codecs#bytes()}: the bytes as they are.
 *
 * <p>Threading: stateless.
 */
final class BytesCodec implements Codec<byte[]>
{
    static final BytesCodec INSTANCE = new BytesCodec();

    private BytesCodec()
    {
    }

    @Override
    public int encode(final byte[] value, final MutableDirectBuffer buffer, final int offset)
    {
        if (value == null)
        {
            throw new CodecException(
                "cannot encode null with Codecs.bytes(); use Codecs.objects() for nullable values");
        }
        Buffers.reserve(buffer, offset, value.length);
        buffer.putBytes(offset, value);
        return value.length;
    }

    @Override
    public byte[] decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final ByteReader reader = new ByteReader(buffer, offset, length);
        final byte[] value = new byte[length];
        reader.buffer().getBytes(offset, value);
        return value;
    }

    @Override
    public String toString()
    {
        return "Codecs.bytes()";
    }
}
