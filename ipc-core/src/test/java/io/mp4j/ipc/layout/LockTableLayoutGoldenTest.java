package io.mp4j.ipc.layout;

import io.mp4j.ipc.region.RegionKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins every offset of the lock table layout to a literal, as docs/LAYOUT.md section 7 gives them.
 */
class LockTableLayoutGoldenTest
{
    @Test
    void shouldPinKindCodes()
    {
        assertEquals(18, RegionKind.LOCK_TABLE.code());
        assertEquals(19, RegionKind.CHRONICLE_MAP.code());
        assertEquals(20, RegionKind.DURABLE_QUEUE.code());
    }

    @Test
    void shouldPinOffsets()
    {
        assertEquals(0, LockTableDescriptor.LOCKS_COUNT_OFFSET);
        assertEquals(8, LockTableDescriptor.WORDS_COUNT_OFFSET);
        assertEquals(16, LockTableDescriptor.RECOVERIES_OFFSET);
        assertEquals(64, LockTableDescriptor.WORDS_OFFSET);
        assertEquals(0, LockTableDescriptor.LOCK_OWNER_OFFSET);
        assertEquals(8, LockTableDescriptor.LOCK_OWNER_START_OFFSET);
        assertEquals(64, LockTableDescriptor.LOCK_LENGTH);
        assertEquals(64 + 8 * 3, LockTableDescriptor.wordOffset(3));
        assertEquals(128, LockTableDescriptor.locksOffset(8));
        assertEquals(128 + 64 * 5, LockTableDescriptor.lockOffset(8, 5));
        assertEquals(128 + 66 * 64, LockTableDescriptor.bodyLength(66, 8));
        assertEquals(128 + 128 + 66 * 64, LockTableDescriptor.totalLength(66, 8));
        assertEquals(64 + 2112 + 64, LockTableDescriptor.bodyLength(1, 258));
    }
}
