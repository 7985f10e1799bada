package io.mp4j.ipc.collections;

import java.time.Duration;

/**
 * The shape of a {@link SharedMap} (or {@link SharedList}, {@link SharedNamespace}), fixed by the process that
 * creates it; a process that attaches takes the creator's shape and ignores these. The map's file is sized for
 * {@code entries} entries of the average sizes given, and can grow by extra tiers up to {@code maxBloatFactor} times
 * that; past it, puts of new keys throw {@link MapFullException}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param entries           how many entries the map is sized for.
 * @param averageKeyBytes   average size of an encoded key, in bytes.
 * @param averageValueBytes average size of an encoded value, in bytes.
 * @param maxBloatFactor    how many times {@code entries} the map may grow to, from 1 to 1000.
 * @param lockTimeout       how long an operation waits for a stripe lock held by a live process before it throws
 *                          {@link io.mp4j.ipc.Mp4jException}.
 */
public record SharedMapOptions(
    long entries, double averageKeyBytes, double averageValueBytes, double maxBloatFactor, Duration lockTimeout)
{
    /** Entries a map is sized for by default. */
    public static final long DEFAULT_ENTRIES = 1 << 16;
    /** Average encoded key size by default, in bytes. */
    public static final double DEFAULT_AVERAGE_KEY_BYTES = 32;
    /** Average encoded value size by default, in bytes. */
    public static final double DEFAULT_AVERAGE_VALUE_BYTES = 64;
    /** Growth allowed by default: up to 4 times the entries sized for, in extra tiers. */
    public static final double DEFAULT_MAX_BLOAT_FACTOR = 4;
    /** How long an operation waits for a stripe held by a live process, by default. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    private static final SharedMapOptions DEFAULTS = new SharedMapOptions(DEFAULT_ENTRIES, DEFAULT_AVERAGE_KEY_BYTES,
        DEFAULT_AVERAGE_VALUE_BYTES, DEFAULT_MAX_BLOAT_FACTOR, DEFAULT_LOCK_TIMEOUT);

    /**
     * @param entries           how many entries the map is sized for, at least 1.
     * @param averageKeyBytes   average size of an encoded key, at least 1.
     * @param averageValueBytes average size of an encoded value, at least 1.
     * @param maxBloatFactor    growth allowed, 1 to 1000.
     * @param lockTimeout       how long to wait for a stripe held by a live process; positive.
     */
    public SharedMapOptions
    {
        if (entries < 1 || entries > (1L << 40))
        {
            throw new IllegalArgumentException("entries out of range 1..2^40: entries=" + entries);
        }
        if (!(averageKeyBytes >= 1) || !(averageValueBytes >= 1) || averageKeyBytes > (1 << 24) ||
            averageValueBytes > (1 << 24))
        {
            throw new IllegalArgumentException("average sizes out of range 1..2^24: averageKeyBytes=" +
                averageKeyBytes + " averageValueBytes=" + averageValueBytes);
        }
        if (!(maxBloatFactor >= 1) || maxBloatFactor > 1000)
        {
            throw new IllegalArgumentException("maxBloatFactor out of range 1..1000: maxBloatFactor=" +
                maxBloatFactor);
        }
        if (lockTimeout == null || lockTimeout.isNegative() || lockTimeout.isZero())
        {
            throw new IllegalArgumentException("lockTimeout must be positive: lockTimeout=" + lockTimeout);
        }
    }

    /**
     * @return 65,536 entries of 32-byte keys and 64-byte values (a file of about 9 MB, its pages allocated at
     * create), growing up to 4 times that, and a lock timeout of 30 s.
     */
    public static SharedMapOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * @param entries how many entries to size for.
     * @return a copy with that value.
     */
    public SharedMapOptions withEntries(final long entries)
    {
        return new SharedMapOptions(entries, averageKeyBytes, averageValueBytes, maxBloatFactor, lockTimeout);
    }

    /**
     * @param averageKeyBytes average encoded key size.
     * @return a copy with that value.
     */
    public SharedMapOptions withAverageKeyBytes(final double averageKeyBytes)
    {
        return new SharedMapOptions(entries, averageKeyBytes, averageValueBytes, maxBloatFactor, lockTimeout);
    }

    /**
     * @param averageValueBytes average encoded value size.
     * @return a copy with that value.
     */
    public SharedMapOptions withAverageValueBytes(final double averageValueBytes)
    {
        return new SharedMapOptions(entries, averageKeyBytes, averageValueBytes, maxBloatFactor, lockTimeout);
    }

    /**
     * @param maxBloatFactor growth allowed.
     * @return a copy with that value.
     */
    public SharedMapOptions withMaxBloatFactor(final double maxBloatFactor)
    {
        return new SharedMapOptions(entries, averageKeyBytes, averageValueBytes, maxBloatFactor, lockTimeout);
    }

    /**
     * @param lockTimeout how long to wait for a stripe held by a live process.
     * @return a copy with that value.
     */
    public SharedMapOptions withLockTimeout(final Duration lockTimeout)
    {
        return new SharedMapOptions(entries, averageKeyBytes, averageValueBytes, maxBloatFactor, lockTimeout);
    }
}
