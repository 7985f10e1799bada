package io.mp4j.ipc.queue;

import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.CodecException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Eight bytes per message, for the queue's tests; the shipped codecs are tested on their own.
 */
final class LongCodec implements Codec<Long>
{
    static final LongCodec INSTANCE = new LongCodec();

    @Override
    public int encode(final Long value, final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, value);
        return Long.BYTES;
    }

    @Override
    public Long decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != Long.BYTES)
        {
            throw new CodecException("not a long: length=" + length);
        }
        return buffer.getLong(offset);
    }
}
