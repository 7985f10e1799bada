package io.mp4j.ipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The codec of {@link Codecs#strings()}: the UTF-8 bytes alone (see {@link Utf8}); the message length is the string's
 * length in bytes.
 *
 * <p>Threading: stateless.
 */
final class StringCodec implements Codec<String>
{
    static final StringCodec INSTANCE = new StringCodec();

    private StringCodec()
    {
    }

    @Override
    public int encode(final String value, final MutableDirectBuffer buffer, final int offset)
    {
        if (value == null)
        {
            throw new CodecException(
                "cannot encode null with Codecs.strings(); use Codecs.objects() for nullable values");
        }
        final long lengthBytes = Utf8.encodedLength(value);
        Buffers.reserve(buffer, offset, lengthBytes);
        return Utf8.write(value, (int)lengthBytes, buffer, offset) - offset;
    }

    @Override
    public String decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final ByteReader reader = new ByteReader(buffer, offset, length);
        return Utf8.read(reader.buffer(), offset, length);
    }

    @Override
    public String toString()
    {
        return "Codecs.strings()";
    }
}
