package io.mp4j.cluster.ignite;

import io.mp4j.ipc.Barrier;
import io.mp4j.ipc.Mp4jException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicLong;
import org.apache.ignite.IgniteCountDownLatch;
import org.apache.ignite.IgniteInterruptedException;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Barrier} on Ignite: the parties ({@code NAME~parties}, an atomic long set by the creator), a ticket
 * counter ({@code NAME}, an atomic long) and a count-down latch of {@code parties} per round ({@code NAME~round}).
 * <ol>
 *   <li>An arriving party takes the next ticket {@code t}: its round is {@code t / parties}, and its arrival index
 *       {@code parties - 1 - t % parties}.</li>
 *   <li>It counts its round's latch down, and waits until the latch is at zero.</li>
 *   <li>The last party of round {@code r} removes the latch of round {@code r - 1}: every party of that round has
 *       left it, provided no more than {@code parties} threads use the barrier.</li>
 * </ol>
 * Unlike the local barrier, a timeout or an interrupt does not break it: the party that gave up still counts as
 * arrived, and its round completes when the others come.
 *
 * <p>Threading: thread-safe.
 */
final class IgniteBarrier implements Barrier
{
    private final Ignite ignite;
    private final String name;
    private final IgniteAtomicLong tickets;
    private final int parties;

    IgniteBarrier(final Ignite ignite, final String name, final int parties)
    {
        if (parties < 1)
        {
            throw new IllegalArgumentException("parties=" + parties);
        }
        this.ignite = ignite;
        this.name = name;
        final long created = ignite.atomicLong(name + "~parties", parties, true).get();
        if (created != parties)
        {
            throw new Mp4jException("barrier " + name + " exists with " + created + " parties, asked for " + parties);
        }
        this.parties = parties;
        this.tickets = ignite.atomicLong(name, 0, true);
    }

    @Override
    public int parties()
    {
        return parties;
    }

    @Override
    public int await() throws InterruptedException
    {
        return arrive(null);
    }

    @Override
    public int await(final Duration timeout) throws InterruptedException, TimeoutException
    {
        final int index = arrive(timeout);
        if (index < 0)
        {
            throw new TimeoutException("barrier " + name + ": the other parties did not come within " + timeout);
        }
        return index;
    }

    @Override
    public String toString()
    {
        return "IgniteBarrier(" + name + ", parties=" + parties + ")";
    }

    private int arrive(final Duration timeout) throws InterruptedException
    {
        final long ticket = tickets.getAndIncrement();
        final long round = ticket / parties;
        final int index = parties - 1 - (int) (ticket % parties);
        final IgniteCountDownLatch latch = ignite.countDownLatch(name + "~" + round, parties, false, true);
        if (latch.countDown() == 0)
        {
            final IgniteCountDownLatch previous = ignite.countDownLatch(name + "~" + (round - 1), parties, false,
                false);
            if (previous != null)
            {
                previous.close();
            }
            return index;
        }
        try
        {
            if (timeout == null)
            {
                latch.await();
                return index;
            }
            return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? index : -1;
        }
        catch (final IgniteInterruptedException ex)
        {
            throw IgnitePermits.interrupted(ex);
        }
    }
}
