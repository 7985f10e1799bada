package io.mp4j.ipc.layout;

/**
 * Body layout of value and array regions. A value region's body is one cache line holding the value at offset
 * 0; an array region's body is its elements, element {@code i} at {@code i * elementBytes}, with no length field
 * (the length is the body's length over the element size). Body offsets are relative to
 * {@link RegionHeaderDescriptor#HEADER_LENGTH}.
 *
 * <pre>
 *   value body:  | value (4 or 8 bytes) | padding to 64 |
 *   array body:  | e[0] | e[1] | ... | e[length - 1] |
 * </pre>
 *
 * Booleans are ints 0 and 1, doubles their IEEE 754 bits as a long, all little-endian.
 */
public final class ValueDescriptor
{
    /** Offset of a value in its body. */
    public static final int VALUE_OFFSET = 0;

    /** Length of a value region's body. */
    public static final int VALUE_BODY_LENGTH = RegionHeaderDescriptor.CACHE_LINE_LENGTH;

    private ValueDescriptor()
    {
    }

    /**
     * @param length       number of elements.
     * @param elementBytes size of one element.
     * @return total file length of an array region, header included.
     * @throws IllegalArgumentException if length is negative or the region would be too large.
     */
    public static long arrayTotalLength(final long length, final int elementBytes)
    {
        if (length < 0 || length > (Integer.MAX_VALUE - 2L * RegionHeaderDescriptor.HEADER_LENGTH) / elementBytes)
        {
            throw new IllegalArgumentException("array length out of range: length=" + length + " max=" +
                (Integer.MAX_VALUE - 2L * RegionHeaderDescriptor.HEADER_LENGTH) / elementBytes);
        }
        return RegionHeaderDescriptor.HEADER_LENGTH + length * elementBytes;
    }

    /**
     * @return total file length of a value region, header included.
     */
    public static long valueTotalLength()
    {
        return RegionHeaderDescriptor.HEADER_LENGTH + VALUE_BODY_LENGTH;
    }
}
