package io.mp4j.ipc.sync;

import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionKind;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import static io.mp4j.ipc.layout.SyncDescriptor.CONDITION_NEXT_TICKET_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.CONDITION_SLOTS;
import static io.mp4j.ipc.layout.SyncDescriptor.CONDITION_SLOTS_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.CONDITION_SLOT_LENGTH;
import static io.mp4j.ipc.layout.SyncDescriptor.WAITER_PID_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.WAITER_START_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.WAITER_WORD_OFFSET;

/**
 * A condition variable across JVMs, Python's {@code multiprocessing.Condition}, used with a {@link SharedLock}
 * (every JVM must pair the condition with the same lock). A waiter takes a slot (ticket, pid, start time) while it
 * holds the lock, releases the lock, waits for a notifier to mark its slot, then takes the lock back. Notifiers mark
 * the oldest live waiters first; slots of dead waiters are freed on the way. At most
 * {@value io.mp4j.ipc.layout.SyncDescriptor#CONDITION_SLOTS} waiters at once.
 *
 * <p>Threading: any thread of any process, holding the lock for every call. Ordering: slots change only under the
 * lock; a waiter reads its slot with acquire loads, paired with the notifier's release store.
 */
public final class SharedCondition extends SharedObject
{
    private static final long FREE = 0;
    private static final long WAITING = 1;
    private static final long NOTIFIED = 2;

    private final SharedLock lock;

    /**
     * @param region a region of kind CONDITION.
     * @param lock   the lock it is used with.
     */
    public SharedCondition(final Region region, final SharedLock lock)
    {
        super(region);
        if (region.kind() != RegionKind.CONDITION)
        {
            throw new IllegalArgumentException("not a condition region: " + region);
        }
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /**
     * @return the lock this condition is used with.
     */
    public SharedLock lock()
    {
        return lock;
    }

    /**
     * Releases the lock, waits for a notification or the timeout, and takes the lock back (Python's {@code wait}).
     *
     * @param timeout the longest wait, or null for no limit.
     * @return true if notified, false on timeout.
     * @throws InterruptedException         if interrupted while waiting (the lock is held again).
     * @throws IllegalMonitorStateException if this thread does not hold the lock.
     * @throws IllegalStateException        if every waiter slot is taken.
     */
    public boolean await(final Duration timeout) throws InterruptedException
    {
        requireHeld();
        final int offset = claimSlot();
        final long holds = lock.releaseAll();
        final Wait wait = Wait.of(timeout);
        InterruptedException interrupted = null;
        try
        {
            while (state(buffer.getLongVolatile(offset + WAITER_WORD_OFFSET)) != NOTIFIED && wait.idle())
            {
                // waiting for a notifier's release store
            }
        }
        catch (final InterruptedException ex)
        {
            interrupted = ex;
        }
        lock.reacquire(holds);
        final boolean notified = state(buffer.getLong(offset + WAITER_WORD_OFFSET)) == NOTIFIED;
        buffer.putLong(offset + WAITER_PID_OFFSET, 0);
        buffer.putLongRelease(offset + WAITER_WORD_OFFSET, FREE);
        if (interrupted != null)
        {
            throw interrupted;
        }
        return notified;
    }

    /**
     * Waits until {@code predicate} holds, re-checking it after each notification (Python's {@code wait_for}).
     *
     * @param predicate checked while holding the lock.
     * @param timeout   the longest wait in all, or null for no limit.
     * @return the predicate's last value.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean awaitUntil(final BooleanSupplier predicate, final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        boolean result = predicate.getAsBoolean();
        while (!result)
        {
            Duration left = null;
            if (timeout != null)
            {
                final long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0)
                {
                    break;
                }
                left = Duration.ofNanos(leftNs);
            }
            await(left);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes the oldest waiter (Python's {@code notify}).
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock.
     */
    public void signal()
    {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiters, oldest first.
     *
     * @param n how many.
     * @return how many were woken.
     * @throws IllegalMonitorStateException if this thread does not hold the lock.
     */
    public int signal(final int n)
    {
        requireHeld();
        int woken = 0;
        while (woken < n)
        {
            int oldest = -1;
            long oldestTicket = Long.MAX_VALUE;
            for (int slot = 0; slot < CONDITION_SLOTS; slot++)
            {
                final int offset = slotOffset(slot);
                final long word = buffer.getLong(offset + WAITER_WORD_OFFSET);
                if (state(word) != WAITING)
                {
                    continue;
                }
                if (!Holders.isAlive(buffer.getLong(offset + WAITER_PID_OFFSET),
                    buffer.getLong(offset + WAITER_START_OFFSET)))
                {
                    buffer.putLong(offset + WAITER_PID_OFFSET, 0);
                    buffer.putLongRelease(offset + WAITER_WORD_OFFSET, FREE);
                    continue;
                }
                if ((word >>> 2) < oldestTicket)
                {
                    oldestTicket = word >>> 2;
                    oldest = offset;
                }
            }
            if (oldest < 0)
            {
                break;
            }
            // release: what the notifier wrote under the lock is visible to the waiter it wakes
            buffer.putLongRelease(oldest + WAITER_WORD_OFFSET, (oldestTicket << 2) | NOTIFIED);
            woken++;
        }
        return woken;
    }

    /**
     * Wakes every waiter (Python's {@code notify_all}).
     *
     * @return how many were woken.
     */
    public int signalAll()
    {
        return signal(Integer.MAX_VALUE);
    }

    /**
     * @return live waiters now waiting (a snapshot; slots of dead waiters are not counted).
     */
    public int waiters()
    {
        int n = 0;
        for (int slot = 0; slot < CONDITION_SLOTS; slot++)
        {
            final int offset = slotOffset(slot);
            if (state(buffer.getLongVolatile(offset + WAITER_WORD_OFFSET)) == WAITING &&
                Holders.isAlive(buffer.getLongVolatile(offset + WAITER_PID_OFFSET),
                    buffer.getLongVolatile(offset + WAITER_START_OFFSET)))
            {
                n++;
            }
        }
        return n;
    }

    private int claimSlot()
    {
        for (int slot = 0; slot < CONDITION_SLOTS; slot++)
        {
            final int offset = slotOffset(slot);
            final long word = buffer.getLong(offset + WAITER_WORD_OFFSET);
            final boolean free = state(word) == FREE || !Holders.isAlive(buffer.getLong(offset + WAITER_PID_OFFSET),
                buffer.getLong(offset + WAITER_START_OFFSET));
            if (free)
            {
                final long ticket = buffer.getLong(CONDITION_NEXT_TICKET_OFFSET);
                buffer.putLong(CONDITION_NEXT_TICKET_OFFSET, ticket + 1);
                buffer.putLong(offset + WAITER_PID_OFFSET, Holders.PID);
                buffer.putLong(offset + WAITER_START_OFFSET, Holders.START_MS);
                buffer.putLongRelease(offset + WAITER_WORD_OFFSET, (ticket << 2) | WAITING);
                return offset;
            }
        }
        throw new IllegalStateException("condition " + name() + " has " + CONDITION_SLOTS + " waiters already");
    }

    private void requireHeld()
    {
        if (!lock.isHeldByCurrentThread())
        {
            throw new IllegalMonitorStateException("condition " + name() + ": this thread does not hold lock " +
                lock.name());
        }
    }

    private static long state(final long word)
    {
        return word & 3;
    }

    private static int slotOffset(final int slot)
    {
        return CONDITION_SLOTS_OFFSET + slot * CONDITION_SLOT_LENGTH;
    }
}
