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
        for (final RegionKind kind : RegionKind.values())
        {
            assertEquals(kind, RegionKind.fromCode(kind.code()));
        }
        assertEquals(null, RegionKind.fromCode(0));
        assertEquals(null, RegionKind.fromCode(1000));
    }
}
