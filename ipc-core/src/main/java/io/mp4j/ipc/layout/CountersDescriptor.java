package io.mp4j.ipc.layout;

import org.agrona.concurrent.status.CountersReader;

/**
 * Body layout of a counters region: Agrona's counters layout (metadata records of
 * {@link CountersReader#METADATA_LENGTH} bytes, value records of {@link CountersReader#COUNTER_LENGTH} bytes),
 * so that Agrona's {@link CountersReader} reads it as it is.
 *
 * <pre>
 *   body: | metadata record 0 .. n-1 (512 bytes each) | value record 0 .. n-1 (128 bytes each) |
 *
 *   metadata record (Agrona):          value record (Agrona):
 *     0   state int                      0    value long
 *     4   type id int                    8    registration id long
 *     8   free-for-reuse deadline long   16   owner id long (mp4j: owner pid)
 *     16  key (112 bytes)                24   reference id long
 *     128 label length int               32   padding to 128
 *     132 label (380 bytes)
 *
 *   mp4j's use of the key:  0 owner pid long | 8 owner start time ms long
 * </pre>
 *
 * State words beyond Agrona's: {@link #claimingState(long)} marks a record a process is filling in; Agrona's
 * reader skips it as it skips any state other than allocated and unused.
 */
public final class CountersDescriptor
{
    /** Offset of the owner's pid within the key. */
    public static final int KEY_OWNER_PID_OFFSET = 0;

    /** Offset of the owner's process start time within the key. */
    public static final int KEY_OWNER_START_TIME_OFFSET = KEY_OWNER_PID_OFFSET + Long.BYTES;

    /** Largest pid a claiming state can hold (Linux's pid_max ceiling is 2^22). */
    public static final long MAX_CLAIMING_PID = Integer.MAX_VALUE - 2;

    private CountersDescriptor()
    {
    }

    /**
     * @param maxCounters number of counter records.
     * @return offset of the value records in the body.
     */
    public static int valuesOffset(final int maxCounters)
    {
        return maxCounters * CountersReader.METADATA_LENGTH;
    }

    /**
     * @param maxCounters number of counter records.
     * @return the body length.
     */
    public static int bodyLength(final int maxCounters)
    {
        return maxCounters * (CountersReader.METADATA_LENGTH + CountersReader.COUNTER_LENGTH);
    }

    /**
     * @param bodyLength a counters region's body length.
     * @return how many counter records it holds.
     */
    public static int maxCounters(final int bodyLength)
    {
        return bodyLength / (CountersReader.METADATA_LENGTH + CountersReader.COUNTER_LENGTH);
    }

    /**
     * @param pid the claiming process.
     * @return the state word of a record that process is filling in: {@code -2 - pid}.
     */
    public static int claimingState(final long pid)
    {
        return (int)(-2 - pid);
    }

    /**
     * @param state a state word.
     * @return true if it is a claiming state.
     */
    public static boolean isClaiming(final int state)
    {
        return state <= -2;
    }

    /**
     * @param state a claiming state word.
     * @return the pid of the process claiming the record.
     */
    public static long claimingPid(final int state)
    {
        return -2L - state;
    }
}
