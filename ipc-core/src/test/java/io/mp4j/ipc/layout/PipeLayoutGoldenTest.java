package io.mp4j.ipc.layout;

import io.mp4j.ipc.region.RegionKind;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins every offset of the pipe layout to a literal: a change here is a change of file format, which needs a new
 * layout version and a new section in docs/LAYOUT-PIPE.md.
 */
class PipeLayoutGoldenTest
{
    @Test
    void shouldPinControlBlockOffsets()
    {
        assertEquals(0, PipeDescriptor.CAPACITY_OFFSET);
        assertEquals(4, PipeDescriptor.FLAGS_OFFSET);
        assertEquals(8, PipeDescriptor.REMOVED_OFFSET);
        assertEquals(128, PipeDescriptor.END_BLOCK_LENGTH);
        assertEquals(128, PipeDescriptor.END_A_OFFSET);
        assertEquals(256, PipeDescriptor.END_B_OFFSET);
        assertEquals(384, PipeDescriptor.RINGS_OFFSET);
        assertEquals(128, PipeDescriptor.endOffset(0));
        assertEquals(256, PipeDescriptor.endOffset(1));
    }

    @Test
    void shouldPinEndBlockOffsets()
    {
        assertEquals(0, PipeDescriptor.END_STATE_OFFSET);
        assertEquals(8, PipeDescriptor.END_OWNER_PID_OFFSET);
        assertEquals(16, PipeDescriptor.END_OWNER_START_TIME_OFFSET);
        assertEquals(24, PipeDescriptor.END_OPEN_TIME_OFFSET);
    }

    @Test
    void shouldPinCodesAndFlags()
    {
        assertEquals(0, PipeDescriptor.STATE_UNOPENED);
        assertEquals(1, PipeDescriptor.STATE_OPEN);
        assertEquals(2, PipeDescriptor.STATE_CLOSED);
        assertEquals(1, PipeDescriptor.FLAG_DUPLEX);
        assertEquals(2, PipeDescriptor.FLAG_REMOVE_WHEN_CLOSED);
        assertEquals(3, PipeDescriptor.KNOWN_FLAGS);
        assertEquals(0, PipeDescriptor.RING_TO_A);
        assertEquals(1, PipeDescriptor.RING_TO_B);
        assertEquals(1, PipeDescriptor.MESSAGE_TYPE_ID);
        assertEquals(11, RegionKind.PIPE.code());
    }

    @Test
    void shouldPinRingPlacement()
    {
        assertEquals(768, PipeDescriptor.RING_TRAILER_LENGTH, "Agrona's ring trailer changed: a new file format");
        assertEquals(128, RingBufferDescriptor.TAIL_POSITION_OFFSET);
        assertEquals(256, RingBufferDescriptor.HEAD_CACHE_POSITION_OFFSET);
        assertEquals(384, RingBufferDescriptor.HEAD_POSITION_OFFSET);
        assertEquals(512, RingBufferDescriptor.CORRELATION_COUNTER_OFFSET);
        assertEquals(640, RingBufferDescriptor.CONSUMER_HEARTBEAT_OFFSET);
        assertEquals(8, RecordDescriptor.HEADER_LENGTH);
        assertEquals(8, RecordDescriptor.ALIGNMENT);
        assertEquals(0, RecordDescriptor.lengthOffset(0));
        assertEquals(4, RecordDescriptor.typeOffset(0));
        assertEquals(1024, PipeDescriptor.MIN_CAPACITY);
        assertEquals(1 << 29, PipeDescriptor.MAX_CAPACITY);
        assertEquals(1024 + 768, PipeDescriptor.ringLength(1024));
        assertEquals(384, PipeDescriptor.ringOffset(1024, 0));
        assertEquals(384 + 1792, PipeDescriptor.ringOffset(1024, 1));
        assertEquals(384 + 1792, PipeDescriptor.bodyLength(1024, false));
        assertEquals(384 + 2 * 1792, PipeDescriptor.bodyLength(1024, true));
        assertEquals(384 + 2L * ((1 << 20) + 768), PipeDescriptor.bodyLength(1 << 20, true));
        assertEquals(128, PipeDescriptor.maxMessageLength(1024));
        assertEquals(131072, PipeDescriptor.maxMessageLength(1 << 20));
    }
}
