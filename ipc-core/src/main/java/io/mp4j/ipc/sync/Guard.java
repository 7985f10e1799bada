package io.mp4j.ipc.sync;

import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.locks.LockSupport;

/**
 * A short-held mutex over one word of a region, for objects whose state spans several words (semaphore, barrier):
 * the word holds the pid of the process inside, 0 when free. Sections under it are a few stores long; a process
 * found dead holding it (checked every {@link Wait#LIVENESS_CHECK_INTERVAL_NS}) is taken over, and its section is
 * one whose writes are safe to see half done (each writer orders its stores so).
 *
 * <p>Threading: any thread of any process. Ordering: entry is a CAS (full fence), exit a release store of 0.
 */
final class Guard
{
    private final AtomicBuffer buffer;
    private final int offset;

    Guard(final AtomicBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
    }

    /**
     * Enters; never gives up (sections are short; a dead holder is taken over).
     */
    void enter()
    {
        if (buffer.compareAndSetLong(offset, 0, Holders.PID))
        {
            return;
        }
        long nextCheckNs = System.nanoTime() + Wait.LIVENESS_CHECK_INTERVAL_NS;
        int spins = 0;
        while (true)
        {
            final long holder = buffer.getLongVolatile(offset);
            if (holder == 0)
            {
                if (buffer.compareAndSetLong(offset, 0, Holders.PID))
                {
                    return;
                }
            }
            else if (System.nanoTime() - nextCheckNs >= 0)
            {
                nextCheckNs = System.nanoTime() + Wait.LIVENESS_CHECK_INTERVAL_NS;
                if (!Holders.isAlive(holder, 0) && buffer.compareAndSetLong(offset, holder, Holders.PID))
                {
                    return;
                }
            }
            if (++spins < 100)
            {
                Thread.onSpinWait();
            }
            else if (spins < 200)
            {
                Thread.yield();
            }
            else
            {
                LockSupport.parkNanos(10_000);
            }
        }
    }

    /**
     * Leaves.
     */
    void exit()
    {
        // release: the section's stores are visible before the guard is seen free
        buffer.putLongRelease(offset, 0);
    }
}
