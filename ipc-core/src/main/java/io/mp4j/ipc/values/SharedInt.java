package io.mp4j.ipc.values;

import io.mp4j.ipc.IntValue;
import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.region.Region;

import static io.mp4j.ipc.layout.ValueDescriptor.VALUE_OFFSET;

/**
 * A {@code int} in shared memory (Python's {@code Value('i')} with atomics in place of its lock). Made by
 * {@link io.mp4j.ipc.Space#sharedLong(String)}.
 *
 * <p>Threading: every method is safe from any thread of any process that maps it.
 * Ordering: {@link #get()} and {@link #set(int)} are volatile; {@code Acquire}/{@code Release} pair with each
 * other; {@code Plain} gives no ordering; the read-modify-write methods are atomic and volatile.
 */
public final class SharedInt extends SharedObject implements IntValue
{
    /**
     * @param region a mapped {@link io.mp4j.ipc.region.RegionKind#INT_VALUE} region.
     */
    public SharedInt(final Region region)
    {
        super(region);
    }

    /** @return the value, volatile read. */
    public int get()
    {
        return buffer.getIntVolatile(VALUE_OFFSET);
    }

    /** @return the value, acquire read: pairs with {@link #setRelease(int)}. */
    public int getAcquire()
    {
        return buffer.getIntAcquire(VALUE_OFFSET);
    }

    /** @return the value, plain read. */
    public int getPlain()
    {
        return buffer.getInt(VALUE_OFFSET);
    }

    /** @param value stored with a volatile write. */
    public void set(final int value)
    {
        buffer.putIntVolatile(VALUE_OFFSET, value);
    }

    /** @param value stored with a release write: earlier stores are visible before it. */
    public void setRelease(final int value)
    {
        buffer.putIntRelease(VALUE_OFFSET, value);
    }

    /** @param value stored with a plain write. */
    public void setPlain(final int value)
    {
        buffer.putInt(VALUE_OFFSET, value);
    }

    /**
     * @param delta added atomically.
     * @return the value before.
     */
    public int getAndAdd(final int delta)
    {
        return buffer.getAndAddInt(VALUE_OFFSET, delta);
    }

    /**
     * @param delta added atomically.
     * @return the value after.
     */
    public int addAndGet(final int delta)
    {
        return buffer.getAndAddInt(VALUE_OFFSET, delta) + delta;
    }

    /** @return the value after adding one atomically. */
    public int incrementAndGet()
    {
        return buffer.getAndAddInt(VALUE_OFFSET, 1) + 1;
    }

    /** @return the value after subtracting one atomically. */
    public int decrementAndGet()
    {
        return buffer.getAndAddInt(VALUE_OFFSET, -1) - 1;
    }

    /**
     * @param expected the value expected.
     * @param update   the value to store if it is.
     * @return true if stored.
     */
    public boolean compareAndSet(final int expected, final int update)
    {
        return buffer.compareAndSetInt(VALUE_OFFSET, expected, update);
    }

    /**
     * @param value stored atomically.
     * @return the value before.
     */
    public int getAndSet(final int value)
    {
        return buffer.getAndSetInt(VALUE_OFFSET, value);
    }

    @Override
    public String toString()
    {
        return "SharedInt{" + name() + "=" + (isClosed() ? "closed" : Integer.toString(get())) + "}";
    }
}
