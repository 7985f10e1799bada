package io.mp4j.ipc.values;

import io.mp4j.ipc.region.Region;

/**
 * A fixed-length {@code long} array in shared memory (Python's {@code Array('q', n)}). Made by
 * {@link io.mp4j.ipc.Space#sharedLongArray(String, int)}.
 *
 * <p>Threading: every method is safe from any thread of any process that maps it; each element is atomic on its
 * own, the bulk copies are not atomic as a whole.
 * Ordering: {@link #get(int)} and {@link #set(int, long)} are volatile, {@code Acquire}/{@code Release} pair with
 * each other, {@code Plain} and the bulk copies give no ordering; the read-modify-write methods are volatile.
 */
public final class SharedLongArray extends SharedArray
{
    /**
     * @param region a mapped {@link io.mp4j.ipc.region.RegionKind#LONG_ARRAY} region.
     */
    public SharedLongArray(final Region region)
    {
        super(region, Long.BYTES);
    }

    /**
     * @param index the element.
     * @return its value, volatile read.
     */
    public long get(final int index)
    {
        return buffer.getLongVolatile(offset(index));
    }

    /**
     * @param index the element.
     * @return its value, acquire read.
     */
    public long getAcquire(final int index)
    {
        return buffer.getLongAcquire(offset(index));
    }

    /**
     * @param index the element.
     * @return its value, plain read.
     */
    public long getPlain(final int index)
    {
        return buffer.getLong(offset(index));
    }

    /**
     * @param index the element.
     * @param value stored with a volatile write.
     */
    public void set(final int index, final long value)
    {
        buffer.putLongVolatile(offset(index), value);
    }

    /**
     * @param index the element.
     * @param value stored with a release write.
     */
    public void setRelease(final int index, final long value)
    {
        buffer.putLongRelease(offset(index), value);
    }

    /**
     * @param index the element.
     * @param value stored with a plain write.
     */
    public void setPlain(final int index, final long value)
    {
        buffer.putLong(offset(index), value);
    }

    /**
     * @param index the element.
     * @param delta added atomically.
     * @return the value before.
     */
    public long getAndAdd(final int index, final long delta)
    {
        return buffer.getAndAddLong(offset(index), delta);
    }

    /**
     * @param index the element.
     * @param delta added atomically.
     * @return the value after.
     */
    public long addAndGet(final int index, final long delta)
    {
        return buffer.getAndAddLong(offset(index), delta) + delta;
    }

    /**
     * @param index    the element.
     * @param expected the value expected.
     * @param update   the value to store if it is.
     * @return true if stored.
     */
    public boolean compareAndSet(final int index, final long expected, final long update)
    {
        return buffer.compareAndSetLong(offset(index), expected, update);
    }

    /**
     * @param index the element.
     * @param value stored atomically.
     * @return the value before.
     */
    public long getAndSet(final int index, final long value)
    {
        return buffer.getAndSetLong(offset(index), value);
    }

    /**
     * Copies elements out, with plain reads.
     *
     * @param index    first element to read.
     * @param dst      where to copy.
     * @param dstIndex first element of dst to write.
     * @param count    number of elements.
     */
    public void copyTo(final int index, final long[] dst, final int dstIndex, final int count)
    {
        final int offset = rangeOffset(index, count, dst.length, dstIndex);
        for (int i = 0; i < count; i++)
        {
            dst[dstIndex + i] = buffer.getLong(offset + (i << 3));
        }
    }

    /**
     * Copies elements in, with plain writes.
     *
     * @param src      where to copy from.
     * @param srcIndex first element of src to read.
     * @param index    first element to write.
     * @param count    number of elements.
     */
    public void copyFrom(final long[] src, final int srcIndex, final int index, final int count)
    {
        final int offset = rangeOffset(index, count, src.length, srcIndex);
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(offset + (i << 3), src[srcIndex + i]);
        }
    }

    /**
     * @return a copy of every element, with plain reads.
     */
    public long[] toArray()
    {
        final long[] copy = new long[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }
}
