package io.mp4j.ipc.pipe;

import io.mp4j.ipc.RegionFormatException;
import io.mp4j.ipc.layout.PipeDescriptor;
import io.mp4j.ipc.region.Region;
import org.agrona.concurrent.AtomicBuffer;

/**
 * A pipe region's shape as read from its configuration line, checked against the region's length.
 *
 * @param capacity ring capacity in bytes.
 * @param flags    the flag bits of {@link PipeDescriptor}.
 */
record PipeShape(int capacity, int flags)
{
    /**
     * Reads and checks the shape. The creator wrote it before its release store of the region's ready word, and
     * the attacher's acquire load of that word came first, so plain loads see it.
     *
     * @param region a mapped pipe region.
     * @return its shape.
     * @throws RegionFormatException naming the field that is wrong.
     */
    static PipeShape read(final Region region)
    {
        final AtomicBuffer body = region.body();
        if (body.capacity() < PipeDescriptor.RINGS_OFFSET)
        {
            throw new RegionFormatException(region.file(), "length",
                "a pipe body of " + body.capacity() + " bytes is shorter than its control block");
        }
        final int capacity = body.getInt(PipeDescriptor.CAPACITY_OFFSET);
        final int flags = body.getInt(PipeDescriptor.FLAGS_OFFSET);
        if (!PipeDescriptor.isValidCapacity(capacity))
        {
            throw new RegionFormatException(region.file(), "pipe capacity",
                capacity + " is not a power of two from " + PipeDescriptor.MIN_CAPACITY + " to " +
                PipeDescriptor.MAX_CAPACITY);
        }
        if ((flags & ~PipeDescriptor.KNOWN_FLAGS) != 0)
        {
            throw new RegionFormatException(region.file(), "pipe flags", "unknown bits in 0x" +
                Integer.toHexString(flags));
        }
        final PipeShape shape = new PipeShape(capacity, flags);
        final long expected = PipeDescriptor.bodyLength(capacity, shape.duplex());
        if (body.capacity() != expected)
        {
            throw new RegionFormatException(region.file(), "length", "a " + (shape.duplex() ? "duplex" : "simplex") +
                " pipe of capacity " + capacity + " has a body of " + expected + " bytes, not " + body.capacity());
        }
        return shape;
    }

    boolean duplex()
    {
        return (flags & PipeDescriptor.FLAG_DUPLEX) != 0;
    }

    boolean removeWhenClosed()
    {
        return (flags & PipeDescriptor.FLAG_REMOVE_WHEN_CLOSED) != 0;
    }

    PipeOptions options()
    {
        return new PipeOptions(duplex(), capacity, removeWhenClosed());
    }
}
