package io.mp4j.ipc.pipe;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import static org.agrona.concurrent.ringbuffer.RingBuffer.PADDING_MSG_TYPE_ID;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.lengthOffset;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.typeOffset;
import static org.agrona.concurrent.ringbuffer.RingBufferDescriptor.HEAD_POSITION_OFFSET;

/**
 * The receiving side of one Agrona one-to-one ring, with the looks at the record under the head that Agrona does
 * not offer: whether a committed message waits there, and whether a claim sits there uncommitted.
 *
 * <p>Threading: {@link #read} on the receiving thread only; the looks from any thread of this process. Ordering:
 * the head is only written by the receiving thread; record lengths are loaded with acquire, pairing with the
 * writer's release store of a positive length at commit.
 */
final class InboundRing
{
    private final OneToOneRingBuffer ring;
    private final AtomicBuffer buffer;
    private final int mask;
    private final int headPositionIndex;

    InboundRing(final AtomicBuffer buffer)
    {
        this.ring = new OneToOneRingBuffer(buffer);
        this.buffer = buffer;
        this.mask = ring.capacity() - 1;
        this.headPositionIndex = ring.capacity() + HEAD_POSITION_OFFSET;
    }

    /**
     * @param handler takes the message.
     * @return 1 if a message was taken, else 0.
     */
    int read(final MessageHandler handler)
    {
        return ring.read(handler, 1);
    }

    /**
     * @return true if a committed message is waiting (under the head, or after the padding under the head).
     */
    boolean hasMessage()
    {
        final int index = headIndex();
        final int length = buffer.getIntAcquire(lengthOffset(index));
        if (length <= 0)
        {
            return false;
        }
        if (buffer.getInt(typeOffset(index)) == PADDING_MSG_TYPE_ID)
        {
            // The writer wrapped: the message is at the start of the data.
            return buffer.getIntAcquire(lengthOffset(0)) > 0;
        }
        return true;
    }

    /**
     * @return true if the record under the head (or after its padding) is claimed and not committed: its writer
     *     is writing it, or died writing it.
     */
    boolean hasClaimAtHead()
    {
        final int index = headIndex();
        final int length = buffer.getIntAcquire(lengthOffset(index));
        if (length > 0 && buffer.getInt(typeOffset(index)) == PADDING_MSG_TYPE_ID)
        {
            return buffer.getIntAcquire(lengthOffset(0)) < 0;
        }
        return length < 0;
    }

    int maxMessageLength()
    {
        return ring.maxMsgLength();
    }

    private int headIndex()
    {
        return (int)buffer.getLongVolatile(headPositionIndex) & mask;
    }
}
