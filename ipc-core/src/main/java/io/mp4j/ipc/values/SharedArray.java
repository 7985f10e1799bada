package io.mp4j.ipc.values;

import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.region.Region;

/**
 * Base of the fixed-length shared arrays: the length and the bounds checks. Every index is checked, and an index
 * out of range is an {@link IndexOutOfBoundsException} naming the index and the length, never an access outside
 * the region.
 */
public abstract class SharedArray extends SharedObject
{
    private final int length;
    private final int shift;

    /**
     * @param region       a mapped array region.
     * @param elementBytes the size of one element, a power of two.
     */
    protected SharedArray(final Region region, final int elementBytes)
    {
        super(region);
        this.shift = Integer.numberOfTrailingZeros(elementBytes);
        this.length = region.bodyLength() >> shift;
    }

    /**
     * @return the number of elements.
     */
    public final int length()
    {
        return length;
    }

    /**
     * @param index an element index.
     * @return the element's byte offset in the body.
     * @throws IndexOutOfBoundsException if the index is outside {@code [0, length)}.
     */
    protected final int offset(final int index)
    {
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException(
                "index out of range: index=" + index + " length=" + length + " array=" + name());
        }
        return index << shift;
    }

    /**
     * @param index       first element of a range in this array.
     * @param count       number of elements.
     * @param otherLength length of the caller's array.
     * @param otherIndex  first element of the range in the caller's array.
     * @return the byte offset of {@code index}.
     * @throws IndexOutOfBoundsException if either range is out of bounds.
     */
    protected final int rangeOffset(final int index, final int count, final int otherLength, final int otherIndex)
    {
        if (count < 0 || index < 0 || index > length - count || otherIndex < 0 || otherIndex > otherLength - count)
        {
            throw new IndexOutOfBoundsException("range out of bounds: index=" + index + " count=" + count +
                " length=" + length + " otherIndex=" + otherIndex + " otherLength=" + otherLength + " array=" + name());
        }
        return index << shift;
    }
}
