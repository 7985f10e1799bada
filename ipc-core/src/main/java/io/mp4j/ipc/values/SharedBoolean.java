package io.mp4j.ipc.values;

import io.mp4j.ipc.BooleanValue;
import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.region.Region;

import static io.mp4j.ipc.layout.ValueDescriptor.VALUE_OFFSET;

/**
 * A {@code boolean} in shared memory, stored as an int 0 or 1. Made by
 * {@link io.mp4j.ipc.Space#sharedBoolean(String)}.
 *
 * <p>Threading: every method is safe from any thread of any process that maps it.
 * Ordering: reads are volatile, {@link #set(boolean)} is volatile, {@link #setRelease(boolean)} a release; the
 * read-modify-write methods are atomic and volatile.
 */
public final class SharedBoolean extends SharedObject implements BooleanValue
{
    /**
     * @param region a mapped {@link io.mp4j.ipc.region.RegionKind#BOOLEAN_VALUE} region.
     */
    public SharedBoolean(final Region region)
    {
        super(region);
    }

    /** @return the value, volatile read. */
    public boolean get()
    {
        return buffer.getIntVolatile(VALUE_OFFSET) != 0;
    }

    /** @param value stored with a volatile write. */
    public void set(final boolean value)
    {
        buffer.putIntVolatile(VALUE_OFFSET, value ? 1 : 0);
    }

    /** @param value stored with a release write: earlier stores are visible before it. */
    public void setRelease(final boolean value)
    {
        buffer.putIntRelease(VALUE_OFFSET, value ? 1 : 0);
    }

    /**
     * @param expected the value expected.
     * @param update   the value to store if it is.
     * @return true if stored.
     */
    public boolean compareAndSet(final boolean expected, final boolean update)
    {
        return buffer.compareAndSetInt(VALUE_OFFSET, expected ? 1 : 0, update ? 1 : 0);
    }

    /**
     * @param value stored atomically.
     * @return the value before.
     */
    public boolean getAndSet(final boolean value)
    {
        return buffer.getAndSetInt(VALUE_OFFSET, value ? 1 : 0) != 0;
    }

    @Override
    public String toString()
    {
        return "SharedBoolean{" + name() + "=" + (isClosed() ? "closed" : Boolean.toString(get())) + "}";
    }
}
