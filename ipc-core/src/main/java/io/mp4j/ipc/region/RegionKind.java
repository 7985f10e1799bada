package io.mp4j.ipc.region;

/**
 * What a region holds. The code is written in the header and never reused for another kind.
 */
public enum RegionKind
{
    /** One shared {@code long}. */
    LONG_VALUE(1),
    /** One shared {@code int}. */
    INT_VALUE(2),
    /** One shared {@code double}, stored as its raw long bits. */
    DOUBLE_VALUE(3),
    /** One shared {@code boolean}, stored as an int 0 or 1. */
    BOOLEAN_VALUE(4),
    /** A fixed-length array of {@code long}. */
    LONG_ARRAY(5),
    /** A fixed-length array of {@code int}. */
    INT_ARRAY(6),
    /** A fixed-length array of {@code double}. */
    DOUBLE_ARRAY(7),
    /** A fixed-length array of bytes (raw shared memory). */
    BYTE_ARRAY(8),
    /** A registry of labelled counters in Agrona's counters layout. */
    COUNTERS(9),
    /** A bounded many-producer many-consumer queue of variable-length messages. */
    QUEUE(10),
    /** A pipe: one or two single-producer single-consumer rings between two connection ends. */
    PIPE(11),
    /** A lock that survives the death of its holder. */
    LOCK(12),
    /** A reentrant lock that survives the death of its holder. */
    RLOCK(13),
    /** A counting semaphore, bounded or not, that takes back the permits of dead holders. */
    SEMAPHORE(14),
    /** An event: a flag that waiters wait on. */
    EVENT(15),
    /** The waiters of a condition variable, used with a lock region. */
    CONDITION(16),
    /** A barrier of a fixed number of parties that breaks when one of them dies. */
    BARRIER(17),
    /** A table of robust locks and shared words: the stripe locks of a shared map or list, a consumer group. */
    LOCK_TABLE(18),
    /**
     * Not a region: the Chronicle Map file of a shared map ({@code <name>~map}), listed by {@code Space.list()}. The
     * code is never written in a header.
     */
    CHRONICLE_MAP(19),
    /**
     * Not a region: the directory of a durable queue ({@code <name>~queue}, Chronicle Queue's files and the consumer
     * groups' lock tables), listed by {@code Space.list()}. The code is never written in a header.
     */
    DURABLE_QUEUE(20);

    private static final RegionKind[] BY_CODE;

    static
    {
        int max = 0;
        for (final RegionKind kind : values())
        {
            max = Math.max(max, kind.code);
        }
        BY_CODE = new RegionKind[max + 1];
        for (final RegionKind kind : values())
        {
            BY_CODE[kind.code] = kind;
        }
    }

    private final int code;

    RegionKind(final int code)
    {
        this.code = code;
    }

    /**
     * @return the code written in the header.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code a code read from a header.
     * @return the kind, or null if the code names none known to this version.
     */
    public static RegionKind fromCode(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
