package io.mp4j.ipc.sync;

import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.layout.SyncDescriptor;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionKind;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

import static io.mp4j.ipc.layout.SyncDescriptor.LOCK_HOLDS_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.LOCK_OWNER_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.LOCK_OWNER_START_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.LOCK_RECOVERIES_OFFSET;

/**
 * A lock across JVMs, Python's {@code multiprocessing.Lock} (region kind LOCK) or {@code RLock} (kind RLOCK,
 * reentrant per thread), that survives the death of its holder: a waiter that finds the holder's process dead
 * (checked every 50 ms while it waits) takes the lock, and
 * {@link #previousOwnerDied()} tells it so, as POSIX's {@code EOWNERDEAD} does, so that it can repair what the dead
 * holder left half done. A holder that is alive but stopped (SIGSTOP, a long pause) keeps the lock.
 *
 * <p>The owner is one word, {@code pid << 42 | thread id}, set by a CAS from 0; the holder releases it with a release
 * store. Waiting spins, yields, then parks at most a millisecond at a time. The lock belongs to the thread that took
 * it: only that thread releases it (a plain lock taken twice by its holder fails fast rather than deadlocking). A
 * thread that ends while holding it keeps it until its process ends.
 *
 * <pre>{@code
 * try (SharedLock lock = space.lock("accounts"))
 * {
 *     lock.acquire();
 *     try
 *     {
 *         if (lock.previousOwnerDied()) repair();
 *         update();
 *     }
 *     finally
 *     {
 *         lock.release();
 *     }
 * }
 * }</pre>
 *
 * <p>Threading: any thread of any process. Ordering: acquire is a CAS (full fence) that pairs with the release store
 * of the previous holder's release, so everything the previous holder wrote is visible to the next.
 */
public final class SharedLock extends SharedObject implements Lock
{
    private final boolean reentrant;
    private boolean ownerDied;

    /**
     * @param region a region of kind LOCK or RLOCK.
     */
    public SharedLock(final Region region)
    {
        super(region);
        if (region.kind() != RegionKind.LOCK && region.kind() != RegionKind.RLOCK)
        {
            throw new IllegalArgumentException("not a lock region: " + region);
        }
        this.reentrant = region.kind() == RegionKind.RLOCK;
    }

    /**
     * @return true for an RLock: the holding thread may acquire again, and releases as many times.
     */
    public boolean isReentrant()
    {
        return reentrant;
    }

    /**
     * Waits as long as it takes for the lock.
     *
     * @throws IllegalStateException if this thread holds this (non-reentrant) lock already.
     */
    public void acquire()
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                acquire(null);
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits at most {@code timeout} for the lock (Python's {@code acquire(timeout=...)}).
     *
     * @param timeout the longest wait; null for no limit, zero to try once.
     * @return true if this thread now holds the lock.
     * @throws InterruptedException  if interrupted while waiting.
     * @throws IllegalStateException if this thread holds this (non-reentrant) lock already.
     */
    public boolean acquire(final Duration timeout) throws InterruptedException
    {
        final long me = SyncDescriptor.ownerWord(Holders.PID, Thread.currentThread().getId());
        final long owner = buffer.getLongVolatile(LOCK_OWNER_OFFSET);
        if (owner == me)
        {
            if (!reentrant)
            {
                throw new IllegalStateException("lock " + name() + " is already held by this thread (a Lock is " +
                    "not reentrant: waiting for it would wait forever; use an RLock)");
            }
            buffer.putLongRelease(LOCK_HOLDS_OFFSET, buffer.getLong(LOCK_HOLDS_OFFSET) + 1);
            return true;
        }
        if (owner == 0 && buffer.compareAndSetLong(LOCK_OWNER_OFFSET, 0, me))
        {
            acquired(false);
            return true;
        }
        final Wait wait = Wait.of(timeout);
        while (true)
        {
            final long current = buffer.getLongVolatile(LOCK_OWNER_OFFSET);
            if (current == 0)
            {
                if (buffer.compareAndSetLong(LOCK_OWNER_OFFSET, 0, me))
                {
                    acquired(false);
                    return true;
                }
            }
            else if (wait.livenessDue() && !ownerAlive(current) &&
                buffer.compareAndSetLong(LOCK_OWNER_OFFSET, current, me))
            {
                buffer.getAndAddLong(LOCK_RECOVERIES_OFFSET, 1);
                acquired(true);
                return true;
            }
            if (!wait.idle())
            {
                return false;
            }
        }
    }

    /**
     * Releases one hold; the last hold frees the lock.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock.
     */
    public void release()
    {
        final long me = SyncDescriptor.ownerWord(Holders.PID, Thread.currentThread().getId());
        if (buffer.getLongVolatile(LOCK_OWNER_OFFSET) != me)
        {
            throw new IllegalMonitorStateException("lock " + name() + " is not held by this thread");
        }
        final long holds = buffer.getLong(LOCK_HOLDS_OFFSET) - 1;
        if (holds > 0)
        {
            buffer.putLongRelease(LOCK_HOLDS_OFFSET, holds);
            return;
        }
        ownerDied = false;
        buffer.putLong(LOCK_HOLDS_OFFSET, 0);
        buffer.putLong(LOCK_OWNER_START_OFFSET, 0);
        // release: the holder's writes, and the cleared fields, are visible before the lock is seen free
        buffer.putLongRelease(LOCK_OWNER_OFFSET, 0);
    }

    /**
     * @return true if this thread holds the lock and took it from a holder whose process had died: what that holder
     * protected may be half updated.
     */
    public boolean previousOwnerDied()
    {
        return isHeldByCurrentThread() && ownerDied;
    }

    /**
     * @return true if this thread holds the lock.
     */
    public boolean isHeldByCurrentThread()
    {
        return buffer.getLongVolatile(LOCK_OWNER_OFFSET) ==
            SyncDescriptor.ownerWord(Holders.PID, Thread.currentThread().getId());
    }

    /**
     * @return true if some thread of some process holds the lock.
     */
    public boolean isLocked()
    {
        return buffer.getLongVolatile(LOCK_OWNER_OFFSET) != 0;
    }

    /**
     * @return the pid of the holder's process, or 0 when free.
     */
    public long ownerPid()
    {
        return SyncDescriptor.ownerPid(buffer.getLongVolatile(LOCK_OWNER_OFFSET));
    }

    /**
     * @return holds of the current holder (an RLock counts re-entries), 0 when free.
     */
    public long holdCount()
    {
        return buffer.getLongVolatile(LOCK_HOLDS_OFFSET);
    }

    /**
     * @return how many times the lock was taken from a dead holder, since it was created.
     */
    public long recoveries()
    {
        return buffer.getLongVolatile(LOCK_RECOVERIES_OFFSET);
    }

    @Override
    public void lock()
    {
        acquire();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException
    {
        acquire(null);
    }

    @Override
    public boolean tryLock()
    {
        try
        {
            return acquire(Duration.ZERO);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        return acquire(Duration.ofNanos(unit.toNanos(time)));
    }

    @Override
    public void unlock()
    {
        release();
    }

    /**
     * Not supported: conditions across JVMs are regions of their own; see {@code Space.condition(name, lock)}.
     *
     * @return never.
     * @throws UnsupportedOperationException always.
     */
    @Override
    public Condition newCondition()
    {
        throw new UnsupportedOperationException("use Space.condition(name, lock) for a condition across JVMs");
    }

    /**
     * Releases every hold of this thread (for a condition's wait).
     *
     * @return the holds released.
     */
    long releaseAll()
    {
        final long holds = buffer.getLong(LOCK_HOLDS_OFFSET);
        buffer.putLongRelease(LOCK_HOLDS_OFFSET, 1);
        release();
        return holds;
    }

    /**
     * Takes the lock back with the given holds (after a condition's wait).
     *
     * @param holds the holds to restore.
     */
    void reacquire(final long holds)
    {
        acquire();
        buffer.putLongRelease(LOCK_HOLDS_OFFSET, holds);
    }

    private void acquired(final boolean fromDeadOwner)
    {
        buffer.putLongRelease(LOCK_OWNER_START_OFFSET, Holders.START_MS);
        buffer.putLongRelease(LOCK_HOLDS_OFFSET, 1);
        ownerDied = fromDeadOwner;
    }

    private boolean ownerAlive(final long owner)
    {
        final long startMs = buffer.getLongVolatile(LOCK_OWNER_START_OFFSET);
        if (buffer.getLongVolatile(LOCK_OWNER_OFFSET) != owner)
        {
            return true; // moved on: look again next time
        }
        return Holders.isAlive(SyncDescriptor.ownerPid(owner), startMs);
    }
}
