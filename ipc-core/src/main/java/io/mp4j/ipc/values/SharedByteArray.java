package io.mp4j.ipc.values;

import io.mp4j.ipc.region.Region;
import org.agrona.concurrent.AtomicBuffer;

/**
 * Raw shared bytes (Python's {@code RawArray('b', n)} and {@code shared_memory.SharedMemory}). Made by
 * {@link io.mp4j.ipc.Space#sharedByteArray(String, int)}. {@link #buffer()} gives zero-copy access to the bytes
 * with every ordering Agrona's {@link AtomicBuffer} offers.
 *
 * <p>Threading: safe from any thread of any process that maps it; single bytes and the bulk copies are plain.
 * Ordering: none beyond what the caller adds; use {@link #buffer()}'s volatile, acquire and release methods, or a
 * shared value's release store after the bytes, to publish them.
 */
public final class SharedByteArray extends SharedArray
{
    /**
     * @param region a mapped {@link io.mp4j.ipc.region.RegionKind#BYTE_ARRAY} region.
     */
    public SharedByteArray(final Region region)
    {
        super(region, Byte.BYTES);
    }

    /**
     * @param index the byte.
     * @return its value, plain read.
     */
    public byte get(final int index)
    {
        return buffer.getByte(offset(index));
    }

    /**
     * @param index the byte.
     * @param value stored with a plain write.
     */
    public void set(final int index, final byte value)
    {
        buffer.putByte(offset(index), value);
    }

    /**
     * @param index    first byte to read.
     * @param dst      where to copy.
     * @param dstIndex first byte of dst to write.
     * @param count    number of bytes.
     */
    public void copyTo(final int index, final byte[] dst, final int dstIndex, final int count)
    {
        buffer.getBytes(rangeOffset(index, count, dst.length, dstIndex), dst, dstIndex, count);
    }

    /**
     * @param src      where to copy from.
     * @param srcIndex first byte of src to read.
     * @param index    first byte to write.
     * @param count    number of bytes.
     */
    public void copyFrom(final byte[] src, final int srcIndex, final int index, final int count)
    {
        buffer.putBytes(rangeOffset(index, count, src.length, srcIndex), src, srcIndex, count);
    }

    /**
     * @return a copy of every byte.
     */
    public byte[] toArray()
    {
        final byte[] copy = new byte[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }

    /**
     * @return the bytes themselves, offset 0 the first byte, capacity {@link #length()}: zero copy, bounds
     *         checked by Agrona. Invalid once the array is closed.
     */
    public AtomicBuffer buffer()
    {
        return buffer;
    }
}
