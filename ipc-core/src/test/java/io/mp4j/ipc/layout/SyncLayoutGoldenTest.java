package io.mp4j.ipc.layout;

import io.mp4j.ipc.region.RegionKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins every offset of the synchronization layouts to a literal, as docs/LAYOUT.md section 6 gives them.
 */
class SyncLayoutGoldenTest
{
    @Test
    void shouldPinKindCodes()
    {
        assertEquals(12, RegionKind.LOCK.code());
        assertEquals(13, RegionKind.RLOCK.code());
        assertEquals(14, RegionKind.SEMAPHORE.code());
        assertEquals(15, RegionKind.EVENT.code());
        assertEquals(16, RegionKind.CONDITION.code());
        assertEquals(17, RegionKind.BARRIER.code());
    }

    @Test
    void shouldPinLockAndEventOffsets()
    {
        assertEquals(0, SyncDescriptor.LOCK_OWNER_OFFSET);
        assertEquals(8, SyncDescriptor.LOCK_OWNER_START_OFFSET);
        assertEquals(16, SyncDescriptor.LOCK_HOLDS_OFFSET);
        assertEquals(24, SyncDescriptor.LOCK_RECOVERIES_OFFSET);
        assertEquals(64, SyncDescriptor.LOCK_BODY_LENGTH);
        assertEquals(42, SyncDescriptor.OWNER_THREAD_BITS);
        assertEquals((1234L << 42) | 7, SyncDescriptor.ownerWord(1234, 7));
        assertEquals(1234, SyncDescriptor.ownerPid(SyncDescriptor.ownerWord(1234, 7)));
        assertEquals(0, SyncDescriptor.EVENT_FLAG_OFFSET);
        assertEquals(8, SyncDescriptor.EVENT_SETS_OFFSET);
        assertEquals(64, SyncDescriptor.EVENT_BODY_LENGTH);
    }

    @Test
    void shouldPinSemaphoreConditionAndBarrierOffsets()
    {
        assertEquals(0, SyncDescriptor.GUARD_OFFSET);
        assertEquals(8, SyncDescriptor.SEMAPHORE_VALUE_OFFSET);
        assertEquals(16, SyncDescriptor.SEMAPHORE_BOUND_OFFSET);
        assertEquals(24, SyncDescriptor.SEMAPHORE_RECOVERIES_OFFSET);
        assertEquals(64, SyncDescriptor.SEMAPHORE_SLOTS_OFFSET);
        assertEquals(64, SyncDescriptor.SEMAPHORE_SLOTS);
        assertEquals(32, SyncDescriptor.SEMAPHORE_SLOT_LENGTH);
        assertEquals(0, SyncDescriptor.SLOT_PID_OFFSET);
        assertEquals(8, SyncDescriptor.SLOT_START_OFFSET);
        assertEquals(16, SyncDescriptor.SLOT_PERMITS_OFFSET);
        assertEquals(64 + 64 * 32, SyncDescriptor.SEMAPHORE_BODY_LENGTH);

        assertEquals(0, SyncDescriptor.CONDITION_NEXT_TICKET_OFFSET);
        assertEquals(64, SyncDescriptor.CONDITION_SLOTS_OFFSET);
        assertEquals(64, SyncDescriptor.CONDITION_SLOTS);
        assertEquals(32, SyncDescriptor.CONDITION_SLOT_LENGTH);
        assertEquals(0, SyncDescriptor.WAITER_WORD_OFFSET);
        assertEquals(8, SyncDescriptor.WAITER_PID_OFFSET);
        assertEquals(16, SyncDescriptor.WAITER_START_OFFSET);
        assertEquals(64 + 64 * 32, SyncDescriptor.CONDITION_BODY_LENGTH);

        assertEquals(8, SyncDescriptor.BARRIER_PARTIES_OFFSET);
        assertEquals(16, SyncDescriptor.BARRIER_COUNT_OFFSET);
        assertEquals(24, SyncDescriptor.BARRIER_GENERATION_OFFSET);
        assertEquals(32, SyncDescriptor.BARRIER_BROKEN_BITS_OFFSET);
        assertEquals(64, SyncDescriptor.BARRIER_SLOTS_OFFSET);
        assertEquals(64, SyncDescriptor.BARRIER_MAX_PARTIES);
        assertEquals(16, SyncDescriptor.BARRIER_SLOT_LENGTH);
        assertEquals(64 + 64 * 16, SyncDescriptor.BARRIER_BODY_LENGTH);
    }
}
