package io.mp4j.cluster.ignite;

import io.mp4j.ipc.PipeEnd;
import io.mp4j.ipc.pipe.Pipe;
import io.mp4j.ipc.pipe.PipeClosedException;
import io.mp4j.ipc.pipe.PipeException;
import io.mp4j.ipc.pipe.PipeTimeoutException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicLong;
import org.apache.ignite.IgniteAtomicReference;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.IgniteQueue;
import org.apache.ignite.configuration.CollectionConfiguration;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PipeEnd} on two unbounded {@link IgniteQueue}s of the launcher codec's encodings, one per direction
 * ({@code NAME~A>B} and {@code NAME~B>A}, one backup), and an atomic long per end that is 1 once the end has
 * closed ({@code NAME~closed-A}). Closing an end puts an empty message, which no encoding is, behind the messages it
 * sent: the other end receives them, then sees the stream end. A send checks that the other end is still open.
 *
 * <p>Each end records the id of the node that opened it in an atomic reference ({@code NAME~node-A}). A waiting
 * receive looks at the other end's node every {@value #PEER_CHECK_MS} ms: once that node has left the topology
 * (its process died, or it left the cluster), the receive delivers what is left in the queue, then fails with
 * {@link PipeClosedException.Reason#PEER_DIED}; a send fails at once. A node killed is noticed when Ignite drops
 * it: at once for a member whose neighbours see its sockets close, after the members' client failure detection
 * timeout (30 s by default) for a driver.
 *
 * <p>Threading: one sending thread and one receiving thread at a time.
 */
final class IgnitePipeEnd implements PipeEnd
{
    private static final byte[] END_OF_STREAM = new byte[0];
    private static final long PEER_CHECK_MS = 100;

    private final String name;
    private final Pipe.End end;
    private final IgniteQueue<byte[]> outgoing;
    private final IgniteQueue<byte[]> incoming;
    private final IgniteAtomicLong closedHere;
    private final IgniteAtomicLong closedThere;
    private final IgniteAtomicReference<String> nodeThere;
    private final Ignite ignite;
    private final ObjectBytes bytes;
    private volatile String peerNode;
    private volatile boolean closed;
    private volatile boolean ended;
    private volatile String deadNode;

    IgnitePipeEnd(final Ignite ignite, final String name, final Pipe.End end, final ObjectBytes bytes)
    {
        this.ignite = ignite;
        this.name = name;
        this.end = end;
        this.bytes = bytes;
        final CollectionConfiguration configuration = new CollectionConfiguration().setBackups(1);
        this.outgoing = ignite.queue(name + "~" + end + ">" + end.peer(), 0, configuration);
        this.incoming = ignite.queue(name + "~" + end.peer() + ">" + end, 0, configuration);
        this.closedHere = ignite.atomicLong(name + "~closed-" + end, 0, true);
        this.closedThere = ignite.atomicLong(name + "~closed-" + end.peer(), 0, true);
        final String here = ignite.cluster().localNode().id().toString();
        ignite.atomicReference(name + "~node-" + end, here, true).set(here);
        this.nodeThere = ignite.atomicReference(name + "~node-" + end.peer(), null, true);
    }

    @Override
    public void send(final Object value)
    {
        checkOpen();
        if (closedThere.get() != 0)
        {
            throw new PipeClosedException(PipeClosedException.Reason.PEER_CLOSED, this + ": the other end closed");
        }
        final String dead = deadPeer();
        if (dead != null)
        {
            throw new PipeClosedException(PipeClosedException.Reason.PEER_DIED, this + ": cannot send, the " +
                "process of end " + end.peer() + " (node " + dead + ") died: its node left the cluster");
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
        return receive(Long.MAX_VALUE, null);
    }

    @Override
    public Object recv(final Duration timeout)
    {
        return receive(timeout.toNanos(), timeout);
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

    private Object receive(final long timeoutNs, final Duration timeout)
    {
        checkReceivable();
        final long start = System.nanoTime();
        try
        {
            while (true)
            {
                final long left = timeoutNs - (System.nanoTime() - start);
                if (left <= 0)
                {
                    throw new PipeTimeoutException(this + ": nothing received within " + timeout);
                }
                final byte[] message = incoming.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(PEER_CHECK_MS)),
                    TimeUnit.NANOSECONDS);
                if (message != null)
                {
                    return received(message);
                }
                final String dead = deadPeer();
                if (dead != null)
                {
                    final byte[] last = incoming.poll();
                    if (last != null)
                    {
                        return received(last);
                    }
                    throw peerDied(dead);
                }
            }
        }
        catch (final IgniteInterruptedException ex)
        {
            throw interrupted(ex);
        }
    }

    private String deadPeer()
    {
        final String known = peerNode;
        if (known != null && ignite.cluster().node(UUID.fromString(known)) != null)
        {
            return null;
        }
        final String recorded = nodeThere.get();
        if (recorded == null)
        {
            return null;
        }
        peerNode = recorded;
        return ignite.cluster().node(UUID.fromString(recorded)) == null ? recorded : null;
    }

    private PipeClosedException peerDied(final String node)
    {
        deadNode = node;
        return new PipeClosedException(PipeClosedException.Reason.PEER_DIED, this + ": end of stream, the " +
            "process of end " + end.peer() + " (node " + node + ") died: its node left the cluster; every message " +
            "it sent has been received");
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
        if (deadNode != null)
        {
            throw peerDied(deadNode);
        }
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
