package io.mp4j.launcher.worker;

import io.mp4j.ipc.pipe.Connection;
import io.mp4j.ipc.pipe.PipeClosedException;
import io.mp4j.ipc.pipe.PipeTimeoutException;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Frames ({@link Frames}) over one end of a pipe. A frame longer than the pipe's largest message is cut into
 * fragments of that size; the first fragment starts with the frame's total length, so the receiver knows how many
 * bytes follow. The pipe delivers in order with one sender and one receiver per direction, so fragments never mix.
 * The worker side blocks ({@link #receive()}, {@link #send}); the parent side never does ({@link #poll()},
 * {@link #offer}, {@link #flush()}), so one thread can serve many workers and never deadlocks with a worker that is
 * itself blocked sending results.
 *
 * <p>Threading: one thread receives and one thread sends (they may be the same).
 */
public final class FrameChannel
{
    private final Connection connection;
    private final int maxFragment;
    private final byte[] inbox;
    private final UnsafeBuffer inboxView;
    private byte[] assembly = new byte[0];
    private int expected;
    private int assembled;
    private byte[] frame;
    private final ArrayDeque<byte[]> backlog = new ArrayDeque<>();
    private int backlogOffset;

    /**
     * @param connection the end of the pipe this side owns.
     */
    public FrameChannel(final Connection connection)
    {
        this.connection = connection;
        this.maxFragment = connection.maxMessageLength();
        this.inbox = new byte[maxFragment];
        this.inboxView = new UnsafeBuffer(inbox);
    }

    /**
     * Waits for the next whole frame.
     *
     * @return its length; the frame is {@link #frame()}{@code [0, length)}.
     * @throws io.mp4j.ipc.pipe.PipeClosedException if the peer closed its end or died.
     */
    public int receive()
    {
        while (true)
        {
            final int length = accept(connection.recvBytes(inbox, 0));
            if (length >= 0)
            {
                return length;
            }
        }
    }

    /**
     * Takes the next whole frame if all of it has arrived; never waits.
     *
     * @return its length, or -1 if no whole frame is there yet.
     * @throws io.mp4j.ipc.pipe.PipeClosedException if the peer closed its end or died and nothing is left to read.
     */
    public int poll()
    {
        while (connection.poll())
        {
            final int length = accept(connection.recvBytes(inbox, 0));
            if (length >= 0)
            {
                return length;
            }
        }
        return -1;
    }

    /**
     * @return the array holding the frame last returned (valid until the next receive).
     */
    public byte[] frame()
    {
        return frame;
    }

    /**
     * Sends a frame, waiting for room.
     *
     * @param array  holds the frame from index 0.
     * @param length its length.
     */
    public void send(final byte[] array, final int length)
    {
        for (int offset = 0; offset < length; offset += maxFragment)
        {
            connection.sendBytes(array, offset, Math.min(maxFragment, length - offset));
        }
    }

    /**
     * Sends what fits now and keeps a copy of the rest, which later calls send first; never waits. Once the peer has
     * closed its end (a worker that retired or died), frames are dropped: nothing sent to it can matter any more, and
     * the parent acts on the peer's exit, not on this pipe.
     *
     * @param array  holds the frame from index 0.
     * @param length its length.
     */
    public void offer(final byte[] array, final int length)
    {
        int offset = 0;
        if (backlog.isEmpty())
        {
            offset = sendNow(array, 0, length);
            if (offset == length)
            {
                return;
            }
        }
        backlog.addLast(Arrays.copyOfRange(array, offset, length));
    }

    /**
     * Sends as much of the backlog as fits now; drops it if the peer has closed its end (see {@link #offer}).
     *
     * @return true if nothing is left to send.
     */
    public boolean flush()
    {
        while (!backlog.isEmpty())
        {
            final byte[] head = backlog.peekFirst();
            backlogOffset = sendNow(head, backlogOffset, head.length);
            if (backlogOffset < head.length)
            {
                return false;
            }
            backlog.removeFirst();
            backlogOffset = 0;
        }
        return true;
    }

    /**
     * @return true if frames wait to be sent.
     */
    public boolean hasBacklog()
    {
        return !backlog.isEmpty();
    }

    /**
     * @return the connection.
     */
    public Connection connection()
    {
        return connection;
    }

    private int sendNow(final byte[] array, final int from, final int length)
    {
        int offset = from;
        try
        {
            while (offset < length)
            {
                final int fragment = Math.min(maxFragment, length - offset);
                connection.sendBytes(array, offset, fragment, Duration.ZERO);
                offset += fragment;
            }
        }
        catch (final PipeTimeoutException full)
        {
            // the ring is full: the rest waits for the next flush
        }
        catch (final PipeClosedException closed)
        {
            // the peer is gone: drop the rest, as if sent; its exit is what the parent acts on
            return length;
        }
        return offset;
    }

    private int accept(final int length)
    {
        if (expected == 0)
        {
            final int total = inboxView.getInt(0);
            if (total == length)
            {
                frame = inbox;
                return length;
            }
            if (total < length || total < Frames.BODY_OFFSET)
            {
                throw new IllegalStateException("corrupt frame on " + connection + ": length " + total +
                    " in a fragment of " + length + " bytes");
            }
            if (assembly.length < total)
            {
                assembly = new byte[total];
            }
            expected = total;
            assembled = 0;
        }
        if (assembled + length > expected)
        {
            throw new IllegalStateException("corrupt frame on " + connection + ": fragments of " +
                (assembled + length) + " bytes for a frame of " + expected);
        }
        System.arraycopy(inbox, 0, assembly, assembled, length);
        assembled += length;
        if (assembled < expected)
        {
            return -1;
        }
        final int total = expected;
        expected = 0;
        frame = assembly;
        return total;
    }
}
