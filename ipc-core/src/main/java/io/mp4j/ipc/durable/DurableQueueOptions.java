package io.mp4j.ipc.durable;

import java.nio.file.Path;

/**
 * Where a {@link DurableQueue} keeps its files, how often it starts a new file, and how many files it keeps.
 *
 * <p>Files: the queue writes one Chronicle Queue cycle file per {@link Roll} period (sparse: 80 MiB apparent, only
 * what is written is allocated), plus {@code metadata.cq4t} and one lock table per consumer group. With
 * {@code retainCycles} of 0 (the default) nothing is ever deleted; with n &gt; 0, the queue deletes all but the n
 * newest cycle files whenever it starts writing a new cycle, and when {@link DurableQueue#purge()} is called.
 * Messages in deleted files are gone: readers and consumer groups that had not reached them move on to the first
 * message kept.
 *
 * <p>Immutable and thread-safe.
 *
 * @param directory    where the queue's files live; null for {@code <space directory>/<name>~queue} (in
 *                     {@code /dev/shm} by default: it survives every JVM's restart, not the machine's; name a directory
 *                     on disk to survive a reboot).
 * @param roll         how often a new cycle file starts.
 * @param retainCycles how many cycle files to keep, 0 for all.
 */
public record DurableQueueOptions(Path directory, Roll roll, int retainCycles)
{
    private static final DurableQueueOptions DEFAULTS = new DurableQueueOptions(null, Roll.DAILY, 0);

    /**
     * @param directory    where the files live, or null for the space's.
     * @param roll         how often a new cycle file starts; not null.
     * @param retainCycles how many cycle files to keep, 0 for all.
     */
    public DurableQueueOptions
    {
        if (roll == null)
        {
            throw new IllegalArgumentException("roll is null");
        }
        if (retainCycles < 0)
        {
            throw new IllegalArgumentException("retainCycles must be >= 0: retainCycles=" + retainCycles);
        }
    }

    /** @return files in the space directory, a new file each day, none deleted. */
    public static DurableQueueOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * @param directory where the files live (made 0700 if missing), or null for the space's.
     * @return a copy with that value.
     */
    public DurableQueueOptions withDirectory(final Path directory)
    {
        return new DurableQueueOptions(directory, roll, retainCycles);
    }

    /**
     * @param roll how often a new cycle file starts.
     * @return a copy with that value.
     */
    public DurableQueueOptions withRoll(final Roll roll)
    {
        return new DurableQueueOptions(directory, roll, retainCycles);
    }

    /**
     * @param retainCycles how many cycle files to keep, 0 for all.
     * @return a copy with that value.
     */
    public DurableQueueOptions withRetainCycles(final int retainCycles)
    {
        return new DurableQueueOptions(directory, roll, retainCycles);
    }

    /** How often a durable queue starts a new cycle file. Every process of a queue must use the same. */
    public enum Roll
    {
        /** One file per second: for tests of retention. */
        SECONDLY,
        /** One file per five minutes. */
        FIVE_MINUTELY,
        /** One file per hour. */
        HOURLY,
        /** One file per day. */
        DAILY,
        /** One file per week. */
        WEEKLY
    }
}
