package io.mp4j.cluster.ignite;

import io.mp4j.ipc.MessageQueue;
import io.mp4j.ipc.queue.QueueEmptyException;
import io.mp4j.ipc.queue.QueueFullException;
import io.mp4j.ipc.queue.QueueInterruptedException;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.IgniteQueue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MessageQueue} on a bounded {@link IgniteQueue} of the launcher codec's encodings (one backup,
 * {@code FULL_SYNC}, not collocated). Closing this handle leaves the queue in the cluster.
 *
 * <p>Threading: thread-safe.
 *
 * @param <T> the type of message.
 */
final class IgniteMessageQueue<T> implements MessageQueue<T>
{
    private final IgniteQueue<byte[]> queue;
    private final ObjectBytes bytes;

    IgniteMessageQueue(final IgniteQueue<byte[]> queue, final ObjectBytes bytes)
    {
        this.queue = queue;
        this.bytes = bytes;
    }

    @Override
    public boolean offer(final T message)
    {
        return queue.offer(encode(message));
    }

    @Override
    public void put(final T message)
    {
        final byte[] encoded = encode(message);
        try
        {
            queue.put(encoded);
        }
        catch (final IgniteInterruptedException ex)
        {
            throw interrupted(ex);
        }
    }

    @Override
    public void put(final T message, final Duration timeout)
    {
        final byte[] encoded = encode(message);
        final boolean added;
        try
        {
            added = queue.offer(encoded, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final IgniteInterruptedException ex)
        {
            throw interrupted(ex);
        }
        if (!added)
        {
            throw new QueueFullException("queue " + queue.name() + " had no room within " + timeout +
                " (capacity=" + queue.capacity() + ")");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T poll()
    {
        return (T) bytes.decode(queue.poll());
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get()
    {
        try
        {
            return (T) bytes.decode(queue.take());
        }
        catch (final IgniteInterruptedException ex)
        {
            throw interrupted(ex);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(final Duration timeout)
    {
        final byte[] message;
        try
        {
            message = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final IgniteInterruptedException ex)
        {
            throw interrupted(ex);
        }
        if (message == null)
        {
            throw new QueueEmptyException("queue " + queue.name() + " had no message within " + timeout);
        }
        return (T) bytes.decode(message);
    }

    @Override
    public int size()
    {
        return queue.size();
    }

    @Override
    public boolean isEmpty()
    {
        return queue.isEmpty();
    }

    @Override
    public void close()
    {
    }

    @Override
    public String toString()
    {
        return "IgniteMessageQueue(" + queue.name() + ")";
    }

    private byte[] encode(final T message)
    {
        return bytes.encode(message);
    }

    private QueueInterruptedException interrupted(final IgniteInterruptedException ex)
    {
        Thread.currentThread().interrupt();
        final QueueInterruptedException failure = new QueueInterruptedException("interrupted waiting on queue " +
            queue.name());
        failure.initCause(ex);
        return failure;
    }
}
