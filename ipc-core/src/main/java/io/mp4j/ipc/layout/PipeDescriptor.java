package io.mp4j.ipc.layout;

import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Body layout of a pipe region: a configuration line, one control block per end, then one ring (simplex) or two
 * rings (duplex) in Agrona's one-to-one ring buffer layout, so that
 * {@link org.agrona.concurrent.ringbuffer.OneToOneRingBuffer} runs over each as it is. Offsets are computed in
 * order; the golden test pins each to a literal and {@code docs/LAYOUT-PIPE.md} gives writer, reader and ordering
 * per field.
 *
 * <pre>
 *   body offset
 *     0    ring capacity int (bytes of each ring's data area, a power of two)
 *     4    flags int (bit 0: duplex, bit 1: remove the file when both ends are closed)
 *     8    removed int (0, then 1 by the one process that deletes the file)
 *     12   reserved to 128
 *     128  end A block:                      end block (128 bytes)
 *     256  end B block                         0   state int: 0 unopened, 1 open, 2 closed
 *     384  ring 0, messages B to A             4   reserved int
 *          (capacity + trailer 768 bytes)      8   owner pid long (CAS 0 to pid opens the end)
 *     384 + ringLength                         16  owner start time long (epoch ms)
 *          ring 1, messages A to B             24  open time long (epoch ms)
 *          (duplex only)                       32  reserved to 128
 *
 *   ring (Agrona): | data, capacity bytes | trailer: tail, head cache, head, correlation, heartbeat,
 *                                           each on its own 128 bytes |
 *   record (Agrona): 0 length int (negative while claimed) | 4 type int | 8 message, 8-byte aligned
 * </pre>
 *
 * A simplex pipe has ring 0 only: end A receives and end B sends, the order of Python's
 * {@code (reader, writer) = Pipe(duplex=False)}.
 */
public final class PipeDescriptor
{
    /** Offset of the ring capacity. */
    public static final int CAPACITY_OFFSET;

    /** Offset of the flags. */
    public static final int FLAGS_OFFSET;

    /** Offset of the removed word. */
    public static final int REMOVED_OFFSET;

    /** Length of an end's control block: two cache lines, so the two ends never share a prefetch pair. */
    public static final int END_BLOCK_LENGTH = 2 * RegionHeaderDescriptor.CACHE_LINE_LENGTH;

    /** Offset of end A's control block. */
    public static final int END_A_OFFSET;

    /** Offset of end B's control block. */
    public static final int END_B_OFFSET;

    /** Offset of the first ring. */
    public static final int RINGS_OFFSET;

    /** Offset of the state within an end block. */
    public static final int END_STATE_OFFSET;

    /** Offset of the owner pid within an end block. */
    public static final int END_OWNER_PID_OFFSET;

    /** Offset of the owner's process start time within an end block. */
    public static final int END_OWNER_START_TIME_OFFSET;

    /** Offset of the open time within an end block. */
    public static final int END_OPEN_TIME_OFFSET;

    /** Flag bit: two rings, both ends send and receive. */
    public static final int FLAG_DUPLEX = 1;

    /** Flag bit: the process that closes the second end deletes the file. */
    public static final int FLAG_REMOVE_WHEN_CLOSED = 2;

    /** Every flag bit this version knows. */
    public static final int KNOWN_FLAGS = FLAG_DUPLEX | FLAG_REMOVE_WHEN_CLOSED;

    /** End state: no process has opened the end (its owner pid may be set by an opener not yet done). */
    public static final int STATE_UNOPENED = 0;

    /** End state: open in the process of the owner pid. */
    public static final int STATE_OPEN = 1;

    /** End state: closed; it sends nothing more and receives nothing more. */
    public static final int STATE_CLOSED = 2;

    /** Index of the ring that carries messages from end B to end A (the only ring of a simplex pipe). */
    public static final int RING_TO_A = 0;

    /** Index of the ring that carries messages from end A to end B (duplex only). */
    public static final int RING_TO_B = 1;

    /** Agrona message type id of every pipe message. */
    public static final int MESSAGE_TYPE_ID = 1;

    /** Length of Agrona's ring trailer (positions and counters after the data). */
    public static final int RING_TRAILER_LENGTH = RingBufferDescriptor.TRAILER_LENGTH;

    /** Smallest ring capacity in bytes. */
    public static final int MIN_CAPACITY = 1024;

    /** Largest ring capacity in bytes: two rings of it still fit a region. */
    public static final int MAX_CAPACITY = 1 << 29;

    static
    {
        int offset = 0;
        CAPACITY_OFFSET = offset;
        offset += Integer.BYTES;
        FLAGS_OFFSET = offset;
        offset += Integer.BYTES;
        REMOVED_OFFSET = offset;
        offset += Integer.BYTES;
        offset = RegionHeaderDescriptor.align(offset, END_BLOCK_LENGTH);
        END_A_OFFSET = offset;
        offset += END_BLOCK_LENGTH;
        END_B_OFFSET = offset;
        offset += END_BLOCK_LENGTH;
        RINGS_OFFSET = offset;

        int field = 0;
        END_STATE_OFFSET = field;
        field += 2 * Integer.BYTES;
        END_OWNER_PID_OFFSET = field;
        field += Long.BYTES;
        END_OWNER_START_TIME_OFFSET = field;
        field += Long.BYTES;
        END_OPEN_TIME_OFFSET = field;
    }

    private PipeDescriptor()
    {
    }

    /**
     * @param capacity ring capacity in bytes.
     * @return length of one ring: data plus Agrona's trailer.
     */
    public static int ringLength(final int capacity)
    {
        return capacity + RING_TRAILER_LENGTH;
    }

    /**
     * @param capacity  ring capacity in bytes.
     * @param ringIndex {@link #RING_TO_A} or {@link #RING_TO_B}.
     * @return body offset of that ring.
     */
    public static int ringOffset(final int capacity, final int ringIndex)
    {
        return RINGS_OFFSET + ringIndex * ringLength(capacity);
    }

    /**
     * @param capacity ring capacity in bytes.
     * @param duplex   two rings if true, one if false.
     * @return the body length.
     */
    public static long bodyLength(final int capacity, final boolean duplex)
    {
        return RINGS_OFFSET + (duplex ? 2L : 1L) * ringLength(capacity);
    }

    /**
     * @param endIndex 0 for end A, 1 for end B.
     * @return body offset of that end's control block.
     */
    public static int endOffset(final int endIndex)
    {
        return END_A_OFFSET + endIndex * END_BLOCK_LENGTH;
    }

    /**
     * @param capacity a ring capacity.
     * @return true if it is a power of two within {@link #MIN_CAPACITY} and {@link #MAX_CAPACITY}.
     */
    public static boolean isValidCapacity(final int capacity)
    {
        return capacity >= MIN_CAPACITY && capacity <= MAX_CAPACITY && Integer.bitCount(capacity) == 1;
    }

    /**
     * @param capacity ring capacity in bytes.
     * @return the longest message a ring of that capacity carries: Agrona's limit of an eighth of it.
     */
    public static int maxMessageLength(final int capacity)
    {
        return capacity >> 3;
    }
}
