package io.mp4j.ipc.layout;

/**
 * Body layout of a lock table (region kind LOCK_TABLE): a row of robust locks, each on a cache line of its own, and a
 * block of shared words. Shared maps and lists use one as their stripe locks (io.mp4j.ipc.collections), durable
 * queues one per consumer group. Offsets are relative to the body, computed in order.
 *
 * <pre>
 *   0   locks long (creator)        | 8 words long (creator) | 16 recoveries long (atomic add) | padding to 64
 *   64  words: words x long, padding to a multiple of 64
 *   W   lock i at W + 64 i:         0 owner long (pid &lt;&lt; 42 | thread id, 0 = free) | 8 owner start ms long |
 *                                   padding to 64
 * </pre>
 */
public final class LockTableDescriptor
{
    /** Number of locks; the creator writes it. */
    public static final int LOCKS_COUNT_OFFSET;
    /** Number of shared words; the creator writes it. */
    public static final int WORDS_COUNT_OFFSET;
    /** Times any lock of the table was taken from a dead owner. */
    public static final int RECOVERIES_OFFSET;
    /** First shared word. */
    public static final int WORDS_OFFSET;
    /** Bytes of one lock. */
    public static final int LOCK_LENGTH;
    /** Lock: the owner word, as a lock region's ({@link SyncDescriptor#ownerWord}). */
    public static final int LOCK_OWNER_OFFSET;
    /** Lock: the owner's process start time, epoch ms (0 while unknown). */
    public static final int LOCK_OWNER_START_OFFSET;
    /** Most locks a table may have. */
    public static final int MAX_LOCKS = 4096;
    /** Most shared words a table may have. */
    public static final int MAX_WORDS = 4096;

    static
    {
        final int line = RegionHeaderDescriptor.CACHE_LINE_LENGTH;
        int offset = 0;
        LOCKS_COUNT_OFFSET = offset;
        offset += Long.BYTES;
        WORDS_COUNT_OFFSET = offset;
        offset += Long.BYTES;
        RECOVERIES_OFFSET = offset;
        offset += Long.BYTES;
        WORDS_OFFSET = RegionHeaderDescriptor.align(offset, line);

        offset = 0;
        LOCK_OWNER_OFFSET = offset;
        offset += Long.BYTES;
        LOCK_OWNER_START_OFFSET = offset;
        offset += Long.BYTES;
        LOCK_LENGTH = RegionHeaderDescriptor.align(offset, line);
    }

    private LockTableDescriptor()
    {
    }

    /**
     * @param words shared words.
     * @return body offset of the first lock.
     */
    public static int locksOffset(final int words)
    {
        return WORDS_OFFSET + RegionHeaderDescriptor.align(words * Long.BYTES, RegionHeaderDescriptor.CACHE_LINE_LENGTH);
    }

    /**
     * @param locks locks.
     * @param words shared words.
     * @return body offset of lock {@code i} is {@code lockOffset(words, i)}; this is the body length.
     */
    public static int bodyLength(final int locks, final int words)
    {
        return locksOffset(words) + locks * LOCK_LENGTH;
    }

    /**
     * @param words shared words.
     * @param lock  a lock index.
     * @return the body offset of that lock.
     */
    public static int lockOffset(final int words, final int lock)
    {
        return locksOffset(words) + lock * LOCK_LENGTH;
    }

    /**
     * @param word a word index.
     * @return the body offset of that word.
     */
    public static int wordOffset(final int word)
    {
        return WORDS_OFFSET + word * Long.BYTES;
    }

    /**
     * @param locks locks.
     * @param words shared words.
     * @return the total file length, header included.
     */
    public static long totalLength(final int locks, final int words)
    {
        return RegionHeaderDescriptor.HEADER_LENGTH + (long)bodyLength(locks, words);
    }
}
