package io.mp4j.ipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A typed codec for one fixed-width built-in type ({@link Codecs#longs()} and friends): the bare little-endian payload,
 * no tag. Null is refused at encode; any length but the type's width at decode.
 *
 * <p>Threading: stateless.
 *
 * @param <T> the boxed type.
 */
final class FixedWidthCodec<T> implements Codec<T>
{
    private final ValueType valueType;
    private final Class<T> type;
    private final String name;

    FixedWidthCodec(final ValueType valueType, final Class<T> type, final String name)
    {
        this.valueType = valueType;
        this.type = type;
        this.name = name;
    }

    @Override
    public int encode(final T value, final MutableDirectBuffer buffer, final int offset)
    {
        if (value == null)
        {
            throw new CodecException("cannot encode null with " + name + "; use Codecs.objects() for nullable values");
        }
        return valueType.write(value, buffer, offset) - offset;
    }

    @Override
    public T decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final ByteReader reader = new ByteReader(buffer, offset, length);
        if (length != valueType.fixedWidth)
        {
            throw new CodecException("cannot decode with " + name + ": length=" + length + " expected=" +
                valueType.fixedWidth);
        }
        return type.cast(valueType.read(reader));
    }

    /**
     * @return the factory call that made it, e.g. {@code Codecs.longs()}.
     */
    @Override
    public String toString()
    {
        return name;
    }
}
