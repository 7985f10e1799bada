package io.mp4j.ipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The codec of {@link Codecs#record(Class)}: the record's 4-byte fingerprint, then its components as on the built-in
 * path of {@link Codecs#objects()}, with no tag and no class name. The caller names the class, so no filter applies.
 *
 * <p>Threading: thread-safe.
 *
 * @param <R> the record type.
 */
final class RecordCodec<R> implements Codec<R>
{
    private final Class<R> type;
    private final RecordShape shape;

    RecordCodec(final Class<R> type)
    {
        if (type == null || !type.isRecord())
        {
            throw new CodecException("cannot make a record codec: not a record: class=" +
                (type == null ? null : type.getName()));
        }
        final TypeInfo info = TypeInfo.of(type);
        if (info.form != TypeInfo.Form.RECORD)
        {
            throw new CodecException("cannot make a record codec for " + type.getName() + ": " + info.reason +
                (info.form == TypeInfo.Form.SERIALIZED ? "; use Codecs.objects() or a Codec of your own" : ""));
        }
        this.type = type;
        this.shape = info.shape;
    }

    @Override
    public int encode(final R value, final MutableDirectBuffer buffer, final int offset)
    {
        if (value == null)
        {
            throw new CodecException("cannot encode null with " + this + "; use Codecs.objects() for nullable values");
        }
        Buffers.reserve(buffer, offset, 4);
        buffer.putInt(offset, shape.fingerprint(), Buffers.ORDER);
        return shape.encode(value, buffer, offset + 4, 0) - offset;
    }

    @Override
    public R decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final ByteReader reader = new ByteReader(buffer, offset, length);
        ObjectCodec.checkFingerprint(shape, reader);
        final R value = type.cast(shape.decode(reader, 0));
        reader.expectEnd();
        return value;
    }

    @Override
    public String toString()
    {
        return "Codecs.record(" + type.getName() + ".class)";
    }
}
