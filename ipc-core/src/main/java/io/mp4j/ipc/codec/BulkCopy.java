package io.mp4j.ipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * Copies primitive arrays to and from a buffer in one block when the machine's byte order is the wire's
 * ({@link Buffers#ORDER}), instead of element by element: a 1e6-element array moves at memory speed.
 *
 * <p>Callers check bounds first ({@link Buffers#reserve} on write, {@link ByteReader#skip} on read).
 * Threading: stateless.
 */
final class BulkCopy
{
    /** Whether arrays may be copied as blocks: the machine's order is the wire's. */
    static final boolean ENABLED = ByteOrder.nativeOrder() == Buffers.ORDER;

    private BulkCopy()
    {
    }

    /**
     * @param array     a primitive array.
     * @param byteCount bytes of it to copy, from its first element.
     * @param buffer    the destination; {@code index + byteCount} within its capacity.
     * @param index     where to write.
     */
    static void toBuffer(final Object array, final long byteCount, final MutableDirectBuffer buffer, final int index)
    {
        UnsafeApi.copyMemory(array, UnsafeApi.arrayBaseOffset(array.getClass()), buffer.byteArray(),
            buffer.addressOffset() + index, byteCount);
    }

    /**
     * @param buffer    the source; {@code index + byteCount} within its capacity.
     * @param index     where to read.
     * @param array     a primitive array of at least {@code byteCount} bytes.
     * @param byteCount bytes to copy.
     */
    static void fromBuffer(final DirectBuffer buffer, final int index, final Object array, final long byteCount)
    {
        UnsafeApi.copyMemory(buffer.byteArray(), buffer.addressOffset() + index, array,
            UnsafeApi.arrayBaseOffset(array.getClass()), byteCount);
    }
}
