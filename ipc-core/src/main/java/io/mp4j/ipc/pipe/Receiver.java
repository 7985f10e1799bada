package io.mp4j.ipc.pipe;

import io.mp4j.ipc.Waitable;
import io.mp4j.ipc.codec.Codec;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;

import static io.mp4j.ipc.layout.PipeDescriptor.MESSAGE_TYPE_ID;

/**
 * The receiving side of an end: takes whole messages from the inbound Agrona one-to-one ring, waits while it is
 * empty, and turns the peer's close or death into the end of stream once the ring is drained.
 *
 * <p>Threading: the end's receiving thread only (the {@link Connection} guards it), except {@link #isReady()},
 * which any thread may call.
 */
final class Receiver
{
    private final Connection connection;
    private final InboundRing ring;
    private final PeerWatch peerWatch;
    private final IdleStrategy idle;
    private final Delivery delivery;

    Receiver(
        final Connection connection,
        final AtomicBuffer ringBuffer,
        final PeerWatch peerWatch,
        final IdleStrategy idle,
        final Codec<Object> codec)
    {
        this.connection = connection;
        this.ring = new InboundRing(ringBuffer);
        this.peerWatch = peerWatch;
        this.idle = idle;
        this.delivery = new Delivery(codec);
    }

    Object recvValue(final long timeoutNs)
    {
        delivery.decode();
        take(timeoutNs);
        return delivery.takeValue();
    }

    byte[] recvArray(final long timeoutNs)
    {
        delivery.newArray();
        take(timeoutNs);
        return delivery.takeBytes();
    }

    int recvInto(final byte[] array, final int offset, final long timeoutNs)
    {
        delivery.intoArray(array, offset);
        take(timeoutNs);
        if (delivery.tooShort())
        {
            final int room = array.length - offset;
            throw new BufferTooShortException(connection.what() + ": a message of " + delivery.length() +
                " bytes does not fit the " + room + " bytes from offset " + offset + "; it is in the exception",
                delivery.takeBytes(), room);
        }
        return delivery.length();
    }

    boolean poll(final long timeoutNs)
    {
        if (isReady())
        {
            return true;
        }
        idle.reset();
        final long startNs = System.nanoTime();
        while (System.nanoTime() - startNs < timeoutNs)
        {
            connection.checkWaitable("polling");
            idle.idle();
            if (isReady())
            {
                return true;
            }
        }
        return false;
    }

    boolean isReady()
    {
        return ring.hasMessage() || peerWatch.status(Long.MAX_VALUE) != PeerWatch.ALIVE;
    }

    /**
     * Takes one message into the delivery, waiting as allowed.
     */
    private void take(final long timeoutNs)
    {
        if (ring.read(delivery) > 0)
        {
            checkDelivered();
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
                // The peer's close CAS (acquired in status) or its death came after its last commit: one more read
                // takes a message committed between our last read and that look.
                if (ring.read(delivery) > 0)
                {
                    checkDelivered();
                    return;
                }
                throw endOfStream(status);
            }
            connection.checkWaitable("receiving");
            if (timeoutNs >= 0 && waitedNs >= timeoutNs)
            {
                throw new PipeTimeoutException(connection.what() + ": no message after " + Duration.ofNanos(timeoutNs));
            }
            idle.idle();
            // Agrona's read: acquire load of the record length (paired with the writer's release at commit), copy,
            // then a release store of the head, which hands the room back to the writer.
            if (ring.read(delivery) > 0)
            {
                checkDelivered();
                return;
            }
        }
    }

    private void checkDelivered()
    {
        if (delivery.unexpectedTypeId() != 0)
        {
            throw new PipeException(connection.what() + ": a record of type " + delivery.unexpectedTypeId() +
                " and " + delivery.length() + " bytes is not a pipe message (expected type " + MESSAGE_TYPE_ID +
                "); it is skipped");
        }
    }

    private PipeClosedException endOfStream(final int status)
    {
        final Pipe.End other = connection.end().peer();
        if (status == PeerWatch.CLOSED)
        {
            return new PipeClosedException(PipeClosedException.Reason.PEER_CLOSED, connection.what() +
                ": end of stream, end " + other + " was closed and every message it sent has been received");
        }
        return new PipeClosedException(PipeClosedException.Reason.PEER_DIED, connection.what() +
            ": end of stream, the process of end " + other + " (" + peerWatch.deadOwner() + ") died; every " +
            "message it committed has been received" +
            (ring.hasClaimAtHead() ? ", and the one it was writing when it died is dropped" : ""));
    }
}
