package io.mp4j.ipc;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

/**
 * A cyclic barrier shared by name: {@code parties} threads of any processes wait until all have arrived, then go on
 * together, and the barrier serves the next round. Python's {@code multiprocessing.Barrier}. The local engine's
 * {@link io.mp4j.ipc.sync.SharedBarrier} is one; a cluster backend supplies another (on Ignite, a ticket counter and a
 * count-down latch per round). Code written against this interface runs on either.
 *
 * <p>Threading: any thread of any process. Ordering: everything a party did before arriving happens-before every
 * party's return from the same round.
 */
public interface Barrier
{
    /**
     * @return how many parties each round waits for.
     */
    int parties();

    /**
     * Arrives and waits for the round's other parties, as long as it takes.
     *
     * @return this party's arrival index ({@code parties - 1} for the first to arrive, 0 for the last, as
     * {@code CyclicBarrier}).
     * @throws InterruptedException   if interrupted while waiting.
     * @throws BrokenBarrierException if the barrier is or becomes broken.
     */
    int await() throws InterruptedException, BrokenBarrierException;

    /**
     * Arrives and waits for the round's other parties, at most {@code timeout}.
     *
     * @param timeout the longest wait.
     * @return this party's arrival index ({@code parties - 1} for the first to arrive, 0 for the last).
     * @throws InterruptedException   if interrupted while waiting.
     * @throws BrokenBarrierException if the barrier is or becomes broken.
     * @throws TimeoutException       if the time ran out.
     */
    int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException;
}
