package io.mp4j.ipc.sync;

import io.mp4j.ipc.Permits;
import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionKind;

import java.time.Duration;

import static io.mp4j.ipc.layout.SyncDescriptor.GUARD_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.SEMAPHORE_BOUND_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.SEMAPHORE_RECOVERIES_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.SEMAPHORE_SLOTS;
import static io.mp4j.ipc.layout.SyncDescriptor.SEMAPHORE_SLOTS_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.SEMAPHORE_SLOT_LENGTH;
import static io.mp4j.ipc.layout.SyncDescriptor.SEMAPHORE_VALUE_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.SLOT_PERMITS_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.SLOT_PID_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.SLOT_START_OFFSET;

/**
 * A counting semaphore across JVMs: Python's {@code Semaphore}, or {@code BoundedSemaphore} when created with a
 * bound (a release past the bound is an error). Each process's permits are recorded in a holder slot (pid, start
 * time, permits); a waiter that finds no permit checks the holders every 50 ms
 * and takes back the permits of dead ones, so a holder killed with SIGKILL delays the others by no more than that.
 * A permit may be released by another process than the one that took it (as in Python): it then comes out of no
 * slot. With more than 64 processes holding permits at once, the extra ones are not recorded (and not recovered).
 *
 * <p>Threading: any thread of any process. Ordering: every change happens inside the region's guard (a CAS in, a
 * release store out), so a permit released happens-before its next acquisition.
 */
public final class SharedSemaphore extends SharedObject implements Permits
{
    private final Guard guard;
    private volatile boolean recovered;

    /**
     * @param region a region of kind SEMAPHORE.
     */
    public SharedSemaphore(final Region region)
    {
        super(region);
        if (region.kind() != RegionKind.SEMAPHORE)
        {
            throw new IllegalArgumentException("not a semaphore region: " + region);
        }
        this.guard = new Guard(buffer, GUARD_OFFSET);
    }

    /**
     * Takes a permit, waiting as long as it takes.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    public void acquire() throws InterruptedException
    {
        tryAcquire(null);
    }

    /**
     * Takes a permit if one is free now.
     *
     * @return true if taken.
     */
    public boolean tryAcquire()
    {
        return takeOne();
    }

    /**
     * Takes a permit, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait, or null for no limit.
     * @return true if taken.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean tryAcquire(final Duration timeout) throws InterruptedException
    {
        if (takeOne())
        {
            return true;
        }
        final Wait wait = Wait.of(timeout);
        while (true)
        {
            if (wait.livenessDue())
            {
                recoverDeadHolders();
            }
            if (takeOne())
            {
                return true;
            }
            if (!wait.idle())
            {
                return false;
            }
        }
    }

    /**
     * Gives a permit back.
     *
     * @throws IllegalStateException if this is a bounded semaphore already holding all its permits.
     */
    public void release()
    {
        guard.enter();
        try
        {
            final long value = buffer.getLong(SEMAPHORE_VALUE_OFFSET);
            final long bound = buffer.getLong(SEMAPHORE_BOUND_OFFSET);
            if (bound > 0 && value >= bound)
            {
                throw new IllegalStateException("semaphore " + name() + " released too many times: it holds all " +
                    bound + " of its permits (a BoundedSemaphore)");
            }
            final int slot = findSlot(Holders.PID, Holders.START_MS, false);
            if (slot >= 0)
            {
                final int offset = slotOffset(slot);
                final long permits = buffer.getLong(offset + SLOT_PERMITS_OFFSET) - 1;
                buffer.putLong(offset + SLOT_PERMITS_OFFSET, permits);
                if (permits == 0)
                {
                    buffer.putLong(offset + SLOT_PID_OFFSET, 0);
                }
            }
            buffer.putLong(SEMAPHORE_VALUE_OFFSET, value + 1);
        }
        finally
        {
            guard.exit();
        }
    }

    /**
     * @return the permits free now (Python's {@code get_value}).
     */
    public long availablePermits()
    {
        return buffer.getLongVolatile(SEMAPHORE_VALUE_OFFSET);
    }

    /**
     * @return the bound of a bounded semaphore, 0 when unbounded.
     */
    public long bound()
    {
        return buffer.getLongVolatile(SEMAPHORE_BOUND_OFFSET);
    }

    /**
     * @return permits taken back from dead holders since the semaphore was created.
     */
    public long recoveries()
    {
        return buffer.getLongVolatile(SEMAPHORE_RECOVERIES_OFFSET);
    }

    /**
     * @return true if this process has taken back permits of a dead holder (the state they guarded may need repair);
     * reading it clears it.
     */
    public boolean takeRecovered()
    {
        final boolean was = recovered;
        recovered = false;
        return was;
    }

    /**
     * Takes back the permits of holders whose process has died.
     *
     * @return the permits taken back.
     */
    public long recoverDeadHolders()
    {
        long taken = 0;
        guard.enter();
        try
        {
            for (int slot = 0; slot < SEMAPHORE_SLOTS; slot++)
            {
                final int offset = slotOffset(slot);
                final long pid = buffer.getLong(offset + SLOT_PID_OFFSET);
                if (pid != 0 && !Holders.isAlive(pid, buffer.getLong(offset + SLOT_START_OFFSET)))
                {
                    final long permits = buffer.getLong(offset + SLOT_PERMITS_OFFSET);
                    // value first: a recoverer that dies here at worst leaves the slot to be recovered again
                    buffer.putLong(SEMAPHORE_VALUE_OFFSET, buffer.getLong(SEMAPHORE_VALUE_OFFSET) + permits);
                    buffer.putLong(offset + SLOT_PERMITS_OFFSET, 0);
                    buffer.putLong(offset + SLOT_PID_OFFSET, 0);
                    taken += permits;
                }
            }
            if (taken > 0)
            {
                buffer.putLong(SEMAPHORE_RECOVERIES_OFFSET, buffer.getLong(SEMAPHORE_RECOVERIES_OFFSET) + taken);
                recovered = true;
            }
        }
        finally
        {
            guard.exit();
        }
        return taken;
    }

    private boolean takeOne()
    {
        if (buffer.getLongVolatile(SEMAPHORE_VALUE_OFFSET) <= 0)
        {
            return false;
        }
        guard.enter();
        try
        {
            final long value = buffer.getLong(SEMAPHORE_VALUE_OFFSET);
            if (value <= 0)
            {
                return false;
            }
            // the value first: a process that dies between the stores loses one permit, never adds one
            buffer.putLong(SEMAPHORE_VALUE_OFFSET, value - 1);
            final int slot = findSlot(Holders.PID, Holders.START_MS, true);
            if (slot >= 0)
            {
                final int offset = slotOffset(slot);
                buffer.putLong(offset + SLOT_PERMITS_OFFSET, buffer.getLong(offset + SLOT_PERMITS_OFFSET) + 1);
            }
            return true;
        }
        finally
        {
            guard.exit();
        }
    }

    private int findSlot(final long pid, final long startMs, final boolean claim)
    {
        int free = -1;
        for (int slot = 0; slot < SEMAPHORE_SLOTS; slot++)
        {
            final int offset = slotOffset(slot);
            final long slotPid = buffer.getLong(offset + SLOT_PID_OFFSET);
            if (slotPid == pid && buffer.getLong(offset + SLOT_START_OFFSET) == startMs)
            {
                return slot;
            }
            if (slotPid == 0 && free < 0)
            {
                free = slot;
            }
        }
        if (!claim || free < 0)
        {
            return -1;
        }
        final int offset = slotOffset(free);
        buffer.putLong(offset + SLOT_PERMITS_OFFSET, 0);
        buffer.putLong(offset + SLOT_START_OFFSET, startMs);
        buffer.putLong(offset + SLOT_PID_OFFSET, pid);
        return free;
    }

    private static int slotOffset(final int slot)
    {
        return SEMAPHORE_SLOTS_OFFSET + slot * SEMAPHORE_SLOT_LENGTH;
    }
}
