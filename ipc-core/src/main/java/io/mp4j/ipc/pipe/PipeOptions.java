package io.mp4j.ipc.pipe;

import io.mp4j.ipc.layout.PipeDescriptor;

/**
 * The shape of a pipe, fixed when it is created and written in its region: duplex or simplex, the capacity of each
 * ring, and whether the file goes away by itself once both ends are closed. Attaching reads the shape from the
 * region.
 *
 * <p>Immutable and thread-safe.
 *
 * @param duplex           two rings, both ends send and receive (Python's default); false gives one ring, end A
 *                         receives and end B sends.
 * @param capacity         bytes of each ring, a power of two from {@value PipeDescriptor#MIN_CAPACITY} to
 *                         {@value PipeDescriptor#MAX_CAPACITY}; a message may be at most an eighth of it.
 * @param removeWhenClosed whether the process that closes the second end deletes the region file.
 */
public record PipeOptions(boolean duplex, int capacity, boolean removeWhenClosed)
{
    /** Default ring capacity, 1 MiB: messages up to 128 KiB. */
    public static final int DEFAULT_CAPACITY = 1 << 20;

    /**
     * @param duplex           two rings or one.
     * @param capacity         bytes of each ring.
     * @param removeWhenClosed whether closing both ends deletes the file.
     */
    public PipeOptions
    {
        if (!PipeDescriptor.isValidCapacity(capacity))
        {
            throw new IllegalArgumentException("capacity must be a power of two from " + PipeDescriptor.MIN_CAPACITY +
                " to " + PipeDescriptor.MAX_CAPACITY + ": capacity=" + capacity);
        }
    }

    /**
     * @return a duplex pipe with rings of {@value #DEFAULT_CAPACITY} bytes, removed when both ends are closed.
     */
    public static PipeOptions defaults()
    {
        return new PipeOptions(true, DEFAULT_CAPACITY, true);
    }

    /**
     * @param duplex two rings or one.
     * @return these options, duplex or simplex.
     */
    public PipeOptions withDuplex(final boolean duplex)
    {
        return new PipeOptions(duplex, capacity, removeWhenClosed);
    }

    /**
     * @param capacity bytes of each ring, a power of two.
     * @return these options with that capacity.
     */
    public PipeOptions withCapacity(final int capacity)
    {
        return new PipeOptions(duplex, capacity, removeWhenClosed);
    }

    /**
     * @param removeWhenClosed whether closing both ends deletes the file.
     * @return these options with that policy.
     */
    public PipeOptions withRemoveWhenClosed(final boolean removeWhenClosed)
    {
        return new PipeOptions(duplex, capacity, removeWhenClosed);
    }

    /**
     * @return the longest message the pipe carries: an eighth of the capacity.
     */
    public int maxMessageLength()
    {
        return PipeDescriptor.maxMessageLength(capacity);
    }

    int flags()
    {
        return (duplex ? PipeDescriptor.FLAG_DUPLEX : 0) |
            (removeWhenClosed ? PipeDescriptor.FLAG_REMOVE_WHEN_CLOSED : 0);
    }
}
