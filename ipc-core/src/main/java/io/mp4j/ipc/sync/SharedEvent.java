package io.mp4j.ipc.sync;

import io.mp4j.ipc.Event;
import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionKind;

import java.time.Duration;

import static io.mp4j.ipc.layout.SyncDescriptor.EVENT_FLAG_OFFSET;
import static io.mp4j.ipc.layout.SyncDescriptor.EVENT_SETS_OFFSET;

/**
 * An event across JVMs, Python's {@code multiprocessing.Event}: a flag that {@link #set()} raises, {@link #clear()}
 * lowers and {@link #await(Duration)} waits for. A waiter also returns when the flag was set and cleared again while
 * it waited (it counts sets), so a quick set-and-clear wakes everyone waiting at the time. Nothing is held, so no
 * process's death can block another.
 *
 * <p>Threading: any thread of any process. Ordering: {@code set} counts the set (atomic add), then raises the flag
 * with a release store; waiters read both with acquire loads, so what the setter wrote before {@code set} is visible
 * to a waiter that returns true.
 */
public final class SharedEvent extends SharedObject implements Event
{
    /**
     * @param region a region of kind EVENT.
     */
    public SharedEvent(final Region region)
    {
        super(region);
        if (region.kind() != RegionKind.EVENT)
        {
            throw new IllegalArgumentException("not an event region: " + region);
        }
    }

    /**
     * Raises the flag and wakes every waiter.
     */
    public void set()
    {
        buffer.getAndAddLong(EVENT_SETS_OFFSET, 1);
        buffer.putLongRelease(EVENT_FLAG_OFFSET, 1);
    }

    /**
     * Lowers the flag.
     */
    public void clear()
    {
        buffer.putLongRelease(EVENT_FLAG_OFFSET, 0);
    }

    /**
     * @return whether the flag is up (Python's {@code is_set}).
     */
    public boolean isSet()
    {
        return buffer.getLongVolatile(EVENT_FLAG_OFFSET) != 0;
    }

    /**
     * Waits until the flag is up, or was raised while waiting.
     *
     * @param timeout the longest wait, or null for no limit.
     * @return true if the flag is up or was raised meanwhile; false on timeout.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean await(final Duration timeout) throws InterruptedException
    {
        final long sets = buffer.getLongVolatile(EVENT_SETS_OFFSET);
        if (isSet())
        {
            return true;
        }
        final Wait wait = Wait.of(timeout);
        while (true)
        {
            if (isSet() || buffer.getLongVolatile(EVENT_SETS_OFFSET) != sets)
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
     * Waits as long as it takes for the flag.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    public void await() throws InterruptedException
    {
        await(null);
    }
}
