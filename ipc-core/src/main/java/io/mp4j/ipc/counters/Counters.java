package io.mp4j.ipc.counters;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.layout.CountersDescriptor;
import io.mp4j.ipc.liveness.ProcessIdentity;
import io.mp4j.ipc.region.Region;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.mp4j.ipc.layout.CountersDescriptor.*;
import static org.agrona.concurrent.status.CountersReader.*;

/**
 * A registry of labelled counters shared by any number of JVMs, in Agrona's counters layout: any process can
 * allocate and free counters, and any process can read every counter with its label (the base of
 * {@code mp4j stat}). Made by {@link io.mp4j.ipc.Space#counters()}.
 *
 * <p>Agrona's {@code CountersManager} keeps its allocation state on one process's heap, so two JVMs allocating
 * through it would hand out the same ids. Here allocation is a compare-and-set on each record's state word: a
 * process claims a record by setting the state to {@link CountersDescriptor#claimingState(long)} (its pid), fills
 * in type, key, label and value, then publishes it with a release store of {@link CountersReader#RECORD_ALLOCATED}.
 * Records are claimed in id order and never return to unused, so the allocated records stay a prefix, as Agrona's
 * reader expects. A claim left by a process that died is reclaimed by the next allocation that finds it.
 *
 * <p>Threading: every method is safe from any thread of any process. Ordering: allocation publishes a record's
 * fields with a release store of its state; {@link #reader()} reads states with volatile loads.
 */
public final class Counters extends SharedObject
{
    /** Type id of counters allocated without one. */
    public static final int DEFAULT_TYPE_ID = CountersReader.DEFAULT_TYPE_ID;

    /** How long a freed id waits before reuse, so that a reader holding it does not see another counter. */
    public static final long FREE_TO_REUSE_TIMEOUT_MS = 1_000;

    private static final byte[] NO_BYTES = new byte[0];

    private final int maxCounters;
    private final AtomicBuffer metaData;
    private final AtomicBuffer values;
    private final CountersReader reader;

    /**
     * @param region a mapped {@link io.mp4j.ipc.region.RegionKind#COUNTERS} region.
     */
    public Counters(final Region region)
    {
        super(region);
        maxCounters = CountersDescriptor.maxCounters(region.bodyLength());
        metaData = new UnsafeBuffer(buffer, 0, valuesOffset(maxCounters));
        values = new UnsafeBuffer(buffer, valuesOffset(maxCounters), maxCounters * COUNTER_LENGTH);
        reader = new CountersReader(metaData, values, StandardCharsets.UTF_8);
    }

    /**
     * Unmaps the registry in this process; its counters and reader then throw {@link IndexOutOfBoundsException}.
     * Idempotent.
     */
    @Override
    public void close()
    {
        detachViews();
        super.close();
    }

    /**
     * Unmaps the registry and deletes its file; its counters and reader then throw
     * {@link IndexOutOfBoundsException}. Idempotent.
     */
    @Override
    public void unlink()
    {
        detachViews();
        super.unlink();
    }

    private void detachViews()
    {
        // The views were wrapped over the mapping's address: re-point them before it is unmapped, or a late use
        // of a counter or of the reader would touch unmapped memory and crash the JVM.
        metaData.wrap(NO_BYTES);
        values.wrap(NO_BYTES);
    }

    /**
     * @return how many counters the registry holds at most.
     */
    public int maxCounters()
    {
        return maxCounters;
    }

    /**
     * @return Agrona's reader over the registry, for tools that already speak it.
     */
    public CountersReader reader()
    {
        return reader;
    }

    /**
     * @param label the counter's label, up to {@link CountersReader#MAX_LABEL_LENGTH} bytes of UTF-8 (longer is
     *              cut).
     * @return a new counter with value 0 and type {@link #DEFAULT_TYPE_ID}.
     */
    public Counter allocate(final String label)
    {
        return allocate(label, DEFAULT_TYPE_ID);
    }

    /**
     * Allocates a counter owned by this process, with value 0.
     *
     * @param label  the counter's label, up to {@link CountersReader#MAX_LABEL_LENGTH} bytes of UTF-8.
     * @param typeId a type id of the caller's choosing, for readers that filter by type.
     * @return the new counter.
     * @throws Mp4jException if every record is in use.
     */
    public Counter allocate(final String label, final int typeId)
    {
        final ProcessIdentity self = ProcessIdentity.current();
        if (self.pid() > MAX_CLAIMING_PID)
        {
            throw new Mp4jException("pid " + self.pid() + " does not fit a counters claim word");
        }
        final int claiming = claimingState(self.pid());
        final long nowMs = System.currentTimeMillis();
        for (int id = 0; id < maxCounters; id++)
        {
            final int offset = metaDataOffset(id);
            final int state = metaData.getIntVolatile(offset);
            final boolean free = state == RECORD_UNUSED ||
                (state == RECORD_RECLAIMED && metaData.getLongVolatile(offset + FREE_FOR_REUSE_DEADLINE_OFFSET) <= nowMs);
            if (free && metaData.compareAndSetInt(offset, state, claiming))
            {
                fill(id, label, typeId, self);
                return new Counter(this, values, id);
            }
            if (isClaiming(state) && !new ProcessIdentity(claimingPid(state), ProcessIdentity.UNKNOWN_START).isAlive())
            {
                // A claimer died half way: release the record for reuse now, and look at it again.
                metaData.putLongVolatile(offset + FREE_FOR_REUSE_DEADLINE_OFFSET, 0);
                metaData.compareAndSetInt(offset, state, RECORD_RECLAIMED);
                id--;
            }
        }
        throw new Mp4jException("counters registry full: maxCounters=" + maxCounters + " registry=" + file());
    }

    private void fill(final int id, final String label, final int typeId, final ProcessIdentity owner)
    {
        final int offset = metaDataOffset(id);
        metaData.putInt(offset + TYPE_ID_OFFSET, typeId);
        metaData.putLong(offset + FREE_FOR_REUSE_DEADLINE_OFFSET, NOT_FREE_TO_REUSE);
        metaData.setMemory(offset + KEY_OFFSET, MAX_KEY_LENGTH, (byte)0);
        metaData.putLong(offset + KEY_OFFSET + KEY_OWNER_PID_OFFSET, owner.pid());
        metaData.putLong(offset + KEY_OFFSET + KEY_OWNER_START_TIME_OFFSET, owner.startTimeMs());
        final byte[] bytes = labelBytes(label);
        metaData.putBytes(offset + LABEL_OFFSET + Integer.BYTES, bytes);
        metaData.putInt(offset + LABEL_OFFSET, bytes.length);

        final int valueOffset = counterOffset(id);
        values.putLong(valueOffset + REGISTRATION_ID_OFFSET, DEFAULT_REGISTRATION_ID);
        values.putLong(valueOffset + OWNER_ID_OFFSET, owner.pid());
        values.putLong(valueOffset + REFERENCE_ID_OFFSET, DEFAULT_REFERENCE_ID);
        values.putLongVolatile(valueOffset, 0);
        // release: type, key, label and value are visible before the record reads as allocated.
        metaData.putIntRelease(offset, RECORD_ALLOCATED);
    }

    private static byte[] labelBytes(final String label)
    {
        final byte[] bytes = label.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_LABEL_LENGTH)
        {
            return bytes;
        }
        int end = MAX_LABEL_LENGTH;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80)
        {
            end--; // do not cut a UTF-8 sequence in two
        }
        return java.util.Arrays.copyOf(bytes, end);
    }

    /**
     * Frees a counter: readers stop listing it, and its id may be reused after {@link #FREE_TO_REUSE_TIMEOUT_MS}.
     * Freeing a counter that is not allocated does nothing.
     *
     * @param id the counter's id.
     * @return true if this call freed it.
     */
    public boolean free(final int id)
    {
        final int offset = metaDataOffset(checkId(id));
        if (metaData.getIntVolatile(offset) != RECORD_ALLOCATED)
        {
            return false;
        }
        metaData.putLongVolatile(offset + FREE_FOR_REUSE_DEADLINE_OFFSET,
            System.currentTimeMillis() + FREE_TO_REUSE_TIMEOUT_MS);
        return metaData.compareAndSetInt(offset, RECORD_ALLOCATED, RECORD_RECLAIMED);
    }

    /**
     * Finds an allocated counter by label, to update it from a process other than its owner. Closing the counter
     * returned frees it for every process.
     *
     * @param label the label.
     * @return the first allocated counter with that label, or null.
     */
    public Counter find(final String label)
    {
        final int[] found = {NULL_COUNTER_ID};
        reader.forEach((counterId, l) ->
        {
            if (found[0] == NULL_COUNTER_ID && l.equals(label))
            {
                found[0] = counterId;
            }
        });
        return found[0] == NULL_COUNTER_ID ? null : new Counter(this, values, found[0]);
    }

    /**
     * @return every allocated counter with its label, value and owner, read now.
     */
    public List<CounterSnapshot> snapshot()
    {
        final List<CounterSnapshot> list = new ArrayList<>();
        reader.forEach((value, id, label) -> list.add(new CounterSnapshot(
            id, reader.getCounterTypeId(id), label, value, owner(id), owner(id).isAlive())));
        return list;
    }

    /**
     * Frees every counter whose owning process has died, as {@code mp4j clean} does.
     *
     * @return how many were freed.
     */
    public int freeDeadOwners()
    {
        final List<Integer> dead = new ArrayList<>();
        reader.forEach((counterId, label) ->
        {
            if (!owner(counterId).isAlive())
            {
                dead.add(counterId);
            }
        });
        int freed = 0;
        for (final int id : dead)
        {
            freed += free(id) ? 1 : 0;
        }
        return freed;
    }

    /**
     * @param id a counter id.
     * @return the process that allocated it.
     */
    public ProcessIdentity owner(final int id)
    {
        final int offset = metaDataOffset(checkId(id)) + KEY_OFFSET;
        return new ProcessIdentity(
            metaData.getLong(offset + KEY_OWNER_PID_OFFSET), metaData.getLong(offset + KEY_OWNER_START_TIME_OFFSET));
    }

    private int checkId(final int id)
    {
        if (id < 0 || id >= maxCounters)
        {
            throw new IllegalArgumentException("counter id out of range: id=" + id + " maxCounters=" + maxCounters);
        }
        return id;
    }
}
