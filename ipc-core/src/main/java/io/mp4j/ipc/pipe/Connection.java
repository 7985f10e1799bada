package io.mp4j.ipc.pipe;

import io.mp4j.ipc.PipeEnd;
import io.mp4j.ipc.Waitable;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.layout.PipeDescriptor;
import io.mp4j.ipc.liveness.ProcessIdentity;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionKind;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.mp4j.ipc.layout.PipeDescriptor.*;

/**
 * One end of a {@link Pipe}, as Python's {@code multiprocessing.connection.Connection}: send and receive objects
 * (through a {@link Codec}) or bytes, poll with a timeout, and close. Messages arrive whole and in order; a message
 * the peer had only half written when it died is never delivered.
 *
 * <p>End of stream: once the peer has closed its end, or its process has died, and every message it committed has
 * been received, a receive throws {@link PipeClosedException} (Python's {@code EOFError}), and so does a send
 * (Python's {@code BrokenPipeError}: at once if the peer closed, once the ring is full if it died). A receive that
 * has waited a millisecond on an empty ring asks the OS whether the peer's process is alive, and again at most once
 * per {@link ConnectionOptions#livenessCheckInterval()}, so a peer killed with SIGKILL ends the stream within about
 * that interval and never hangs the receiver. A stopped (SIGSTOP) or slow peer looks alive: use the timeouts.
 *
 * <p>Threading: an end sends on one thread at a time and receives on one thread at a time (each direction is an
 * Agrona single-producer single-consumer ring); the sending and the receiving thread may differ. A second thread
 * entering the same direction is refused with {@link IllegalStateException} (a best-effort check, not a lock).
 * {@link #isReady()} may be called from any thread. {@link #close()} may be called from any thread: threads waiting
 * in this end's send or receive see it within one idle period and throw {@link PipeClosedException}, and close waits
 * for them to leave before it unmaps; an operation that starts on another thread while close runs is a misuse.
 * Two processes cannot open the same end.
 */
public final class Connection implements Waitable, PipeEnd
{
    private static final byte[] EMPTY = new byte[0];
    private static final long CLOSE_WAIT_PARK_NS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final VarHandle CLOSED;
    private static final VarHandle SENDING_THREAD;
    private static final VarHandle RECEIVING_THREAD;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLOSED = lookup.findVarHandle(Connection.class, "closed", boolean.class);
            SENDING_THREAD = lookup.findVarHandle(Connection.class, "sendingThread", Thread.class);
            RECEIVING_THREAD = lookup.findVarHandle(Connection.class, "receivingThread", Thread.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Region region;
    private final Pipe.End end;
    private final String what;
    private final PipeShape shape;
    private final EndControl self;
    private final EndControl peer;
    private final UnsafeBuffer inboundBuffer;
    private final UnsafeBuffer outboundBuffer;
    private final Receiver receiver;
    private final Sender sender;
    private final Codec<Object> codec;

    private volatile boolean closed;
    @SuppressWarnings("unused") // through SENDING_THREAD
    private Thread sendingThread;
    @SuppressWarnings("unused") // through RECEIVING_THREAD
    private Thread receivingThread;

    private Connection(final Region region, final Pipe.End end, final ConnectionOptions options)
    {
        this.region = region;
        this.end = end;
        this.what = "end " + end + " of pipe " + region.file();
        this.shape = PipeShape.read(region);
        final AtomicBuffer body = region.body();
        this.self = new EndControl(body, end.index());
        this.peer = new EndControl(body, end.peer().index());
        final PeerWatch peerWatch = new PeerWatch(peer, Connections.saturatedNanos(options.livenessCheckInterval()));
        final int capacity = shape.capacity();
        final boolean receives = shape.duplex() || end == Pipe.End.A;
        final boolean sends = shape.duplex() || end == Pipe.End.B;
        final int inboundRing = end == Pipe.End.A ? RING_TO_A : RING_TO_B;
        final int outboundRing = end == Pipe.End.A ? RING_TO_B : RING_TO_A;
        this.codec = options.codec();
        this.inboundBuffer = receives ?
            new UnsafeBuffer(body, ringOffset(capacity, inboundRing), ringLength(capacity)) : null;
        this.outboundBuffer = sends ?
            new UnsafeBuffer(body, ringOffset(capacity, outboundRing), ringLength(capacity)) : null;
        this.receiver = receives ?
            new Receiver(this, inboundBuffer, peerWatch, options.idleStrategy().get(), codec) : null;
        this.sender = sends ? new Sender(this, outboundBuffer, peer, peerWatch, options.idleStrategy().get()) : null;
        self.open(ProcessIdentity.current(), what);
    }

    /**
     * Maps the pipe's region once more for this end and opens the end for this process.
     *
     * @param directory       the space directory.
     * @param name            the pipe's name.
     * @param end             the end to open.
     * @param options         how to use it.
     * @param attachTimeoutMs how long to wait for a creator still initialising the region.
     * @return the open end.
     */
    static Connection open(
        final Path directory,
        final String name,
        final Pipe.End end,
        final ConnectionOptions options,
        final long attachTimeoutMs)
    {
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(options, "options");
        final Region region = RegionFiles.attach(directory, name, RegionKind.PIPE, attachTimeoutMs);
        try
        {
            return new Connection(region, end, options);
        }
        catch (final RuntimeException | Error ex)
        {
            region.close();
            throw ex;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Sending

    /**
     * Sends an object, encoded by the codec, waiting as long as the ring is full.
     *
     * <p>Threading: this end's sending thread. Ordering: the message is published with a release store of its
     * length (Agrona's commit), paired with the receiver's acquire load.
     *
     * @param value the object.
     * @throws PipeClosedException      if the peer closed or died, or this end is closed.
     * @throws MessageTooLargeException if its encoding is longer than {@link #maxMessageLength()}.
     * @throws io.mp4j.ipc.codec.CodecException if the codec cannot encode it.
     * @throws IllegalStateException    if there is no codec, or this end only receives.
     */
    public void send(final Object value)
    {
        sendValue(value, -1);
    }

    /**
     * Sends an object, waiting at most the timeout for room in the ring.
     *
     * <p>Threading and ordering: as {@link #send(Object)}.
     *
     * @param value   the object.
     * @param timeout the longest wait for room.
     * @throws PipeTimeoutException if the ring stayed full; nothing was sent.
     * @throws PipeClosedException  if the peer closed or died, or this end is closed.
     */
    public void send(final Object value, final Duration timeout)
    {
        sendValue(value, timeoutNs(timeout));
    }

    /**
     * Sends all of an array as one message, as Python's {@code send_bytes(buf)}.
     *
     * <p>Threading and ordering: as {@link #send(Object)}.
     *
     * @param buffer the bytes.
     * @throws PipeClosedException      if the peer closed or died, or this end is closed.
     * @throws MessageTooLargeException if it is longer than {@link #maxMessageLength()}.
     */
    public void sendBytes(final byte[] buffer)
    {
        sendArray(buffer, 0, buffer.length, -1);
    }

    /**
     * Sends part of an array as one message, as Python's {@code send_bytes(buf, offset, size)}.
     *
     * <p>Threading and ordering: as {@link #send(Object)}.
     *
     * @param buffer the bytes.
     * @param offset where the message starts.
     * @param length its length.
     * @throws IndexOutOfBoundsException if the range is not within the array.
     * @throws PipeClosedException       if the peer closed or died, or this end is closed.
     * @throws MessageTooLargeException  if it is longer than {@link #maxMessageLength()}.
     */
    public void sendBytes(final byte[] buffer, final int offset, final int length)
    {
        sendArray(buffer, offset, length, -1);
    }

    /**
     * Sends part of an array as one message, waiting at most the timeout for room in the ring.
     *
     * <p>Threading and ordering: as {@link #send(Object)}.
     *
     * @param buffer  the bytes.
     * @param offset  where the message starts.
     * @param length  its length.
     * @param timeout the longest wait for room.
     * @throws PipeTimeoutException if the ring stayed full; nothing was sent.
     * @throws PipeClosedException  if the peer closed or died, or this end is closed.
     */
    public void sendBytes(final byte[] buffer, final int offset, final int length, final Duration timeout)
    {
        sendArray(buffer, offset, length, timeoutNs(timeout));
    }

    private void sendValue(final Object value, final long timeoutNs)
    {
        final Codec<Object> codec = requireCodec();
        enterSend();
        try
        {
            sender.sendValue(codec, value, timeoutNs);
        }
        finally
        {
            exitSend();
        }
    }

    private void sendArray(final byte[] buffer, final int offset, final int length, final long timeoutNs)
    {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        enterSend();
        try
        {
            sender.sendArray(buffer, offset, length, timeoutNs);
        }
        finally
        {
            exitSend();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Receiving

    /**
     * Receives the next object, waiting as long as none has come, as Python's {@code recv()}.
     *
     * <p>Threading: this end's receiving thread. Ordering: acquire load of each record's length, paired with the
     * sender's release store at commit; the head moves on with a release store, which frees the room for the
     * sender.
     *
     * @return the object decoded by the codec.
     * @throws PipeClosedException   if the stream has ended: the peer closed or died and every message it committed
     *                               has been received, or this end is closed.
     * @throws io.mp4j.ipc.codec.CodecException if the codec cannot decode it; the message is consumed.
     * @throws IllegalStateException if there is no codec, or this end only sends.
     */
    public Object recv()
    {
        return recvValue(-1);
    }

    /**
     * Receives the next object, waiting at most the timeout.
     *
     * <p>Threading and ordering: as {@link #recv()}.
     *
     * @param timeout the longest wait.
     * @return the object decoded by the codec.
     * @throws PipeTimeoutException if none came in time.
     * @throws PipeClosedException  if the stream has ended.
     */
    public Object recv(final Duration timeout)
    {
        return recvValue(timeoutNs(timeout));
    }

    /**
     * Receives the next message as a new array, as Python's {@code recv_bytes()}.
     *
     * <p>Threading and ordering: as {@link #recv()}.
     *
     * @return the message's bytes.
     * @throws PipeClosedException if the stream has ended.
     */
    public byte[] recvBytes()
    {
        return recvArray(-1);
    }

    /**
     * Receives the next message as a new array, waiting at most the timeout.
     *
     * <p>Threading and ordering: as {@link #recv()}.
     *
     * @param timeout the longest wait.
     * @return the message's bytes.
     * @throws PipeTimeoutException if none came in time.
     * @throws PipeClosedException  if the stream has ended.
     */
    public byte[] recvBytes(final Duration timeout)
    {
        return recvArray(timeoutNs(timeout));
    }

    /**
     * Receives the next message into the caller's array, as Python's {@code recv_bytes_into(buf, offset)}.
     *
     * <p>Threading and ordering: as {@link #recv()}.
     *
     * @param buffer where to put it.
     * @param offset where in the array it starts.
     * @return the message's length.
     * @throws IndexOutOfBoundsException if the offset is not within the array (or at its end).
     * @throws BufferTooShortException   if the message is longer than the array from the offset; it is consumed and
     *                                   the exception holds it.
     * @throws PipeClosedException       if the stream has ended.
     */
    public int recvBytes(final byte[] buffer, final int offset)
    {
        return recvInto(buffer, offset, -1);
    }

    /**
     * Receives the next message into the caller's array, waiting at most the timeout.
     *
     * <p>Threading and ordering: as {@link #recv()}.
     *
     * @param buffer  where to put it.
     * @param offset  where in the array it starts.
     * @param timeout the longest wait.
     * @return the message's length.
     * @throws PipeTimeoutException    if none came in time.
     * @throws BufferTooShortException if the message is longer than the array from the offset.
     * @throws PipeClosedException     if the stream has ended.
     */
    public int recvBytes(final byte[] buffer, final int offset, final Duration timeout)
    {
        return recvInto(buffer, offset, timeoutNs(timeout));
    }

    /**
     * Whether a message is waiting, or the stream has ended (so that a receive returns or throws at once), as
     * Python's {@code poll()}.
     *
     * <p>Threading: this end's receiving thread. Ordering: as {@link #isReady()}.
     *
     * @return true if a receive would not wait.
     * @throws PipeClosedException if this end is closed.
     */
    public boolean poll()
    {
        return poll(Duration.ZERO);
    }

    /**
     * Waits until a message is waiting or the stream has ended, or the timeout passes, as Python's
     * {@code poll(timeout)}.
     *
     * <p>Threading: this end's receiving thread. Ordering: as {@link #isReady()}.
     *
     * @param timeout the longest wait; zero looks once.
     * @return true if a receive would not wait; false if the timeout passed.
     * @throws PipeClosedException if this end is closed.
     */
    public boolean poll(final Duration timeout)
    {
        final long timeoutNs = timeoutNs(timeout);
        enterReceive();
        try
        {
            return receiver.poll(timeoutNs);
        }
        finally
        {
            exitReceive();
        }
    }

    /**
     * Whether a receive would not wait: a message is waiting, or the peer closed or died (its death is noticed as
     * the liveness check interval allows), or this end is closed.
     *
     * <p>Threading: any thread of this process, while this end is open. From a thread other than the receiving one,
     * while that one receives, the answer may be stale (true for a message just taken). Ordering: acquire loads of
     * the record length under the head and of the peer's state.
     *
     * @return true if ready.
     * @throws IllegalStateException if this end only sends.
     */
    @Override
    public boolean isReady()
    {
        if (closed)
        {
            return true;
        }
        if (receiver == null)
        {
            throw new IllegalStateException(what + " only sends (simplex pipe): there is nothing to wait for");
        }
        return receiver.isReady();
    }

    private Object recvValue(final long timeoutNs)
    {
        requireCodec();
        enterReceive();
        try
        {
            return receiver.recvValue(timeoutNs);
        }
        finally
        {
            exitReceive();
        }
    }

    private byte[] recvArray(final long timeoutNs)
    {
        enterReceive();
        try
        {
            return receiver.recvArray(timeoutNs);
        }
        finally
        {
            exitReceive();
        }
    }

    private int recvInto(final byte[] buffer, final int offset, final long timeoutNs)
    {
        if (offset < 0 || offset > buffer.length)
        {
            throw new IndexOutOfBoundsException("offset out of range: offset=" + offset + " length=" + buffer.length);
        }
        enterReceive();
        try
        {
            return receiver.recvInto(buffer, offset, timeoutNs);
        }
        finally
        {
            exitReceive();
        }
    }

    /**
     * Throws if a waiting operation must stop: this end was closed, or the thread interrupted.
     *
     * @param doing what the caller waits for, for the message.
     */
    void checkWaitable(final String doing)
    {
        if (closed)
        {
            throw closedHere();
        }
        if (Thread.currentThread().isInterrupted())
        {
            throw new PipeException(what + ": interrupted while " + doing);
        }
    }

    /**
     * @return this end's name for messages, e.g. "end A of pipe /dev/shm/mp4j-me/space/jobs".
     */
    String what()
    {
        return what;
    }

    // ------------------------------------------------------------------------------------------------------------
    // State

    /**
     * Closes this end, as Python's {@code close()}: the peer receives what this end sent and then the end of
     * stream; its sends fail. Unmaps the region in this process. If the pipe was created with
     * {@link PipeOptions#removeWhenClosed()} and the peer end is closed or dead, deletes the region's file (one
     * process does, whichever closes last). Idempotent.
     *
     * <p>Threading: any thread. Threads waiting in this end's send or receive throw {@link PipeClosedException}
     * within one idle period; close waits for them to leave before it unmaps. Ordering: the end's state moves to
     * closed with a CAS, a full barrier after every message this end committed, paired with the peer's acquire
     * load of the state.
     *
     * @throws IllegalStateException if called from inside this end's own send or receive (from a codec).
     */
    @Override
    public void close()
    {
        final Thread current = Thread.currentThread();
        if (SENDING_THREAD.getOpaque(this) == current || RECEIVING_THREAD.getOpaque(this) == current)
        {
            throw new IllegalStateException(what + ": close from inside its own send or receive");
        }
        if (!CLOSED.compareAndSet(this, false, true))
        {
            return;
        }
        // Waiting threads check `closed` once per idle period (1 ms at most by default) and leave.
        while (SENDING_THREAD.getOpaque(this) != null || RECEIVING_THREAD.getOpaque(this) != null)
        {
            LockSupport.parkNanos(CLOSE_WAIT_PARK_NS);
        }
        self.close();
        final boolean remove = shape.removeWhenClosed() && peer.isDone() &&
            region.body().compareAndSetInt(REMOVED_OFFSET, 0, 1);
        // Late use through a ring object hits an empty array (IndexOutOfBoundsException), never unmapped memory.
        if (inboundBuffer != null)
        {
            inboundBuffer.wrap(EMPTY);
        }
        if (outboundBuffer != null)
        {
            outboundBuffer.wrap(EMPTY);
        }
        if (remove)
        {
            region.unlink();
        }
        else
        {
            region.close();
        }
    }

    /**
     * @return true once {@link #close()} has been called in this process.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @return which end this is.
     */
    public Pipe.End end()
    {
        return end;
    }

    /**
     * @return the pipe's name within its space.
     */
    public String pipeName()
    {
        return region.name();
    }

    /**
     * @return the pipe's region file.
     */
    public Path file()
    {
        return region.file();
    }

    /**
     * @return true if this end can send: both ends of a duplex pipe, end B of a simplex one.
     */
    public boolean canSend()
    {
        return sender != null;
    }

    /**
     * @return true if this end can receive: both ends of a duplex pipe, end A of a simplex one.
     */
    public boolean canReceive()
    {
        return receiver != null;
    }

    /**
     * @return the longest message in bytes: an eighth of the ring capacity.
     */
    public int maxMessageLength()
    {
        return PipeDescriptor.maxMessageLength(shape.capacity());
    }

    /**
     * @return the process that opened the peer end, or null if none has yet.
     */
    public ProcessIdentity peer()
    {
        if (closed)
        {
            throw closedHere();
        }
        return peer.owner();
    }

    @Override
    public String toString()
    {
        return "Connection{" + what + (closed ? " closed" : "") + "}";
    }

    // ------------------------------------------------------------------------------------------------------------
    // Guards and errors

    private void enterSend()
    {
        if (sender == null)
        {
            throw new IllegalStateException(what + " only receives (simplex pipe)");
        }
        final Thread other = (Thread)SENDING_THREAD.getOpaque(this);
        if (other != null)
        {
            throw new IllegalStateException(what + " is sending on thread \"" + other.getName() +
                "\" already: an end sends on one thread at a time");
        }
        // opaque: a plain store the JIT keeps; seen by close() and by a second sender (best effort).
        SENDING_THREAD.setOpaque(this, Thread.currentThread());
        if (closed)
        {
            SENDING_THREAD.setOpaque(this, null);
            throw closedHere();
        }
    }

    private void exitSend()
    {
        SENDING_THREAD.setOpaque(this, null);
    }

    private void enterReceive()
    {
        if (receiver == null)
        {
            throw new IllegalStateException(what + " only sends (simplex pipe)");
        }
        final Thread other = (Thread)RECEIVING_THREAD.getOpaque(this);
        if (other != null)
        {
            throw new IllegalStateException(what + " is receiving on thread \"" + other.getName() +
                "\" already: an end receives on one thread at a time");
        }
        // opaque: a plain store the JIT keeps; seen by close() and by a second receiver (best effort).
        RECEIVING_THREAD.setOpaque(this, Thread.currentThread());
        if (closed)
        {
            RECEIVING_THREAD.setOpaque(this, null);
            throw closedHere();
        }
    }

    private void exitReceive()
    {
        RECEIVING_THREAD.setOpaque(this, null);
    }

    private Codec<Object> requireCodec()
    {
        if (codec == null)
        {
            throw new IllegalStateException(what + " has no codec for objects: open it with " +
                "ConnectionOptions.withCodec, or use sendBytes and recvBytes");
        }
        return codec;
    }

    private PipeClosedException closedHere()
    {
        return new PipeClosedException(PipeClosedException.Reason.CLOSED, what + " is closed");
    }

    private static long timeoutNs(final Duration timeout)
    {
        if (timeout.isNegative())
        {
            throw new IllegalArgumentException("timeout is negative: timeout=" + timeout);
        }
        return Connections.saturatedNanos(timeout);
    }
}
