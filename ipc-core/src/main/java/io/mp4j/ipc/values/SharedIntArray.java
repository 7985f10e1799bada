package io.mp4j.ipc.values;

import io.mp4j.ipc.region.Region;

/**
 * A fixed-length {@code int} array in shared memory (Python's {@code Array('i', n)}). Made by
 * {@link io.mp4j.ipc.Space#sharedIntArray(String, int)}.
 *
 * <p>Threading: every method is safe from any thread of any process that maps it; each element is atomic on its
 * own, the bulk copies are not atomic as a whole.
 * Ordering: {@link #get(int)} and {@link #set(int, int)} are volatile, {@code Acquire}/{@code Release} pair with
 * each other, {@code Plain} and the bulk copies give no ordering; the read-modify-write methods are volatile.
 */
public final class SharedIntArray extends SharedArray
{
    /**
     * @param region a mapped {@link io.mp4j.ipc.region.RegionKind#INT_ARRAY} region.
     */
    public SharedIntArray(final Region region)
    {
        super(region, Integer.BYTES);
    }

    /**
     * @param index the element.
     * @return its value, volatile read.
     */
    public int get(final int index)
    {
        return buffer.getIntVolatile(offset(index));
    }

    /**
     * @param index the element.
     * @return its value, acquire read.
     */
    public int getAcquire(final int index)
    {
        return buffer.getIntAcquire(offset(index));
    }

    /**
     * @param index the element.
     * @return its value, plain read.
     */
    public int getPlain(final int index)
    {
        return buffer.getInt(offset(index));
    }

    /**
     * @param index the element.
     * @param value stored with a volatile write.
     */
    public void set(final int index, final int value)
    {
        buffer.putIntVolatile(offset(index), value);
    }

    /**
     * @param index the element.
     * @param value stored with a release write.
     */
    public void setRelease(final int index, final int value)
    {
        buffer.putIntRelease(offset(index), value);
    }

    /**
     * @param index the element.
     * @param value stored with a plain write.
     */
    public void setPlain(final int index, final int value)
    {
        buffer.putInt(offset(index), value);
    }

    /**
     * @param index the element.
     * @param delta added atomically.
     * @return the value before.
     */
    public int getAndAdd(final int index, final int delta)
    {
        return buffer.getAndAddInt(offset(index), delta);
    }

    /**
     * @param index the element.
     * @param delta added atomically.
     * @return the value after.
     */
    public int addAndGet(final int index, final int delta)
    {
        return buffer.getAndAddInt(offset(index), delta) + delta;
    }

    /**
     * @param index    the element.
     * @param expected the value expected.
     * @param update   the value to store if it is.
     * @return true if stored.
     */
    public boolean compareAndSet(final int index, final int expected, final int update)
    {
        return buffer.compareAndSetInt(offset(index), expected, update);
    }

    /**
     * @param index the element.
     * @param value stored atomically.
     * @return the value before.
     */
    public int getAndSet(final int index, final int value)
    {
        return buffer.getAndSetInt(offset(index), value);
    }

    /**
     * Copies elements out, with plain reads.
     *
     * @param index    first element to read.
     * @param dst      where to copy.
     * @param dstIndex first element of dst to write.
     * @param count    number of elements.
     */
    public void copyTo(final int index, final int[] dst, final int dstIndex, final int count)
    {
        final int offset = rangeOffset(index, count, dst.length, dstIndex);
        for (int i = 0; i < count; i++)
        {
            dst[dstIndex + i] = buffer.getInt(offset + (i << 2));
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
    public void copyFrom(final int[] src, final int srcIndex, final int index, final int count)
    {
        final int offset = rangeOffset(index, count, src.length, srcIndex);
        for (int i = 0; i < count; i++)
        {
            buffer.putInt(offset + (i << 2), src[srcIndex + i]);
        }
    }

    /**
     * @return a copy of every element, with plain reads.
     */
    public int[] toArray()
    {
        final int[] copy = new int[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }
}
