package io.mp4j.ipc.counters;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * One labelled counter of a {@link Counters} registry, readable with its label from any JVM that attaches the
 * registry. Allocated by {@link Counters#allocate(String, int)}; {@link #close()} frees it.
 *
 * <p>Threading: the update and read methods are safe from any thread of any process. Ordering: {@link #get()} is
 * volatile; {@link #increment()}, {@link #getAndAdd(long)} and {@link #compareAndSet(long, long)} are atomic and
 * volatile; {@link #set(long)} is a release store; {@link #getPlain()} is a plain load, for a counter's one writer.
 */
public final class Counter implements AutoCloseable
{
    private final Counters counters;
    private final AtomicBuffer values;
    private final int id;
    private final int offset;
    private boolean closed;

    Counter(final Counters counters, final AtomicBuffer values, final int id)
    {
        this.counters = counters;
        this.values = values;
        this.id = id;
        this.offset = CountersReader.counterOffset(id);
    }

    /** @return the counter's id in its registry. */
    public int id()
    {
        return id;
    }

    /** @return the counter's label. */
    public String label()
    {
        return counters.reader().getCounterLabel(id);
    }

    /** @return the value, volatile read. */
    public long get()
    {
        return values.getLongVolatile(offset);
    }

    /**
     * A plain load: for the counter's one writer, reading back its own last store before the next (a plain add then
     * {@link #set(long)}), where an atomic add would cost a locked instruction. Other threads use {@link #get()}.
     *
     * @return the value, plain read.
     */
    public long getPlain()
    {
        return values.getLong(offset);
    }

    /** @param value stored with a release write. */
    public void set(final long value)
    {
        values.putLongRelease(offset, value);
    }

    /** @return the value before adding one atomically. */
    public long increment()
    {
        return values.getAndAddLong(offset, 1);
    }

    /**
     * @param delta added atomically.
     * @return the value before.
     */
    public long getAndAdd(final long delta)
    {
        return values.getAndAddLong(offset, delta);
    }

    /**
     * @param expected the value expected.
     * @param update   the value to store if it is.
     * @return true if stored.
     */
    public boolean compareAndSet(final long expected, final long update)
    {
        return values.compareAndSetLong(offset, expected, update);
    }

    /** @return true once closed. */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Frees the counter in its registry: readers no longer list it, and its id is reused once the registry's
     * reuse timeout has passed. Idempotent. Threading: one thread of the owning process.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            counters.free(id);
        }
    }

    @Override
    public String toString()
    {
        return "Counter{id=" + id + (closed ? " closed" : " value=" + get()) + "}";
    }
}
