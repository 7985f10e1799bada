package io.mp4j.ipc.values;

import io.mp4j.ipc.region.Region;

/**
 * A fixed-length {@code double} array in shared memory (Python's {@code Array('d', n)}), elements stored as their
 * IEEE 754 bits. Made by {@link io.mp4j.ipc.Space#sharedDoubleArray(String, int)}.
 *
 * <p>Threading: every method is safe from any thread of any process that maps it; each element is atomic on its
 * own, the bulk copies are not atomic as a whole.
 * Ordering: {@link #get(int)} and {@link #set(int, double)} are volatile, the bulk copies plain;
 * {@link #getAndAdd(int, double)} is a compare-and-set loop, atomic and volatile.
 */
public final class SharedDoubleArray extends SharedArray
{
    /**
     * @param region a mapped {@link io.mp4j.ipc.region.RegionKind#DOUBLE_ARRAY} region.
     */
    public SharedDoubleArray(final Region region)
    {
        super(region, Double.BYTES);
    }

    /**
     * @param index the element.
     * @return its value, volatile read.
     */
    public double get(final int index)
    {
        return Double.longBitsToDouble(buffer.getLongVolatile(offset(index)));
    }

    /**
     * @param index the element.
     * @param value stored with a volatile write.
     */
    public void set(final int index, final double value)
    {
        buffer.putLongVolatile(offset(index), Double.doubleToRawLongBits(value));
    }

    /**
     * @param index the element.
     * @param delta added atomically.
     * @return the value before.
     */
    public double getAndAdd(final int index, final double delta)
    {
        final int offset = offset(index);
        while (true)
        {
            final long bits = buffer.getLongVolatile(offset);
            final double current = Double.longBitsToDouble(bits);
            if (buffer.compareAndSetLong(offset, bits, Double.doubleToRawLongBits(current + delta)))
            {
                return current;
            }
        }
    }

    /**
     * @param index    the element.
     * @param expected the value expected, compared by bits.
     * @param update   the value to store if it is.
     * @return true if stored.
     */
    public boolean compareAndSet(final int index, final double expected, final double update)
    {
        return buffer.compareAndSetLong(
            offset(index), Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(update));
    }

    /**
     * Copies elements out, with plain reads.
     *
     * @param index    first element to read.
     * @param dst      where to copy.
     * @param dstIndex first element of dst to write.
     * @param count    number of elements.
     */
    public void copyTo(final int index, final double[] dst, final int dstIndex, final int count)
    {
        final int offset = rangeOffset(index, count, dst.length, dstIndex);
        for (int i = 0; i < count; i++)
        {
            dst[dstIndex + i] = buffer.getDouble(offset + (i << 3));
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
    public void copyFrom(final double[] src, final int srcIndex, final int index, final int count)
    {
        final int offset = rangeOffset(index, count, src.length, srcIndex);
        for (int i = 0; i < count; i++)
        {
            buffer.putDouble(offset + (i << 3), src[srcIndex + i]);
        }
    }

    /**
     * @return a copy of every element, with plain reads.
     */
    public double[] toArray()
    {
        final double[] copy = new double[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }
}
