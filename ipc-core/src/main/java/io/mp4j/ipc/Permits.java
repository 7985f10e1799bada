package io.mp4j.ipc;

import java.time.Duration;

/**
 * A counting semaphore shared by name: Python's {@code multiprocessing.Semaphore}. The local engine's
 * {@link io.mp4j.ipc.sync.SharedSemaphore} is one; a cluster backend supplies another (on Ignite, an
 * {@code IgniteSemaphore}). Code written against this interface runs on either.
 *
 * <p>Threading: any thread of any process; a permit may be released by another thread or process than the one
 * that took it. Ordering: a release happens-before the acquisition that takes its permit.
 */
public interface Permits
{
    /**
     * Takes a permit, waiting as long as it takes.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    void acquire() throws InterruptedException;

    /**
     * Takes a permit if one is free now.
     *
     * @return true if taken.
     */
    boolean tryAcquire();

    /**
     * Takes a permit, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait.
     * @return true if taken.
     * @throws InterruptedException if interrupted while waiting.
     */
    boolean tryAcquire(Duration timeout) throws InterruptedException;

    /**
     * Gives a permit back.
     */
    void release();

    /**
     * @return the permits free now (a snapshot).
     */
    long availablePermits();
}
