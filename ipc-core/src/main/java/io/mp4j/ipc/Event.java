package io.mp4j.ipc;

import java.time.Duration;

/**
 * A flag shared by name that processes wait on: Python's {@code multiprocessing.Event}. The local engine's
 * {@link io.mp4j.ipc.sync.SharedEvent} is one; a cluster backend supplies another (on Ignite, a count-down latch per
 * generation). Code written against this interface runs on either.
 *
 * <p>Threading: any thread of any process. Ordering: {@link #set()} happens-before the return of every wait it
 * ends.
 */
public interface Event
{
    /**
     * Sets the flag and wakes every waiter.
     */
    void set();

    /**
     * Clears the flag: later waits wait for the next {@link #set()}.
     */
    void clear();

    /**
     * @return true if the flag is set now.
     */
    boolean isSet();

    /**
     * Waits until the flag is set, as long as it takes.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    void await() throws InterruptedException;

    /**
     * Waits until the flag is set, at most {@code timeout}.
     *
     * @param timeout the longest wait.
     * @return true if the flag was set, false if the time ran out.
     * @throws InterruptedException if interrupted while waiting.
     */
    boolean await(Duration timeout) throws InterruptedException;
}
