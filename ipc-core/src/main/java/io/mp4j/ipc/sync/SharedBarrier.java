package io.mp4j.ipc.sync;

import io.mp4j.ipc.Barrier;
import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionKind;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

import static io.mp4j.ipc.layout.SyncDescriptor.BARRIER_BROKEN_BITS_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.BARRIER_COUNT_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.BARRIER_GENERATION_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.BARRIER_PARTIES_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.BARRIER_SLOTS_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.BARRIER_SLOT_LENGTH;
import static io.mp4j.ipc.layout.SyncDescriptor.GUARD_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.SLOT_PID_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.SLOT_START_OFFSET;

/**
 * A barrier across JVMs, Python's {@code multiprocessing.Barrier} (and {@code CyclicBarrier}): {@link #await}
 * returns once {@link #parties()} parties have arrived, each with its own arrival index, and the barrier starts its
 * next generation. The last party to arrive first runs the action this handle was given, if any; if the action
 * throws, the barrier breaks. A barrier breaks, and every party waiting gets a {@link BrokenBarrierException}, when
 * a party's process dies after arriving (checked every 50 ms while waiting, and by the last party before it
 * trips the barrier: a dead party cannot pass, so the others learn it instead of going on without it), a wait times
 * out,
 * or {@link #abort()} is called; it stays broken until {@link #reset()}.
 *
 * <p>Each arrival records the party's pid and start time in a slot of its generation, so waiters can check the
 * others. Generations count up; bit {@code g & 63} of the broken bits says generation g broke, so a waiter learns the
 * fate of its generation even if the barrier has moved on since (up to 63 generations later).
 *
 * <p>Threading: any thread of any process. Ordering: changes happen inside the region's guard; the generation is
 * raised with a release store, which waiters read with acquire loads, so what a party wrote before {@code await} is
 * visible to every party after it.
 */
public final class SharedBarrier extends SharedObject implements Barrier
{
    private final Guard guard;
    private volatile Runnable action;

    /**
     * @param region a region of kind BARRIER.
     */
    public SharedBarrier(final Region region)
    {
        super(region);
        if (region.kind() != RegionKind.BARRIER)
        {
            throw new IllegalArgumentException("not a barrier region: " + region);
        }
        this.guard = new Guard(buffer, GUARD_OFFSET);
    }

    /**
     * @param action run by the last party to arrive, if that party arrives through this handle; null for none.
     * @return this.
     */
    public SharedBarrier withAction(final Runnable action)
    {
        this.action = action;
        return this;
    }

    /**
     * @return the number of parties.
     */
    public int parties()
    {
        return (int)buffer.getLongVolatile(BARRIER_PARTIES_OFFSET);
    }

    /**
     * @return parties waiting in the current generation (Python's {@code n_waiting}).
     */
    public int waiting()
    {
        return (int)buffer.getLongVolatile(BARRIER_COUNT_OFFSET);
    }

    /**
     * @return whether the current generation is broken.
     */
    public boolean isBroken()
    {
        return broken(buffer.getLongVolatile(BARRIER_GENERATION_OFFSET));
    }

    /**
     * Waits for the other parties as long as it takes.
     *
     * @return this party's arrival index, 0 to parties - 1 ({@code parties - 1} for the first to arrive, 0 for the
     * last, as {@code CyclicBarrier}).
     * @throws InterruptedException   if interrupted while waiting (the barrier breaks).
     * @throws BrokenBarrierException if the barrier is or becomes broken.
     */
    public int await() throws InterruptedException, BrokenBarrierException
    {
        try
        {
            return await(null);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Waits for the other parties at most {@code timeout}; a timeout breaks the barrier (as Python's does).
     *
     * @param timeout the longest wait, or null for no limit.
     * @return this party's arrival index ({@code parties - 1} for the first to arrive, 0 for the last).
     * @throws InterruptedException   if interrupted while waiting (the barrier breaks).
     * @throws BrokenBarrierException if the barrier is or becomes broken.
     * @throws TimeoutException       if the timeout passed (the barrier is now broken).
     */
    public int await(final Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        final long generation;
        final int index;
        guard.enter();
        try
        {
            generation = buffer.getLong(BARRIER_GENERATION_OFFSET);
            if (broken(generation))
            {
                throw new BrokenBarrierException();
            }
            final int parties = (int)buffer.getLong(BARRIER_PARTIES_OFFSET);
            final int arrived = (int)buffer.getLong(BARRIER_COUNT_OFFSET);
            final int slot = slotOffset(arrived);
            buffer.putLong(slot + SLOT_PID_OFFSET, Holders.PID);
            buffer.putLong(slot + SLOT_START_OFFSET, Holders.START_MS);
            buffer.putLong(BARRIER_COUNT_OFFSET, arrived + 1);
            index = parties - 1 - arrived;
            if (arrived + 1 == parties)
            {
                if (deadParty(generation))
                {
                    setBroken(generation);
                    throw new BrokenBarrierException("barrier " + name() + ": a party died while waiting");
                }
                return trip(generation);
            }
        }
        finally
        {
            guard.exit();
        }
        final Wait wait = Wait.of(timeout);
        try
        {
            while (true)
            {
                if (buffer.getLongVolatile(BARRIER_GENERATION_OFFSET) != generation)
                {
                    if (broken(generation))
                    {
                        throw new BrokenBarrierException();
                    }
                    return index;
                }
                if (broken(generation))
                {
                    throw new BrokenBarrierException();
                }
                if (wait.livenessDue() && deadParty(generation))
                {
                    breakGeneration(generation);
                    throw new BrokenBarrierException();
                }
                if (!wait.idle())
                {
                    breakGeneration(generation);
                    throw new TimeoutException("barrier " + name() + ": " + timeout + " passed with " + waiting() +
                        " of " + parties() + " parties arrived; the barrier is broken");
                }
            }
        }
        catch (final InterruptedException ex)
        {
            breakGeneration(generation);
            throw ex;
        }
    }

    /**
     * Breaks the barrier: waiting parties, and later arrivals until {@link #reset()}, get
     * {@link BrokenBarrierException}.
     */
    public void abort()
    {
        breakGeneration(buffer.getLongVolatile(BARRIER_GENERATION_OFFSET));
    }

    /**
     * Returns the barrier to its empty state; parties waiting get {@link BrokenBarrierException}.
     */
    public void reset()
    {
        guard.enter();
        try
        {
            final long generation = buffer.getLong(BARRIER_GENERATION_OFFSET);
            if (buffer.getLong(BARRIER_COUNT_OFFSET) > 0)
            {
                setBroken(generation);
            }
            startGeneration(generation + 1);
        }
        finally
        {
            guard.exit();
        }
    }

    /**
     * Inside the guard: the last party arrived.
     */
    private int trip(final long generation) throws BrokenBarrierException
    {
        final Runnable a = action;
        if (a != null)
        {
            try
            {
                a.run();
            }
            catch (final RuntimeException | Error ex)
            {
                setBroken(generation);
                final BrokenBarrierException broken = new BrokenBarrierException("barrier " + name() +
                    ": the action threw " + ex);
                broken.initCause(ex);
                throw broken;
            }
        }
        startGeneration(generation + 1);
        return 0;
    }

    private void startGeneration(final long generation)
    {
        buffer.putLong(BARRIER_COUNT_OFFSET, 0);
        final long bits = buffer.getLong(BARRIER_BROKEN_BITS_OFFSET);
        buffer.putLong(BARRIER_BROKEN_BITS_OFFSET, bits & ~(1L << (generation & 63)));
        // release: the new generation is seen after its cleared state
        buffer.putLongRelease(BARRIER_GENERATION_OFFSET, generation);
    }

    private void breakGeneration(final long generation)
    {
        guard.enter();
        try
        {
            if (buffer.getLong(BARRIER_GENERATION_OFFSET) == generation)
            {
                setBroken(generation);
            }
        }
        finally
        {
            guard.exit();
        }
    }

    private void setBroken(final long generation)
    {
        final long bits = buffer.getLong(BARRIER_BROKEN_BITS_OFFSET);
        buffer.putLongRelease(BARRIER_BROKEN_BITS_OFFSET, bits | (1L << (generation & 63)));
    }

    private boolean broken(final long generation)
    {
        return (buffer.getLongVolatile(BARRIER_BROKEN_BITS_OFFSET) & (1L << (generation & 63))) != 0;
    }

    private boolean deadParty(final long generation)
    {
        final int arrived = (int)buffer.getLongVolatile(BARRIER_COUNT_OFFSET);
        for (int i = 0; i < arrived; i++)
        {
            final int slot = slotOffset(i);
            if (buffer.getLongVolatile(BARRIER_GENERATION_OFFSET) != generation)
            {
                return false;
            }
            if (!Holders.isAlive(buffer.getLongVolatile(slot + SLOT_PID_OFFSET),
                buffer.getLongVolatile(slot + SLOT_START_OFFSET)))
            {
                return true;
            }
        }
        return false;
    }

    private static int slotOffset(final int index)
    {
        return BARRIER_SLOTS_OFFSET + index * BARRIER_SLOT_LENGTH;
    }
}
