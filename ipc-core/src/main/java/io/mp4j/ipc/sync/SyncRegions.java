package io.mp4j.ipc.sync;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.layout.SyncDescriptor;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionKind;

import java.nio.file.Path;

/**
 * Creates or attaches the synchronization regions of a space, checking that an existing one matches what was asked
 * for (a bounded semaphore's bound, a barrier's parties). {@code Space.lock}, {@code Space.semaphore} and the others
 * call these.
 *
 * <p>Threading: any thread.
 */
public final class SyncRegions
{
    private SyncRegions()
    {
    }

    /**
     * @param directory       the space's directory.
     * @param name            the region name.
     * @param reentrant       true for an RLock.
     * @param attachTimeoutMs how long to wait for a region being created.
     * @return the lock.
     */
    public static SharedLock lock(final Path directory, final String name, final boolean reentrant,
        final long attachTimeoutMs)
    {
        return new SharedLock(RegionFiles.createOrAttach(directory, name, reentrant ? RegionKind.RLOCK :
            RegionKind.LOCK, SyncDescriptor.totalLength(SyncDescriptor.LOCK_BODY_LENGTH), body -> { },
            attachTimeoutMs));
    }

    /**
     * @param directory       the space's directory.
     * @param name            the region name.
     * @param permits         initial permits (applies to the creator only).
     * @param bounded         true for a BoundedSemaphore, whose bound is {@code permits}.
     * @param attachTimeoutMs how long to wait for a region being created.
     * @return the semaphore.
     * @throws Mp4jException if a bounded semaphore was asked for and an unbounded one exists, or the other way round.
     */
    public static SharedSemaphore semaphore(final Path directory, final String name, final long permits,
        final boolean bounded, final long attachTimeoutMs)
    {
        if (permits < 0 || (bounded && permits == 0))
        {
            throw new IllegalArgumentException("permits must be >= 0 (> 0 when bounded): permits=" + permits);
        }
        final Region region = RegionFiles.createOrAttach(directory, name, RegionKind.SEMAPHORE,
            SyncDescriptor.totalLength(SyncDescriptor.SEMAPHORE_BODY_LENGTH), body ->
            {
                body.putLong(SyncDescriptor.SEMAPHORE_VALUE_OFFSET, permits);
                body.putLong(SyncDescriptor.SEMAPHORE_BOUND_OFFSET, bounded ? permits : 0);
            }, attachTimeoutMs);
        final SharedSemaphore semaphore = new SharedSemaphore(region);
        if ((semaphore.bound() > 0) != bounded)
        {
            semaphore.close();
            throw new Mp4jException("semaphore " + region.file() + " exists " + (bounded ? "unbounded" :
                "bounded") + ", asked for " + (bounded ? "a bounded" : "an unbounded") + " one");
        }
        return semaphore;
    }

    /**
     * @param directory       the space's directory.
     * @param name            the region name.
     * @param attachTimeoutMs how long to wait for a region being created.
     * @return the event, created lowered.
     */
    public static SharedEvent event(final Path directory, final String name, final long attachTimeoutMs)
    {
        return new SharedEvent(RegionFiles.createOrAttach(directory, name, RegionKind.EVENT,
            SyncDescriptor.totalLength(SyncDescriptor.EVENT_BODY_LENGTH), body -> { }, attachTimeoutMs));
    }

    /**
     * @param directory       the space's directory.
     * @param name            the region name.
     * @param lock            the lock it is used with.
     * @param attachTimeoutMs how long to wait for a region being created.
     * @return the condition.
     */
    public static SharedCondition condition(final Path directory, final String name, final SharedLock lock,
        final long attachTimeoutMs)
    {
        return new SharedCondition(RegionFiles.createOrAttach(directory, name, RegionKind.CONDITION,
            SyncDescriptor.totalLength(SyncDescriptor.CONDITION_BODY_LENGTH), body -> { }, attachTimeoutMs), lock);
    }

    /**
     * @param directory       the space's directory.
     * @param name            the region name.
     * @param parties         the number of parties, 1 to {@value SyncDescriptor#BARRIER_MAX_PARTIES}.
     * @param attachTimeoutMs how long to wait for a region being created.
     * @return the barrier.
     * @throws Mp4jException if it exists with another number of parties.
     */
    public static SharedBarrier barrier(final Path directory, final String name, final int parties,
        final long attachTimeoutMs)
    {
        if (parties < 1 || parties > SyncDescriptor.BARRIER_MAX_PARTIES)
        {
            throw new IllegalArgumentException("parties out of range 1.." + SyncDescriptor.BARRIER_MAX_PARTIES +
                ": parties=" + parties);
        }
        final SharedBarrier barrier = new SharedBarrier(RegionFiles.createOrAttach(directory, name,
            RegionKind.BARRIER, SyncDescriptor.totalLength(SyncDescriptor.BARRIER_BODY_LENGTH),
            body -> body.putLong(SyncDescriptor.BARRIER_PARTIES_OFFSET, parties), attachTimeoutMs));
        final int existing = barrier.parties();
        if (existing != parties)
        {
            barrier.close();
            throw new Mp4jException("barrier " + barrier.file() + " exists with " + existing +
                " parties, asked for " + parties);
        }
        return barrier;
    }
}
