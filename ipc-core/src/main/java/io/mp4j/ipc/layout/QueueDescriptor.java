package io.mp4j.ipc.layout;

import static io.mp4j.ipc.layout.RegionHeaderDescriptor.align;

/**
 * Body layout of a queue region: a control block of configuration and cursors, each cursor on its own 128-byte
 * block (so that producers, consumers and the close flag never share a cache line or an adjacent-line prefetch
 * pair), then {@code slots} fixed-size slots.
 *
 * <pre>
 *   control block                          slot (stride = align(16 + maxMessageLength, 64))
 *     0    slots int                         0  slot word long: lap (39 bits) | state (3) | pid (22)
 *     4    max message length int            8  message length int
 *     8    liveness timeout ns long          12 unused int
 *     16   flags int (bit 0: joinable)       16 message bytes, maxMessageLength
 *     128  tail long (next position to claim)
 *     256  head long (next position to read)
 *     384  closed int
 *     512  unfinished tasks long (joinable)
 *     640  first slot
 * </pre>
 *
 * A position {@code p} maps to slot {@code p & (slots - 1)} and lap {@code p >>> log2(slots)}, kept modulo
 * 2^39 in the slot word (a slot's word is always within one lap of the cursors, so the modulo never aliases).
 * Zeroed memory is every slot free for lap 0, so a new queue needs no initialisation of its slots.
 */
public final class QueueDescriptor
{
    /** Offset of the slot count. */
    public static final int SLOTS_OFFSET = 0;
    /** Offset of the maximum message length. */
    public static final int MAX_MESSAGE_LENGTH_OFFSET = SLOTS_OFFSET + Integer.BYTES;
    /** Offset of the liveness timeout. */
    public static final int LIVENESS_TIMEOUT_NS_OFFSET = MAX_MESSAGE_LENGTH_OFFSET + Integer.BYTES;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = LIVENESS_TIMEOUT_NS_OFFSET + Long.BYTES;
    /** Flag bit: the queue counts unfinished tasks (JoinableQueue). */
    public static final int FLAG_JOINABLE = 1;

    /** Spacing of the cursors, two cache lines. */
    public static final int CURSOR_SPACING = 2 * RegionHeaderDescriptor.CACHE_LINE_LENGTH;
    /** Offset of the tail cursor. */
    public static final int TAIL_OFFSET = CURSOR_SPACING;
    /** Offset of the head cursor. */
    public static final int HEAD_OFFSET = TAIL_OFFSET + CURSOR_SPACING;
    /** Offset of the closed flag. */
    public static final int CLOSED_OFFSET = HEAD_OFFSET + CURSOR_SPACING;
    /** Offset of the unfinished task count. */
    public static final int UNFINISHED_OFFSET = CLOSED_OFFSET + CURSOR_SPACING;
    /** Offset of the first slot. */
    public static final int SLOTS_START_OFFSET = UNFINISHED_OFFSET + CURSOR_SPACING;

    /** Offset of the slot word in a slot. */
    public static final int SLOT_WORD_OFFSET = 0;
    /** Offset of the message length in a slot. */
    public static final int SLOT_LENGTH_OFFSET = SLOT_WORD_OFFSET + Long.BYTES;
    /** Offset of the message bytes in a slot. */
    public static final int SLOT_PAYLOAD_OFFSET = SLOT_LENGTH_OFFSET + 2 * Integer.BYTES;

    /** Slot state: free for the producer of the word's lap. */
    public static final int FREE = 0;
    /** Slot state: claimed by the producer whose pid the word holds, message being written. */
    public static final int CLAIMED = 1;
    /** Slot state: message committed by the producer whose pid the word holds. */
    public static final int COMMITTED = 2;
    /** Slot state: message being read by the consumer whose pid the word holds. */
    public static final int READING = 3;
    /** Slot state: claim revoked from a dead or stalled producer (pid in the word); skipped by readers. */
    public static final int ABORTED = 4;

    /** Bits of the pid field: Linux pids never exceed 2^22. */
    public static final int PID_BITS = 22;
    /** Bits of the state field. */
    public static final int STATE_BITS = 3;
    /** Bits of the lap field. */
    public static final int LAP_BITS = 64 - PID_BITS - STATE_BITS;
    /** Mask of a lap. */
    public static final long LAP_MASK = (1L << LAP_BITS) - 1;
    /** Largest pid a slot word holds. */
    public static final long MAX_PID = (1L << PID_BITS) - 1;

    private QueueDescriptor()
    {
    }

    /**
     * @param maxMessageLength the largest message.
     * @return the distance between slots.
     */
    public static int slotStride(final int maxMessageLength)
    {
        return align(SLOT_PAYLOAD_OFFSET + maxMessageLength, RegionHeaderDescriptor.CACHE_LINE_LENGTH);
    }

    /**
     * @param slots            number of slots, a power of two.
     * @param maxMessageLength the largest message.
     * @return the body length.
     */
    public static long bodyLength(final int slots, final int maxMessageLength)
    {
        return SLOTS_START_OFFSET + (long)slots * slotStride(maxMessageLength);
    }

    /**
     * @param lap   a lap, taken modulo 2^39.
     * @param state a slot state.
     * @param pid   a pid, at most {@link #MAX_PID}.
     * @return the slot word.
     */
    public static long word(final long lap, final int state, final long pid)
    {
        return ((lap & LAP_MASK) << (STATE_BITS + PID_BITS)) | ((long)state << PID_BITS) | pid;
    }

    /**
     * @param word a slot word.
     * @return its lap.
     */
    public static long lap(final long word)
    {
        return word >>> (STATE_BITS + PID_BITS);
    }

    /**
     * @param word a slot word.
     * @return its state.
     */
    public static int state(final long word)
    {
        return (int)(word >>> PID_BITS) & ((1 << STATE_BITS) - 1);
    }

    /**
     * @param word a slot word.
     * @return its pid.
     */
    public static long pid(final long word)
    {
        return word & MAX_PID;
    }
}
