package io.mp4j.ipc.queue;

import io.mp4j.ipc.liveness.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;

import static io.mp4j.ipc.layout.QueueDescriptor.*;

/**
 * The lock-free protocol of a shared queue over its region body: a bounded ring of fixed-size slots that any
 * number of producer and consumer threads of any number of processes use at once. This is the raw, zero-copy
 * API; {@link SharedQueue} adds objects, blocking and timeouts on top.
 *
 * <p>Each slot has one 64-bit word holding a lap, a state and a pid. Every transition is a compare-and-set on
 * that word, so a slot's owner is recorded atomically with its claim and is never unknown:
 * <pre>
 *   producer:  FREE(lap) --claim--&gt; CLAIMED(lap, pid) --commit--&gt; COMMITTED(lap, pid)
 *   consumer:  COMMITTED(lap, pid) --take--&gt; READING(lap, pid') --release--&gt; FREE(lap + 1)
 *   recovery:  CLAIMED(lap, pid) --revoke--&gt; ABORTED(lap, pid)      (pid dead, or stalled past the timeout)
 *              ABORTED/READING(lap, pid) --carry--&gt; same(lap + 1, pid)  (pid alive: its slot stays pinned)
 *              ABORTED/READING(lap, pid) --recycle--&gt; FREE(lap + 1)     (pid dead, or it acknowledged)
 * </pre>
 * The tail and head cursors only say where to look next: whoever sees a slot already claimed (or taken) for
 * the cursor's lap helps move the cursor on. A consumer that finds the slot at the head claimed by a dead
 * producer, or by one stalled longer than the liveness timeout, revokes the claim and moves on; the half-written
 * message is never read. A revoked slot stays pinned to its producer, carried from lap to lap, until that producer
 * is dead or acknowledges (its commit fails), so a stopped process that resumes never writes over a reused slot.
 *
 * <p>Threading: every method may be called from any thread of any process; a claim must be committed or aborted
 * by the thread that made it. Ordering: commit is a compare-and-set (a full fence) after the message bytes, so a
 * consumer that takes a committed slot with its own compare-and-set sees them; release is a compare-and-set
 * after the consumer's last read of the bytes.
 */
public final class QueueRing
{
    /** {@link #tryClaim(int)}: every slot is in use. */
    public static final long FULL = -1;
    /** {@link #tryClaim(int)}: the queue is shut down. */
    public static final long CLOSED = -2;

    private static final long LIVENESS_CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicBuffer buffer;
    private final int mask;
    private final int shift;
    private final int stride;
    private final int maxMessageLength;
    private final long livenessTimeoutNs;
    private final long pid;

    // Stall tracking of the slot at the head (consumers) and at the tail (producers); racy between threads of one
    // process, which at worst delays a revocation.
    private final StallClock headStall = new StallClock();
    private final StallClock tailStall = new StallClock();
    private long lastLivenessCheckNs;

    /**
     * @param buffer a queue region's body, its control block initialised.
     */
    public QueueRing(final AtomicBuffer buffer)
    {
        this.buffer = buffer;
        final int slots = buffer.getInt(SLOTS_OFFSET);
        this.mask = slots - 1;
        this.shift = Integer.numberOfTrailingZeros(slots);
        this.maxMessageLength = buffer.getInt(MAX_MESSAGE_LENGTH_OFFSET);
        this.stride = slotStride(maxMessageLength);
        this.livenessTimeoutNs = buffer.getLong(LIVENESS_TIMEOUT_NS_OFFSET);
        this.pid = ProcessIdentity.current().pid();
        if (pid > MAX_PID)
        {
            throw new IllegalStateException("pid " + pid + " exceeds the slot word's " + PID_BITS + " bits");
        }
    }

    /** @return the number of slots. */
    public int slots()
    {
        return mask + 1;
    }

    /** @return the largest message in bytes. */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /** @return the buffer claims are written into and messages read from. */
    public AtomicBuffer buffer()
    {
        return buffer;
    }

    /**
     * Claims a slot for a message of {@code length} bytes, to be written at {@link #payloadOffset(long)} and then
     * committed or aborted.
     *
     * @param length the message length.
     * @return a claim (a position, never negative), or {@link #FULL} or {@link #CLOSED}.
     * @throws IllegalArgumentException if length exceeds {@link #maxMessageLength()}.
     */
    public long tryClaim(final int length)
    {
        if (length < 0 || length > maxMessageLength)
        {
            throw new IllegalArgumentException(
                "message length out of range: length=" + length + " maxMessageLength=" + maxMessageLength);
        }
        if (isShutdown())
        {
            return CLOSED;
        }
        while (true)
        {
            final long t = buffer.getLongVolatile(TAIL_OFFSET);
            final int slot = slotOffset(t);
            final long lap = lapOf(t);
            final long w = buffer.getLongVolatile(slot);
            final long wordLap = lap(w);
            if (wordLap == lap)
            {
                if (state(w) == FREE)
                {
                    if (buffer.compareAndSetLong(slot, w, word(lap, CLAIMED, pid)))
                    {
                        buffer.compareAndSetLong(TAIL_OFFSET, t, t + 1);
                        if (isShutdown())
                        {
                            // Shut down while claiming: a consumer may already have reported the queue drained.
                            abort(t);
                            return CLOSED;
                        }
                        buffer.putInt(slot + SLOT_LENGTH_OFFSET, length);
                        return t;
                    }
                }
                else
                {
                    buffer.compareAndSetLong(TAIL_OFFSET, t, t + 1); // claimed by another: help the tail on
                }
            }
            else if (wordLap == ((lap + 1) & LAP_MASK))
            {
                buffer.compareAndSetLong(TAIL_OFFSET, t, t + 1);
            }
            else if (!reclaimPrevious(t, slot, lap, w))
            {
                if (buffer.getLongVolatile(TAIL_OFFSET) == t)
                {
                    return FULL;
                }
            }
        }
    }

    /**
     * The slot at the tail still holds the previous lap's message. A taken slot whose reader died, or a revoked
     * one whose producer died, is recycled; a pinned one (revoked, or read for longer than the liveness timeout,
     * by a live process) is carried to this lap and skipped.
     *
     * @return true if the slot changed and the claim should be tried again.
     */
    private boolean reclaimPrevious(final long t, final int slot, final long lap, final long w)
    {
        final int state = state(w);
        if (state != READING && state != ABORTED)
        {
            return false; // committed or being written: the queue is full
        }
        final long owner = pid(w);
        final boolean dead = state == ABORTED ? !isAlive(owner) : !isAliveChecked(owner);
        if (dead)
        {
            return buffer.compareAndSetLong(slot, w, word(lap, FREE, 0));
        }
        if (state == READING && !tailStall.stalled(t, livenessTimeoutNs))
        {
            return false;
        }
        if (buffer.compareAndSetLong(slot, w, word(lap, state, owner)))
        {
            buffer.compareAndSetLong(TAIL_OFFSET, t, t + 1);
        }
        return true;
    }

    /**
     * @param claim a claim from {@link #tryClaim(int)}.
     * @return the offset in {@link #buffer()} where the message bytes go.
     */
    public int payloadOffset(final long claim)
    {
        return slotOffset(claim) + SLOT_PAYLOAD_OFFSET;
    }

    /**
     * Publishes a claimed message.
     *
     * @param claim a claim from {@link #tryClaim(int)}, by this thread.
     * @return true if published; false if a consumer revoked the claim first (this thread stalled past the
     *         liveness timeout): the message was not delivered, and may be put again.
     */
    public boolean commit(final long claim)
    {
        final int slot = slotOffset(claim);
        final long lap = lapOf(claim);
        // full fence: the message bytes are visible before the slot reads as committed.
        if (buffer.compareAndSetLong(slot, word(lap, CLAIMED, pid), word(lap, COMMITTED, pid)))
        {
            return true;
        }
        acknowledgeRevoked(slot);
        return false;
    }

    /**
     * Gives a claimed slot up unpublished.
     *
     * @param claim a claim from {@link #tryClaim(int)}, by this thread.
     */
    public void abort(final long claim)
    {
        final int slot = slotOffset(claim);
        final long lap = lapOf(claim);
        if (!buffer.compareAndSetLong(slot, word(lap, CLAIMED, pid), word(lap + 1, FREE, 0)))
        {
            acknowledgeRevoked(slot);
        }
    }

    private void acknowledgeRevoked(final int slot)
    {
        while (true)
        {
            final long w = buffer.getLongVolatile(slot);
            if (state(w) != ABORTED || pid(w) != pid ||
                buffer.compareAndSetLong(slot, w, word(lap(w) + 1, FREE, 0)))
            {
                return;
            }
        }
    }

    /**
     * Reads up to {@code limit} messages, each in place.
     *
     * @param handler receives each message; its bytes are valid only during the call.
     * @param limit   the most messages to read.
     * @return how many were read; 0 if none was ready.
     */
    public int read(final MessageHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit && readOne(handler))
        {
            count++;
        }
        return count;
    }

    private boolean readOne(final MessageHandler handler)
    {
        while (true)
        {
            final long h = buffer.getLongVolatile(HEAD_OFFSET);
            final int slot = slotOffset(h);
            final long lap = lapOf(h);
            final long w = buffer.getLongVolatile(slot);
            final long wordLap = lap(w);
            if (wordLap == ((lap + 1) & LAP_MASK))
            {
                buffer.compareAndSetLong(HEAD_OFFSET, h, h + 1); // done for this lap already
                continue;
            }
            if (wordLap != lap)
            {
                return false; // not yet claimed for this lap
            }
            switch (state(w))
            {
                case FREE:
                    return false;
                case CLAIMED:
                    if (headStall.stalled(h, livenessTimeoutNs) || !isAliveChecked(pid(w)))
                    {
                        buffer.compareAndSetLong(slot, w, word(lap, ABORTED, pid(w)));
                        continue;
                    }
                    return false;
                case COMMITTED:
                    if (buffer.compareAndSetLong(slot, w, word(lap, READING, pid)))
                    {
                        buffer.compareAndSetLong(HEAD_OFFSET, h, h + 1);
                        try
                        {
                            handler.onMessage(buffer, slot + SLOT_PAYLOAD_OFFSET,
                                buffer.getInt(slot + SLOT_LENGTH_OFFSET));
                        }
                        finally
                        {
                            release(slot);
                        }
                        return true;
                    }
                    continue;
                case ABORTED:
                    if (!isAlive(pid(w)))
                    {
                        buffer.compareAndSetLong(slot, w, word(lap + 1, FREE, 0));
                    }
                    buffer.compareAndSetLong(HEAD_OFFSET, h, h + 1);
                    continue;
                default: // READING: another consumer has it
                    buffer.compareAndSetLong(HEAD_OFFSET, h, h + 1);
            }
        }
    }

    private void release(final int slot)
    {
        while (true)
        {
            final long w = buffer.getLongVolatile(slot);
            // The slot may have been carried to later laps while this thread read it.
            if (state(w) != READING || pid(w) != pid ||
                buffer.compareAndSetLong(slot, w, word(lap(w) + 1, FREE, 0)))
            {
                return;
            }
        }
    }

    /**
     * @return the number of messages claimed and not yet taken, approximately.
     */
    public int size()
    {
        final long head = buffer.getLongVolatile(HEAD_OFFSET);
        final long tail = buffer.getLongVolatile(TAIL_OFFSET);
        return (int)Math.max(0, Math.min(tail - head, mask + 1));
    }

    /**
     * @return true if no message is waiting, approximately.
     */
    public boolean isEmpty()
    {
        return size() == 0;
    }

    /**
     * Shuts the queue down for every process: claims fail with {@link #CLOSED}; what was committed can still be
     * read. Ordering: volatile store, read by producers after they claim.
     */
    public void shutdown()
    {
        buffer.putIntVolatile(CLOSED_OFFSET, 1);
    }

    /** @return true once {@link #shutdown()} has been called in any process. */
    public boolean isShutdown()
    {
        return buffer.getIntVolatile(CLOSED_OFFSET) != 0;
    }

    /**
     * @return true if the queue is shut down and nothing is left to read or in flight.
     */
    public boolean isDrained()
    {
        return isShutdown() && buffer.getLongVolatile(HEAD_OFFSET) >= buffer.getLongVolatile(TAIL_OFFSET);
    }

    /**
     * @param delta added to the unfinished task count.
     * @return the count after.
     */
    long addUnfinished(final long delta)
    {
        return buffer.getAndAddLong(UNFINISHED_OFFSET, delta) + delta;
    }

    /** @return the unfinished task count. */
    long unfinished()
    {
        return buffer.getLongVolatile(UNFINISHED_OFFSET);
    }

    private boolean isAliveChecked(final long owner)
    {
        final long nowNs = System.nanoTime();
        if (nowNs - lastLivenessCheckNs < LIVENESS_CHECK_INTERVAL_NS)
        {
            return true;
        }
        lastLivenessCheckNs = nowNs;
        return isAlive(owner);
    }

    private static boolean isAlive(final long owner)
    {
        return new ProcessIdentity(owner, ProcessIdentity.UNKNOWN_START).isAlive();
    }

    private int slotOffset(final long position)
    {
        return SLOTS_START_OFFSET + (int)(position & mask) * stride;
    }

    private long lapOf(final long position)
    {
        return (position >>> shift) & LAP_MASK;
    }
}
