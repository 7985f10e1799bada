package io.mp4j.ipc.layout;

/**
 * Layout of the header every region file starts with. Offsets are computed in order from the field sizes; the
 * golden test pins each to a literal, and {@code docs/LAYOUT.md} gives writer, reader and ordering per field.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                       Magic "MP4J-RGN"                        |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Layout Version Major                      |  8
 *  +---------------------------------------------------------------+
 *  |                     Layout Version Minor                      | 12
 *  +---------------------------------------------------------------+
 *  |                          Kind Code                            | 16
 *  +---------------------------------------------------------------+
 *  |                        Header Length                          | 20
 *  +---------------------------------------------------------------+
 *  |                     Total Length (bytes)                      | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                         Creator Pid                           | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |              Creator Process Start Time (epoch ms)            | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Creation Time (epoch ms)                   | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |              Ready Word (0, then READY_VALUE, last)           | 56
 *  +---------------------------------------------------------------+
 *  |                      Reserved to 128 bytes                   ...
 *  +---------------------------------------------------------------+
 *  |                 Body: per kind, starts at 128                ...
 * </pre>
 */
public final class RegionHeaderDescriptor
{
    /** "MP4J-RGN" as a little-endian long: the file's first eight bytes read as that text. */
    public static final long MAGIC = 0x4E47522D4A34504DL;

    /** Layout major version: attach refuses any other major. */
    public static final int VERSION_MAJOR = 1;

    /** Layout minor version: additions a reader of the same major may ignore. */
    public static final int VERSION_MINOR = 0;

    /** Value of the ready word once the creator has initialised the whole region. */
    public static final int READY_VALUE = 0x52454459;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET;

    /** Offset of the layout major version. */
    public static final int VERSION_MAJOR_OFFSET;

    /** Offset of the layout minor version. */
    public static final int VERSION_MINOR_OFFSET;

    /** Offset of the kind code. */
    public static final int KIND_OFFSET;

    /** Offset of the header length. */
    public static final int HEADER_LENGTH_OFFSET;

    /** Offset of the total file length. */
    public static final int TOTAL_LENGTH_OFFSET;

    /** Offset of the creator's pid. */
    public static final int CREATOR_PID_OFFSET;

    /** Offset of the creator's process start time. */
    public static final int CREATOR_START_TIME_OFFSET;

    /** Offset of the creation time. */
    public static final int CREATION_TIME_OFFSET;

    /** Offset of the ready word. */
    public static final int READY_OFFSET;

    /** Length of the header, padded to two cache lines; the body starts here. */
    public static final int HEADER_LENGTH;

    /** Alignment of the body and of fields in it that are updated atomically. */
    public static final int CACHE_LINE_LENGTH = 64;

    static
    {
        int offset = 0;
        MAGIC_OFFSET = offset;
        offset += Long.BYTES;
        VERSION_MAJOR_OFFSET = offset;
        offset += Integer.BYTES;
        VERSION_MINOR_OFFSET = offset;
        offset += Integer.BYTES;
        KIND_OFFSET = offset;
        offset += Integer.BYTES;
        HEADER_LENGTH_OFFSET = offset;
        offset += Integer.BYTES;
        TOTAL_LENGTH_OFFSET = offset;
        offset += Long.BYTES;
        CREATOR_PID_OFFSET = offset;
        offset += Long.BYTES;
        CREATOR_START_TIME_OFFSET = offset;
        offset += Long.BYTES;
        CREATION_TIME_OFFSET = offset;
        offset += Long.BYTES;
        READY_OFFSET = offset;
        offset += Integer.BYTES;
        HEADER_LENGTH = align(offset, 2 * CACHE_LINE_LENGTH);
    }

    private RegionHeaderDescriptor()
    {
    }

    /**
     * @param value     a length or offset.
     * @param alignment a power of two.
     * @return value rounded up to alignment.
     */
    public static int align(final int value, final int alignment)
    {
        return (value + alignment - 1) & -alignment;
    }
}
