package io.mp4j.ipc.layout;

import io.mp4j.ipc.region.RegionKind;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins every offset of the shared layouts to a literal: a change here is a change of file format, which needs a
 * new layout version and a new section in docs/LAYOUT.md.
 */
class LayoutGoldenTest
{
    @Test
    void shouldPinRegionHeaderOffsets()
    {
        assertEquals(0, RegionHeaderDescriptor.MAGIC_OFFSET);
        assertEquals(8, RegionHeaderDescriptor.VERSION_MAJOR_OFFSET);
        assertEquals(12, RegionHeaderDescriptor.VERSION_MINOR_OFFSET);
        assertEquals(16, RegionHeaderDescriptor.KIND_OFFSET);
        assertEquals(20, RegionHeaderDescriptor.HEADER_LENGTH_OFFSET);
        assertEquals(24, RegionHeaderDescriptor.TOTAL_LENGTH_OFFSET);
        assertEquals(32, RegionHeaderDescriptor.CREATOR_PID_OFFSET);
        assertEquals(40, RegionHeaderDescriptor.CREATOR_START_TIME_OFFSET);
        assertEquals(48, RegionHeaderDescriptor.CREATION_TIME_OFFSET);
        assertEquals(56, RegionHeaderDescriptor.READY_OFFSET);
        assertEquals(128, RegionHeaderDescriptor.HEADER_LENGTH);
        assertEquals(1, RegionHeaderDescriptor.VERSION_MAJOR);
        assertEquals(0, RegionHeaderDescriptor.VERSION_MINOR);
        assertEquals(0x52454459, RegionHeaderDescriptor.READY_VALUE);
    }

    @Test
    void shouldSpellMagicAsTextInFileOrder()
    {
        final byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(RegionHeaderDescriptor.MAGIC).array();
        assertEquals("MP4J-RGN", new String(bytes, StandardCharsets.US_ASCII));
    }

    @Test
    void shouldPinValueLayout()
    {
        assertEquals(0, ValueDescriptor.VALUE_OFFSET);
        assertEquals(64, ValueDescriptor.VALUE_BODY_LENGTH);
        assertEquals(192, ValueDescriptor.valueTotalLength());
        assertEquals(128 + 10 * 8, ValueDescriptor.arrayTotalLength(10, 8));
    }

    @Test
    void shouldPinCountersLayout()
    {
        assertEquals(0, CountersDescriptor.KEY_OWNER_PID_OFFSET);
        assertEquals(8, CountersDescriptor.KEY_OWNER_START_TIME_OFFSET);
        assertEquals(1024 * 512, CountersDescriptor.valuesOffset(1024));
        assertEquals(1024 * 640, CountersDescriptor.bodyLength(1024));
        assertEquals(1024, CountersDescriptor.maxCounters(1024 * 640));
        assertEquals(-2 - 4242, CountersDescriptor.claimingState(4242));
        assertEquals(4242, CountersDescriptor.claimingPid(CountersDescriptor.claimingState(4242)));
    }

    @Test
    void shouldPinQueueLayout()
    {
        assertEquals(0, QueueDescriptor.SLOTS_OFFSET);
        assertEquals(4, QueueDescriptor.MAX_MESSAGE_LENGTH_OFFSET);
        assertEquals(8, QueueDescriptor.LIVENESS_TIMEOUT_NS_OFFSET);
        assertEquals(16, QueueDescriptor.FLAGS_OFFSET);
        assertEquals(128, QueueDescriptor.TAIL_OFFSET);
        assertEquals(256, QueueDescriptor.HEAD_OFFSET);
        assertEquals(384, QueueDescriptor.CLOSED_OFFSET);
        assertEquals(512, QueueDescriptor.UNFINISHED_OFFSET);
        assertEquals(640, QueueDescriptor.SLOTS_START_OFFSET);
        assertEquals(0, QueueDescriptor.SLOT_WORD_OFFSET);
        assertEquals(8, QueueDescriptor.SLOT_LENGTH_OFFSET);
        assertEquals(16, QueueDescriptor.SLOT_PAYLOAD_OFFSET);
        assertEquals(64, QueueDescriptor.slotStride(48));
        assertEquals(128, QueueDescriptor.slotStride(49));
        assertEquals(39, QueueDescriptor.LAP_BITS);
        assertEquals(0x0000_0000_0000_0000L, QueueDescriptor.word(0, QueueDescriptor.FREE, 0));
        assertEquals(0x0000_0000_0240_0007L, QueueDescriptor.word(1, QueueDescriptor.CLAIMED, 7));
        final long w = QueueDescriptor.word(QueueDescriptor.LAP_MASK + 5, QueueDescriptor.ABORTED, 4_194_303);
        assertEquals(4, QueueDescriptor.lap(w), "laps wrap modulo 2^39");
        assertEquals(QueueDescriptor.ABORTED, QueueDescriptor.state(w));
        assertEquals(4_194_303, QueueDescriptor.pid(w));
    }

    @Test
    void shouldPinKindCodes()
    {
        assertEquals(1, RegionKind.LONG_VALUE.code());
        assertEquals(2, RegionKind.INT_VALUE.code());
        assertEquals(3, RegionKind.DOUBLE_VALUE.code());
        assertEquals(4, RegionKind.BOOLEAN_VALUE.code());
        assertEquals(5, RegionKind.LONG_ARRAY.code());
        assertEquals(6, RegionKind.INT_ARRAY.code());
        assertEquals(7, RegionKind.DOUBLE_ARRAY.code());
        assertEquals(8, RegionKind.BYTE_ARRAY.code());
        assertEquals(9, RegionKind.COUNTERS.code());
        assertEquals(10, RegionKind.QUEUE.code());
        assertEquals(11, RegionKind.PIPE.code());
        for (final RegionKind kind : RegionKind.values())
        {
            assertEquals(kind, RegionKind.fromCode(kind.code()));
        }
        assertEquals(null, RegionKind.fromCode(0));
        assertEquals(null, RegionKind.fromCode(1000));
    }
}
