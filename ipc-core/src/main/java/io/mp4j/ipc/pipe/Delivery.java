package io.mp4j.ipc.pipe;

import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.layout.PipeDescriptor;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * Takes one message out of the ring into what the receive asked for: the caller's array, a new array, or an object
 * through the codec. One per connection, reused by each receive, so receiving allocates nothing of its own.
 *
 * <p>Threading: the receiving thread only. A failure thrown from here (the codec's) still consumes the message:
 * Agrona moves the head past it in a {@code finally}.
 */
final class Delivery implements MessageHandler
{
    static final int INTO_ARRAY = 0;
    static final int NEW_ARRAY = 1;
    static final int DECODE = 2;

    private final Codec<Object> codec;
    private int mode;
    private byte[] target;
    private int targetOffset;

    private int length;
    private byte[] bytes;
    private Object value;
    private boolean tooShort;
    private int unexpectedTypeId;

    Delivery(final Codec<Object> codec)
    {
        this.codec = codec;
    }

    void intoArray(final byte[] target, final int targetOffset)
    {
        reset(INTO_ARRAY);
        this.target = target;
        this.targetOffset = targetOffset;
    }

    void newArray()
    {
        reset(NEW_ARRAY);
    }

    void decode()
    {
        reset(DECODE);
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        this.length = length;
        if (msgTypeId != PipeDescriptor.MESSAGE_TYPE_ID)
        {
            unexpectedTypeId = msgTypeId;
            return;
        }
        switch (mode)
        {
            case INTO_ARRAY ->
            {
                if (length > target.length - targetOffset)
                {
                    tooShort = true;
                    bytes = new byte[length];
                    buffer.getBytes(index, bytes);
                }
                else
                {
                    buffer.getBytes(index, target, targetOffset, length);
                }
            }
            case NEW_ARRAY ->
            {
                bytes = new byte[length];
                buffer.getBytes(index, bytes);
            }
            default -> value = codec.decode(buffer, index, length);
        }
    }

    int length()
    {
        return length;
    }

    boolean tooShort()
    {
        return tooShort;
    }

    int unexpectedTypeId()
    {
        return unexpectedTypeId;
    }

    /**
     * @return the new array, and forgets it.
     */
    byte[] takeBytes()
    {
        final byte[] result = bytes;
        bytes = null;
        return result;
    }

    /**
     * @return the decoded object, and forgets it.
     */
    Object takeValue()
    {
        final Object result = value;
        value = null;
        return result;
    }

    private void reset(final int mode)
    {
        this.mode = mode;
        target = null;
        bytes = null;
        value = null;
        tooShort = false;
        unexpectedTypeId = 0;
        length = -1;
    }
}
