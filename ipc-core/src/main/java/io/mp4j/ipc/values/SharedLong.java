package io.mp4j.ipc.values;

import io.mp4j.ipc.LongValue;
import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.region.Region;

import static io.mp4j.ipc.layout.ValueDescriptor.VALUE_OFFSET;

/**
 * A {@code long} in shared memory (Python's {@code Value('q')} with atomics in place of its lock). Made by
 * {@link io.mp4j.ipc.Space#sharedLong(String)}.
 *
 * <p>Threading: every method is safe from any thread of any process that maps it.
 * Ordering: {@link #get()} and {@link #set(long)} are volatile; {@code Acquire}/{@code Release} pair with each
 * other; {@code Plain} gives no ordering; the read-modify-write methods are atomic and volatile.
 */
public final class SharedLong extends SharedObject implements LongValue
{
    /**
     * @param region a mapped {@link io.mp4j.ipc.region.RegionKind#LONG_VALUE} region.
     */
    public SharedLong(final Region region)
    {
        super(region);
    }

    /** @return the value, volatile read. */
    public long get()
    {
        return buffer.getLongVolatile(VALUE_OFFSET);
    }

    /** @return the value, acquire read: pairs with {@link #setRelease(long)}. */
    public long getAcquire()
    {
        return buffer.getLongAcquire(VALUE_OFFSET);
    }

    /** @return the value, plain read. */
    public long getPlain()
    {
        return buffer.getLong(VALUE_OFFSET);
    }

    /** @param value stored with a volatile write. */
    public void set(final long value)
    {
        buffer.putLongVolatile(VALUE_OFFSET, value);
    }

    /** @param value stored with a release write: earlier stores are visible before it. */
    public void setRelease(final long value)
    {
        buffer.putLongRelease(VALUE_OFFSET, value);
    }

    /** @param value stored with a plain write. */
    public void setPlain(final long value)
    {
        buffer.putLong(VALUE_OFFSET, value);
    }

    /**
     * @param delta added atomically.
     * @return the value before.
     */
    public long getAndAdd(final long delta)
    {
        return buffer.getAndAddLong(VALUE_OFFSET, delta);
    }

    /**
     * @param delta added atomically.
     * @return the value after.
     */
    public long addAndGet(final long delta)
    {
        return buffer.getAndAddLong(VALUE_OFFSET, delta) + delta;
    }

    /** @return the value after adding one atomically. */
    public long incrementAndGet()
    {
        return buffer.getAndAddLong(VALUE_OFFSET, 1) + 1;
    }

    /** @return the value after subtracting one atomically. */
    public long decrementAndGet()
    {
        return buffer.getAndAddLong(VALUE_OFFSET, -1) - 1;
    }

    /**
     * @param expected the value expected.
     * @param update   the value to store if it is.
     * @return true if stored.
     */
    public boolean compareAndSet(final long expected, final long update)
    {
        return buffer.compareAndSetLong(VALUE_OFFSET, expected, update);
    }

    /**
     * @param value stored atomically.
     * @return the value before.
     */
    public long getAndSet(final long value)
    {
        return buffer.getAndSetLong(VALUE_OFFSET, value);
    }

    @Override
    public String toString()
    {
        return "SharedLong{" + name() + "=" + (isClosed() ? "closed" : Long.toString(get())) + "}";
    }
}
