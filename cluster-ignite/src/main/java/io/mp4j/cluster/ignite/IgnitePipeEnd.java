package io.mp4j.cluster.ignite;

import io.mp4j.ipc.PipeEnd;
import io.mp4j.ipc.pipe.Pipe;
import io.mp4j.ipc.pipe.PipeClosedException;
import io.mp4j.ipc.pipe.PipeException;
import io.mp4j.ipc.pipe.PipeTimeoutException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicLong;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.IgniteQueue;
import org.apache.ignite.configuration.CollectionConfiguration;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PipeEnd} on two unbounded {@link IgniteQueue}s of the launcher codec's encodings, one per direction
 * ({@code NAME~A>B} and {@code NAME~B>A}, one backup), and an atomic long per end that is 1 once the end has
 * closed ({@code NAME~closed-A}). Closing an end puts an empty message, which no encoding is, behind the messages it
 * sent: the other end receives them, then sees the stream end. A send checks that the other end is still open.
 *
 * <p>Threading: one sending thread and one receiving thread at a time.
 */
final class IgnitePipeEnd implements PipeEnd
{
    private static final byte[] END_OF_STREAM = new byte[0];

    private final String name;
    private final Pipe.End end;
    private final IgniteQueue<byte[]> outgoing;
    private final IgniteQueue<byte[]> incoming;
    private final IgniteAtomicLong closedHere;
    private final IgniteAtomicLong closedThere;
    private final ObjectBytes bytes;
    private volatile boolean closed;
    private volatile boolean ended;

    IgnitePipeEnd(final Ignite ignite, final String name, final Pipe.End end, final ObjectBytes bytes)
    {
        this.name = name;
        this.end = end;
        this.bytes = bytes;
        final CollectionConfiguration configuration = new CollectionConfiguration().setBackups(1);
        this.outgoing = ignite.queue(name + "~" + end + ">" + end.peer(), 0, configuration);
        this.incoming = ignite.queue(name + "~" + end.peer() + ">" + end, 0, configuration);
        this.closedHere = ignite.atomicLong(name + "~closed-" + end, 0, true);
        this.closedThere = ignite.atomicLong(name + "~closed-" + end.peer(), 0, true);
    }

    @Override
    public void send(final Object value)
    {
        checkOpen();
        if (closedThere.get() != 0)
        {
            throw new PipeClosedException(PipeClosedException.Reason.PEER_CLOSED, this + ": the other end closed");
        }
        final byte[] encoded = bytes.encode(value);
        try
        {
            outgoing.put(encoded);
        }
        catch (final IgniteInterruptedException ex)
        {
            throw interrupted(ex);
        }
    }

    @Override
    public Object recv()
    {
        checkReceivable();
        final byte[] message;
        try
        {
            message = incoming.take();
        }
        catch (final IgniteInterruptedException ex)
        {
            throw interrupted(ex);
        }
        return received(message);
    }

    @Override
    public Object recv(final Duration timeout)
    {
        checkReceivable();
        final byte[] message;
        try
        {
            message = incoming.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final IgniteInterruptedException ex)
        {
            throw interrupted(ex);
        }
        if (message == null)
        {
            throw new PipeTimeoutException(this + ": nothing received within " + timeout);
        }
        return received(message);
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        closedHere.getAndSet(1);
        outgoing.put(END_OF_STREAM);
    }

    @Override
    public String toString()
    {
        return "IgnitePipeEnd(" + name + ", " + end + ")";
    }

    private Object received(final byte[] message)
    {
        if (message.length == 0)
        {
            ended = true;
            throw new PipeClosedException(PipeClosedException.Reason.PEER_CLOSED, this +
                ": the other end closed, and everything it sent has been received");
        }
        return bytes.decode(message);
    }

    private void checkReceivable()
    {
        checkOpen();
        if (ended)
        {
            throw new PipeClosedException(PipeClosedException.Reason.PEER_CLOSED, this +
                ": the other end closed, and everything it sent has been received");
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new PipeClosedException(PipeClosedException.Reason.CLOSED, this + " is closed");
        }
    }

    private PipeException interrupted(final IgniteInterruptedException ex)
    {
        Thread.currentThread().interrupt();
        return new PipeException("interrupted waiting on " + this, ex);
    }
}
