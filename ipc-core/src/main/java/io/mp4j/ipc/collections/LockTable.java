package io.mp4j.ipc.collections;

import io.mp4j.ipc.IdleStrategies;
import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.layout.LockTableDescriptor;
import io.mp4j.ipc.layout.SyncDescriptor;
import io.mp4j.ipc.liveness.ProcessIdentity;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionKind;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.mp4j.ipc.layout.LockTableDescriptor.LOCKS_COUNT_OFFSET;
import static io.mp4j.ipc.layout.LockTableDescriptor.LOCK_OWNER_OFFSET;
import static io.mp4j.ipc.layout.LockTableDescriptor.LOCK_OWNER_START_OFFSET;
import static io.mp4j.ipc.layout.LockTableDescriptor.RECOVERIES_OFFSET;
import static io.mp4j.ipc.layout.LockTableDescriptor.WORDS_COUNT_OFFSET;

/**
 * A row of robust locks and a block of shared words in one region (kind LOCK_TABLE): the stripe locks of a
 * {@link SharedMap} or {@link SharedList}, or the lock and cursor of a durable queue's consumer group. Each lock works
 * as a {@code SharedLock} does: the owner word {@code pid << 42 | thread id} is set by a CAS from 0 and cleared by a
 * release store; a waiter checks every {@value #LIVENESS_CHECK_INTERVAL_MS} ms whether the owner's process (pid and
 * start time) still lives and, if not, takes the lock over and is told so ({@link #ACQUIRED_FROM_DEAD_OWNER}). A lock
 * is not reentrant: a thread that asks again for a lock it holds gets an {@link IllegalStateException}.
 *
 * <p>Threading: any thread of any process. Ordering: acquiring is a CAS (full fence) that pairs with the release
 * store of the previous owner's {@link #release}, so what the previous owner wrote is visible to the next; the words
 * name their ordering in each method.
 */
public final class LockTable extends SharedObject
{
    /** {@link #acquire} result: the lock is taken, its previous owner released it. */
    public static final int ACQUIRED = 0;
    /** {@link #acquire} result: the lock is taken from an owner whose process had died. */
    public static final int ACQUIRED_FROM_DEAD_OWNER = 1;
    /** {@link #acquire} result: the timeout passed first. */
    public static final int TIMED_OUT = -1;
    /** How often a waiter checks that the owner of the lock it waits for is alive. */
    public static final long LIVENESS_CHECK_INTERVAL_MS = 50;

    private static final long PID = ProcessIdentity.current().pid();
    private static final long START_MS = ProcessIdentity.current().startTimeMs();
    private static final long LIVENESS_CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(LIVENESS_CHECK_INTERVAL_MS);

    private final int locks;
    private final int words;

    private LockTable(final Region region)
    {
        super(region);
        this.locks = (int)buffer.getLong(LOCKS_COUNT_OFFSET);
        this.words = (int)buffer.getLong(WORDS_COUNT_OFFSET);
        if (locks < 1 || locks > LockTableDescriptor.MAX_LOCKS || words < 0 || words > LockTableDescriptor.MAX_WORDS ||
            LockTableDescriptor.bodyLength(locks, words) != region.bodyLength())
        {
            region.close();
            throw new io.mp4j.ipc.RegionFormatException(region.file(), "lock table shape", "locks=" + locks +
                " words=" + words + " do not match a body of " + region.bodyLength() + " bytes");
        }
    }

    /**
     * Creates the table if missing (locks free, words 0), else attaches to it.
     *
     * @param directory       the directory of the region (a space's, or a durable queue's).
     * @param name            the region name.
     * @param locks           how many locks, 1 to {@value LockTableDescriptor#MAX_LOCKS}.
     * @param words           how many shared words, 0 to {@value LockTableDescriptor#MAX_WORDS}.
     * @param attachTimeoutMs how long to wait for a creator still initialising it.
     * @return the table.
     * @throws Mp4jException if a table of that name exists with another shape.
     */
    public static LockTable open(
        final Path directory, final String name, final int locks, final int words, final long attachTimeoutMs)
    {
        if (locks < 1 || locks > LockTableDescriptor.MAX_LOCKS || words < 0 || words > LockTableDescriptor.MAX_WORDS)
        {
            throw new IllegalArgumentException("lock table shape out of range: locks=" + locks + " words=" + words);
        }
        final Region region = RegionFiles.createOrAttach(directory, name, RegionKind.LOCK_TABLE,
            LockTableDescriptor.totalLength(locks, words), body ->
            {
                body.putLong(LOCKS_COUNT_OFFSET, locks);
                body.putLong(WORDS_COUNT_OFFSET, words);
            }, attachTimeoutMs);
        final LockTable table = new LockTable(region);
        if (table.locks != locks || table.words != words)
        {
            table.close();
            throw new Mp4jException("lock table " + region.file() + " exists with locks=" + table.locks + " words=" +
                table.words + ", asked for locks=" + locks + " words=" + words);
        }
        return table;
    }

    /** @return how many locks the table has. */
    public int locks()
    {
        return locks;
    }

    /** @return how many shared words the table has. */
    public int words()
    {
        return words;
    }

    /**
     * Waits for a lock.
     *
     * <p>Threading: any thread. Ordering: CAS (full fence); pairs with the previous owner's release store.
     *
     * @param lock      the lock's index.
     * @param timeoutNs the longest wait; 0 to try once, negative for no limit.
     * @return {@link #ACQUIRED}, {@link #ACQUIRED_FROM_DEAD_OWNER} or {@link #TIMED_OUT}.
     * @throws InterruptedException  if interrupted while waiting.
     * @throws IllegalStateException if this thread holds the lock already.
     */
    public int acquire(final int lock, final long timeoutNs) throws InterruptedException
    {
        final int offset = lockOffset(lock);
        final long me = SyncDescriptor.ownerWord(PID, Thread.currentThread().getId());
        // The CAS first: a load before it would fetch the line shared, then the CAS fetch it again, exclusive.
        if (buffer.compareAndSetLong(offset + LOCK_OWNER_OFFSET, 0, me))
        {
            buffer.putLongRelease(offset + LOCK_OWNER_START_OFFSET, START_MS);
            return ACQUIRED;
        }
        if (buffer.getLongVolatile(offset + LOCK_OWNER_OFFSET) == me)
        {
            throw new IllegalStateException("lock " + lock + " of " + name() + " is already held by this thread");
        }
        final long startNs = System.nanoTime();
        long nextCheckNs = startNs + LIVENESS_CHECK_INTERVAL_NS;
        final IdleStrategy idle = IdleStrategies.backoff();
        while (true)
        {
            final long owner = buffer.getLongVolatile(offset + LOCK_OWNER_OFFSET);
            if (owner == 0)
            {
                if (buffer.compareAndSetLong(offset + LOCK_OWNER_OFFSET, 0, me))
                {
                    buffer.putLongRelease(offset + LOCK_OWNER_START_OFFSET, START_MS);
                    return ACQUIRED;
                }
            }
            else
            {
                final long nowNs = System.nanoTime();
                if (nowNs - nextCheckNs >= 0)
                {
                    nextCheckNs = nowNs + LIVENESS_CHECK_INTERVAL_NS;
                    if (!ownerAlive(offset, owner) && buffer.compareAndSetLong(offset + LOCK_OWNER_OFFSET, owner, me))
                    {
                        buffer.putLongRelease(offset + LOCK_OWNER_START_OFFSET, START_MS);
                        buffer.getAndAddLong(RECOVERIES_OFFSET, 1);
                        return ACQUIRED_FROM_DEAD_OWNER;
                    }
                }
            }
            if (Thread.interrupted())
            {
                throw new InterruptedException();
            }
            if (timeoutNs >= 0 && System.nanoTime() - startNs - timeoutNs >= 0)
            {
                return TIMED_OUT;
            }
            idle.idle();
        }
    }

    /**
     * Releases a lock this thread holds.
     *
     * <p>Threading: the owning thread. Ordering: release store of the owner word: everything the owner wrote is
     * visible to the next owner.
     *
     * @param lock the lock's index.
     * @throws IllegalMonitorStateException if this thread does not hold it.
     */
    public void release(final int lock)
    {
        final int offset = lockOffset(lock);
        if (buffer.getLongVolatile(offset + LOCK_OWNER_OFFSET) !=
            SyncDescriptor.ownerWord(PID, Thread.currentThread().getId()))
        {
            throw new IllegalMonitorStateException("lock " + lock + " of " + name() + " is not held by this thread");
        }
        buffer.putLong(offset + LOCK_OWNER_START_OFFSET, 0);
        // release: the owner's writes are visible before the lock is seen free
        buffer.putLongRelease(offset + LOCK_OWNER_OFFSET, 0);
    }

    /**
     * @param lock the lock's index.
     * @return true if this thread holds it (volatile load).
     */
    public boolean isHeldByCurrentThread(final int lock)
    {
        return buffer.getLongVolatile(lockOffset(lock) + LOCK_OWNER_OFFSET) ==
            SyncDescriptor.ownerWord(PID, Thread.currentThread().getId());
    }

    /**
     * @param lock the lock's index.
     * @return the pid of its owner, 0 when free (volatile load).
     */
    public long ownerPid(final int lock)
    {
        return SyncDescriptor.ownerPid(buffer.getLongVolatile(lockOffset(lock) + LOCK_OWNER_OFFSET));
    }

    /**
     * Checks the owners of every lock, without waiting for any.
     *
     * @return true if some lock is held by a process that has died.
     */
    public boolean anyOwnerDead()
    {
        for (int lock = 0; lock < locks; lock++)
        {
            final int offset = lockOffset(lock);
            final long owner = buffer.getLongVolatile(offset + LOCK_OWNER_OFFSET);
            if (owner != 0 && !ownerAlive(offset, owner))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return how many times a lock of the table was taken from a dead owner, since it was created (volatile load).
     */
    public long recoveries()
    {
        return buffer.getLongVolatile(RECOVERIES_OFFSET);
    }

    /**
     * @param word a word's index.
     * @return its value (volatile load).
     */
    public long getWordVolatile(final int word)
    {
        return buffer.getLongVolatile(wordOffset(word));
    }

    /**
     * @param word  a word's index.
     * @param value its new value (release store).
     */
    public void putWordRelease(final int word, final long value)
    {
        buffer.putLongRelease(wordOffset(word), value);
    }

    /**
     * @param word  a word's index.
     * @param value its new value (volatile store: a full fence after it).
     */
    public void putWordVolatile(final int word, final long value)
    {
        buffer.putLongVolatile(wordOffset(word), value);
    }

    /**
     * @param word  a word's index.
     * @param delta what to add (atomic).
     * @return the value before.
     */
    public long getAndAddWord(final int word, final long delta)
    {
        return buffer.getAndAddLong(wordOffset(word), delta);
    }

    /**
     * @param word     a word's index.
     * @param expected the value expected.
     * @param value    the new value (CAS).
     * @return true if it was set.
     */
    public boolean compareAndSetWord(final int word, final long expected, final long value)
    {
        return buffer.compareAndSetLong(wordOffset(word), expected, value);
    }

    private int lockOffset(final int lock)
    {
        if (lock < 0 || lock >= locks)
        {
            throw new IndexOutOfBoundsException("lock=" + lock + " locks=" + locks);
        }
        return LockTableDescriptor.lockOffset(words, lock);
    }

    private int wordOffset(final int word)
    {
        if (word < 0 || word >= words)
        {
            throw new IndexOutOfBoundsException("word=" + word + " words=" + words);
        }
        return LockTableDescriptor.wordOffset(word);
    }

    private boolean ownerAlive(final int offset, final long owner)
    {
        final long startMs = buffer.getLongVolatile(offset + LOCK_OWNER_START_OFFSET);
        if (buffer.getLongVolatile(offset + LOCK_OWNER_OFFSET) != owner)
        {
            return true; // moved on: look again next time
        }
        final long pid = SyncDescriptor.ownerPid(owner);
        return pid == PID || new ProcessIdentity(pid, startMs).isAlive();
    }
}
