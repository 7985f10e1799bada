package io.mp4j.ipc.pipe;

import io.mp4j.ipc.Waitable;
import io.mp4j.ipc.codec.Codec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.time.Duration;

import static io.mp4j.ipc.layout.PipeDescriptor.MESSAGE_TYPE_ID;
import static io.mp4j.ipc.layout.PipeDescriptor.STATE_CLOSED;

/**
 * The sending side of an end: writes whole messages into the outbound Agrona one-to-one ring, and waits while it
 * is full, watching the peer.
 *
 * <p>Threading: the end's sending thread only (the {@link Connection} guards it).
 */
final class Sender
{
    private static final byte[] EMPTY = new byte[0];

    private final Connection connection;
    private final OneToOneRingBuffer ring;
    private final EndControl peer;
    private final PeerWatch peerWatch;
    private final IdleStrategy idle;
    private final int maxMessageLength;
    private final ExpandableArrayBuffer encodeBuffer = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer arrayView = new UnsafeBuffer(EMPTY);

    Sender(
        final Connection connection,
        final AtomicBuffer ringBuffer,
        final EndControl peer,
        final PeerWatch peerWatch,
        final IdleStrategy idle)
    {
        this.connection = connection;
        this.ring = new OneToOneRingBuffer(ringBuffer);
        this.peer = peer;
        this.peerWatch = peerWatch;
        this.idle = idle;
        this.maxMessageLength = ring.maxMsgLength();
    }

    void sendValue(final Codec<Object> codec, final Object value, final long timeoutNs)
    {
        final int length = codec.encode(value, encodeBuffer, 0);
        put(encodeBuffer, 0, length, timeoutNs);
    }

    void sendArray(final byte[] array, final int offset, final int length, final long timeoutNs)
    {
        arrayView.wrap(array);
        try
        {
            put(arrayView, offset, length, timeoutNs);
        }
        finally
        {
            arrayView.wrap(EMPTY);
        }
    }

    private void put(final DirectBuffer source, final int offset, final int length, final long timeoutNs)
    {
        if (length > maxMessageLength)
        {
            throw new MessageTooLargeException(connection.what() + ": a message of " + length + " bytes is longer " +
                "than the " + maxMessageLength + " bytes this pipe carries (an eighth of its ring capacity " +
                ring.capacity() + "); create it with a larger PipeOptions.withCapacity", length, maxMessageLength);
        }
        // acquire: a closed peer never receives again, so a message sent now would be lost.
        if (peer.state() == STATE_CLOSED)
        {
            throw brokenPipe(PeerWatch.CLOSED);
        }
        // Agrona's write: claim (the tail moves), copy, then a release store of the positive length publishes it.
        if (ring.write(MESSAGE_TYPE_ID, source, offset, length))
        {
            return;
        }
        idle.reset();
        final long startNs = System.nanoTime();
        while (true)
        {
            final long waitedNs = System.nanoTime() - startNs;
            final int status = peerWatch.status(waitedNs);
            if (status != PeerWatch.ALIVE)
            {
                throw brokenPipe(status);
            }
            connection.checkWaitable("waiting for room to send");
            if (timeoutNs >= 0 && waitedNs >= timeoutNs)
            {
                throw new PipeTimeoutException(connection.what() + ": no room for a message of " + length +
                    " bytes after " + Duration.ofNanos(timeoutNs) + " (the peer is not receiving)");
            }
            idle.idle();
            if (ring.write(MESSAGE_TYPE_ID, source, offset, length))
            {
                return;
            }
        }
    }

    int maxMessageLength()
    {
        return maxMessageLength;
    }

    private PipeClosedException brokenPipe(final int status)
    {
        final Pipe.End other = connection.end().peer();
        if (status == PeerWatch.CLOSED)
        {
            return new PipeClosedException(PipeClosedException.Reason.PEER_CLOSED, connection.what() +
                ": cannot send, end " + other + " was closed");
        }
        return new PipeClosedException(PipeClosedException.Reason.PEER_DIED, connection.what() +
            ": cannot send, the process of end " + other + " (" + peerWatch.deadOwner() + ") died and the ring is " +
            "full");
    }
}
