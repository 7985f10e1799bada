package io.mp4j.ipc.layout;

/**
 * Body layouts of the synchronization regions: locks, semaphores, events, conditions and barriers. Offsets are
 * relative to the body ({@link RegionHeaderDescriptor#HEADER_LENGTH}), computed in order; every field a waiter
 * spins on starts a cache line of its own.
 *
 * <pre>
 *   lock, rlock:  0 owner long (pid &lt;&lt; 42 | thread id, 0 = free) | 8 owner start ms long | 16 holds long |
 *                 24 recoveries long | padding to 64
 *   semaphore:    0 guard long (pid, 0 = free) | 8 value long | 16 bound long (0 = unbounded) | 24 recoveries long |
 *                 padding to 64 | holder slots from 64: 64 x (0 pid long | 8 start ms long | 16 permits long |
 *                 padding to 32)
 *   event:        0 flag long (0 or 1) | 8 sets long | padding to 64
 *   condition:    0 next ticket long | padding to 64 | waiter slots from 64: 64 x (0 word long (ticket &lt;&lt; 2 |
 *                 state) | 8 pid long | 16 start ms long | padding to 32)
 *   barrier:      0 guard long | 8 parties long | 16 count long | 24 generation long | 32 broken bits long |
 *                 padding to 64 | party slots from 64: 64 x (0 pid long | 8 start ms long)
 * </pre>
 */
public final class SyncDescriptor
{
    /** Bits of the thread id in a lock's owner word. */
    public static final int OWNER_THREAD_BITS = 42;

    /** Lock: the owner word. */
    public static final int LOCK_OWNER_OFFSET;
    /** Lock: the owner's process start time, epoch ms (0 while unknown). */
    public static final int LOCK_OWNER_START_OFFSET;
    /** Lock: holds by the owner (an RLock counts re-entries). */
    public static final int LOCK_HOLDS_OFFSET;
    /** Lock: times the lock was taken from a dead owner. */
    public static final int LOCK_RECOVERIES_OFFSET;
    /** Lock: body length. */
    public static final int LOCK_BODY_LENGTH;

    /** Guard word of the guarded kinds (semaphore, barrier): pid of the process inside, 0 when free. */
    public static final int GUARD_OFFSET;

    /** Semaphore: permits available. */
    public static final int SEMAPHORE_VALUE_OFFSET;
    /** Semaphore: the bound of a bounded semaphore, 0 when unbounded. */
    public static final int SEMAPHORE_BOUND_OFFSET;
    /** Semaphore: permits taken back from dead holders. */
    public static final int SEMAPHORE_RECOVERIES_OFFSET;
    /** Semaphore: first holder slot. */
    public static final int SEMAPHORE_SLOTS_OFFSET;
    /** Semaphore: holder slots. */
    public static final int SEMAPHORE_SLOTS = 64;
    /** Semaphore: bytes of a holder slot. */
    public static final int SEMAPHORE_SLOT_LENGTH = 32;
    /** Semaphore holder slot: the holder's pid (0 = free). */
    public static final int SLOT_PID_OFFSET = 0;
    /** Slot: the holder's process start time, epoch ms. */
    public static final int SLOT_START_OFFSET = 8;
    /** Semaphore holder slot: permits it holds. */
    public static final int SLOT_PERMITS_OFFSET = 16;
    /** Semaphore: body length. */
    public static final int SEMAPHORE_BODY_LENGTH;

    /** Event: the flag. */
    public static final int EVENT_FLAG_OFFSET;
    /** Event: how many times it was set. */
    public static final int EVENT_SETS_OFFSET;
    /** Event: body length. */
    public static final int EVENT_BODY_LENGTH;

    /** Condition: the next waiter's ticket. */
    public static final int CONDITION_NEXT_TICKET_OFFSET;
    /** Condition: first waiter slot. */
    public static final int CONDITION_SLOTS_OFFSET;
    /** Condition: waiter slots. */
    public static final int CONDITION_SLOTS = 64;
    /** Condition: bytes of a waiter slot. */
    public static final int CONDITION_SLOT_LENGTH = 32;
    /** Condition waiter slot: {@code ticket << 2 | state}. */
    public static final int WAITER_WORD_OFFSET = 0;
    /** Condition waiter slot: the waiter's pid. */
    public static final int WAITER_PID_OFFSET = 8;
    /** Condition waiter slot: the waiter's process start time, epoch ms. */
    public static final int WAITER_START_OFFSET = 16;
    /** Condition: body length. */
    public static final int CONDITION_BODY_LENGTH;

    /** Barrier: parties. */
    public static final int BARRIER_PARTIES_OFFSET;
    /** Barrier: parties arrived in the current generation. */
    public static final int BARRIER_COUNT_OFFSET;
    /** Barrier: the generation, raised when one completes or is reset. */
    public static final int BARRIER_GENERATION_OFFSET;
    /** Barrier: bit {@code g & 63} set when generation g broke. */
    public static final int BARRIER_BROKEN_BITS_OFFSET;
    /** Barrier: first party slot. */
    public static final int BARRIER_SLOTS_OFFSET;
    /** Barrier: most parties. */
    public static final int BARRIER_MAX_PARTIES = 64;
    /** Barrier: bytes of a party slot. */
    public static final int BARRIER_SLOT_LENGTH = 16;
    /** Barrier: body length. */
    public static final int BARRIER_BODY_LENGTH;

    static
    {
        final int line = RegionHeaderDescriptor.CACHE_LINE_LENGTH;
        int offset = 0;
        LOCK_OWNER_OFFSET = offset;
        offset += Long.BYTES;
        LOCK_OWNER_START_OFFSET = offset;
        offset += Long.BYTES;
        LOCK_HOLDS_OFFSET = offset;
        offset += Long.BYTES;
        LOCK_RECOVERIES_OFFSET = offset;
        offset += Long.BYTES;
        LOCK_BODY_LENGTH = align(offset, line);

        offset = 0;
        GUARD_OFFSET = offset;
        offset += Long.BYTES;
        SEMAPHORE_VALUE_OFFSET = offset;
        offset += Long.BYTES;
        SEMAPHORE_BOUND_OFFSET = offset;
        offset += Long.BYTES;
        SEMAPHORE_RECOVERIES_OFFSET = offset;
        offset += Long.BYTES;
        SEMAPHORE_SLOTS_OFFSET = align(offset, line);
        SEMAPHORE_BODY_LENGTH = SEMAPHORE_SLOTS_OFFSET + SEMAPHORE_SLOTS * SEMAPHORE_SLOT_LENGTH;

        offset = 0;
        EVENT_FLAG_OFFSET = offset;
        offset += Long.BYTES;
        EVENT_SETS_OFFSET = offset;
        offset += Long.BYTES;
        EVENT_BODY_LENGTH = align(offset, line);

        offset = 0;
        CONDITION_NEXT_TICKET_OFFSET = offset;
        offset += Long.BYTES;
        CONDITION_SLOTS_OFFSET = align(offset, line);
        CONDITION_BODY_LENGTH = CONDITION_SLOTS_OFFSET + CONDITION_SLOTS * CONDITION_SLOT_LENGTH;

        offset = GUARD_OFFSET + Long.BYTES;
        BARRIER_PARTIES_OFFSET = offset;
        offset += Long.BYTES;
        BARRIER_COUNT_OFFSET = offset;
        offset += Long.BYTES;
        BARRIER_GENERATION_OFFSET = offset;
        offset += Long.BYTES;
        BARRIER_BROKEN_BITS_OFFSET = offset;
        offset += Long.BYTES;
        BARRIER_SLOTS_OFFSET = align(offset, line);
        BARRIER_BODY_LENGTH = BARRIER_SLOTS_OFFSET + BARRIER_MAX_PARTIES * BARRIER_SLOT_LENGTH;
    }

    private SyncDescriptor()
    {
    }

    /**
     * @param pid      a process id.
     * @param threadId a thread id (its low {@value #OWNER_THREAD_BITS} bits are kept).
     * @return the lock owner word naming them, never 0.
     */
    public static long ownerWord(final long pid, final long threadId)
    {
        return (pid << OWNER_THREAD_BITS) | (threadId & ((1L << OWNER_THREAD_BITS) - 1));
    }

    /**
     * @param ownerWord a lock owner word.
     * @return its pid.
     */
    public static long ownerPid(final long ownerWord)
    {
        return ownerWord >>> OWNER_THREAD_BITS;
    }

    /**
     * @param bodyLength a body length.
     * @return the total file length, header included.
     */
    public static long totalLength(final int bodyLength)
    {
        return RegionHeaderDescriptor.HEADER_LENGTH + bodyLength;
    }

    private static int align(final int value, final int alignment)
    {
        return (value + alignment - 1) & -alignment;
    }
}
