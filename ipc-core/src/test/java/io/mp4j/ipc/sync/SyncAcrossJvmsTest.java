package io.mp4j.ipc.sync;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Locks, semaphores, events, conditions and barriers between this JVM and child JVMs, with holders killed (SIGKILL)
 * at the worst moment: while they hold the lock, hold permits, or wait at the barrier.
 */
@NoLeaks
@Timeout(90)
class SyncAcrossJvmsTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A dead holder must delay a waiter by no more than the liveness check interval plus slack for a busy host. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private Space space;

    @BeforeEach
    void setUp()
    {
        space = Space.at(dir);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldHandLockOfKilledHolderToNextWaiterTellingItTheOwnerDied(final boolean reentrant) throws Exception
    {
        try (SharedLock lock = reentrant ? space.rlock("l") : space.lock("l");
             ChildJvm holder = ChildJvm.start(HoldLock.class, dir.toString(), "l", Boolean.toString(reentrant)))
        {
            holder.awaitPoint("held", WAIT);
            assertEquals(holder.pid(), lock.ownerPid());
            assertFalse(lock.acquire(Duration.ofMillis(200)), "a live holder keeps the lock");
            holder.kill();
            final long start = System.nanoTime();
            assertTrue(lock.acquire(WAIT));
            final Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(waited.compareTo(RECOVERY_BOUND) < 0, "took " + waited);
            assertTrue(lock.previousOwnerDied());
            assertEquals(1, lock.recoveries());
            lock.release();
            assertTrue(lock.acquire(Duration.ZERO));
            assertFalse(lock.previousOwnerDied(), "a normal hand-over after the recovery");
            lock.release();
        }
    }

    @Test
    void shouldCountExactlyUnderLockFromTwoJvms() throws Exception
    {
        final int rounds = 20_000;
        try (SharedLong total = space.sharedLong("total");
             ChildJvm a = ChildJvm.start(CountUnderLock.class, dir.toString(), Integer.toString(rounds));
             ChildJvm b = ChildJvm.start(CountUnderLock.class, dir.toString(), Integer.toString(rounds)))
        {
            a.awaitSuccess(WAIT);
            b.awaitSuccess(WAIT);
            assertEquals(2L * rounds, total.get(), "plain read-modify-write under the lock lost no update");
        }
    }

    @Test
    void shouldTakeBackPermitsOfKilledHolder() throws Exception
    {
        try (SharedSemaphore semaphore = space.boundedSemaphore("s", 3);
             ChildJvm holder = ChildJvm.start(HoldPermits.class, dir.toString(), "s", "2"))
        {
            holder.awaitPoint("held", WAIT);
            assertEquals(1, semaphore.availablePermits());
            assertTrue(semaphore.tryAcquire());
            assertFalse(semaphore.tryAcquire(Duration.ofMillis(200)));
            holder.kill();
            assertTrue(semaphore.tryAcquire(RECOVERY_BOUND), "the dead holder's permits came back");
            assertTrue(semaphore.takeRecovered());
            assertEquals(2, semaphore.recoveries());
            assertTrue(semaphore.tryAcquire());
            semaphore.release();
            semaphore.release();
            semaphore.release();
            assertEquals(3, semaphore.availablePermits());
            assertThrows(IllegalStateException.class, semaphore::release);
        }
    }

    @Test
    void shouldWakeEventWaiterAndConditionWaiterInAnotherJvm() throws Exception
    {
        try (SharedEvent event = space.event("e");
             SharedLock lock = space.lock("cl");
             SharedCondition condition = space.condition("c", lock);
             ChildJvm child = ChildJvm.start(AwaitEventAndCondition.class, dir.toString()))
        {
            child.awaitPoint("waiting-event", WAIT);
            event.set();
            assertEquals("true", child.awaitValue("event", WAIT));
            while (condition.waiters() == 0)
            {
                assertTrue(child.isAlive(), child.describe());
                Thread.onSpinWait();
            }
            lock.acquire();
            assertEquals(1, condition.signal(1));
            lock.release();
            assertEquals("true", child.awaitValue("notified", WAIT));
            child.awaitSuccess(WAIT);
        }
    }

    @Test
    void shouldSignalALiveWaiterWhenTheOldestWaiterWasKilled() throws Exception
    {
        try (SharedLock lock = space.lock("dl");
             SharedCondition condition = space.condition("dc", lock);
             ChildJvm doomed = ChildJvm.start(AwaitCondition.class, dir.toString(), "dl", "dc"))
        {
            while (condition.waiters() == 0)
            {
                assertTrue(doomed.isAlive(), doomed.describe());
                Thread.onSpinWait();
            }
            final CompletableFuture<Boolean> live = CompletableFuture.supplyAsync(() ->
            {
                lock.acquire();
                try
                {
                    return condition.await(WAIT);
                }
                catch (final InterruptedException ex)
                {
                    return false;
                }
                finally
                {
                    lock.release();
                }
            });
            while (condition.waiters() < 2)
            {
                assertFalse(live.isDone());
                Thread.onSpinWait();
            }
            doomed.kill();
            assertEquals(1, condition.waiters(), "a dead waiter does not count");
            lock.acquire();
            final int woken = condition.signal(1);
            lock.release();
            assertEquals(1, woken, "the oldest waiter is dead: the signal goes to the next");
            assertTrue(live.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, condition.waiters());
        }
    }

    @Test
    void shouldPassBarrierAcrossJvmsThenBreakWhenAWaitingPartyDies() throws Exception
    {
        try (SharedBarrier barrier = space.barrier("b", 2);
             ChildJvm child = ChildJvm.start(AwaitBarrier.class, dir.toString(), "b", "2"))
        {
            final int index = barrier.await(WAIT);
            assertEquals(String.valueOf(1 - index), child.awaitValue("index", WAIT));
            child.awaitPoint("waiting-again", WAIT);
            while (barrier.waiting() == 0)
            {
                Thread.onSpinWait();
            }
            child.kill();
            final long start = System.nanoTime();
            assertThrows(BrokenBarrierException.class, () -> barrier.await(WAIT),
                "the other party died while waiting");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(RECOVERY_BOUND) < 0);
            assertTrue(barrier.isBroken());
            barrier.reset();
            assertFalse(barrier.isBroken());
        }
    }

    /** Takes a lock and holds it until killed. Arguments: space directory, lock name, reentrant. */
    public static final class HoldLock
    {
        /**
         * @param args see the class comment.
         */
        public static void main(final String[] args)
        {
            final Space space = Space.at(Path.of(args[0]));
            final SharedLock lock = Boolean.parseBoolean(args[2]) ? space.rlock(args[1]) : space.lock(args[1]);
            lock.acquire();
            ChildPoints.reached("held");
            ChildPoints.parkForever();
        }
    }

    /** Adds 1 to a shared long with a plain read and write, under a lock. Arguments: space directory, rounds. */
    public static final class CountUnderLock
    {
        /**
         * @param args see the class comment.
         */
        public static void main(final String[] args)
        {
            final Space space = Space.at(Path.of(args[0]));
            try (SharedLock lock = space.lock("count-lock"); SharedLong total = space.sharedLong("total"))
            {
                for (int i = 0, n = Integer.parseInt(args[1]); i < n; i++)
                {
                    lock.acquire();
                    try
                    {
                        total.setPlain(total.getPlain() + 1);
                    }
                    finally
                    {
                        lock.release();
                    }
                }
            }
        }
    }

    /** Takes permits and holds them until killed. Arguments: space directory, semaphore name, permits. */
    public static final class HoldPermits
    {
        /**
         * @param args see the class comment.
         * @throws InterruptedException never.
         */
        public static void main(final String[] args) throws InterruptedException
        {
            final SharedSemaphore semaphore = Space.at(Path.of(args[0])).boundedSemaphore(args[1], 3);
            for (int i = 0, n = Integer.parseInt(args[2]); i < n; i++)
            {
                semaphore.acquire();
            }
            ChildPoints.reached("held");
            ChildPoints.parkForever();
        }
    }

    /** Waits for the event "e", then on the condition "c" with lock "cl". Argument: space directory. */
    public static final class AwaitEventAndCondition
    {
        /**
         * @param args see the class comment.
         * @throws InterruptedException never.
         */
        public static void main(final String[] args) throws InterruptedException
        {
            final Space space = Space.at(Path.of(args[0]));
            try (SharedEvent event = space.event("e");
                 SharedLock lock = space.lock("cl");
                 SharedCondition condition = space.condition("c", lock))
            {
                ChildPoints.reached("waiting-event");
                ChildPoints.report("event", event.await(WAIT));
                lock.acquire();
                try
                {
                    ChildPoints.report("notified", condition.await(WAIT));
                }
                finally
                {
                    lock.release();
                }
            }
        }
    }

    /** Waits on a condition until killed. Arguments: space directory, lock name, condition name. */
    public static final class AwaitCondition
    {
        /**
         * @param args see the class comment.
         * @throws InterruptedException never.
         */
        public static void main(final String[] args) throws InterruptedException
        {
            final Space space = Space.at(Path.of(args[0]));
            final SharedLock lock = space.lock(args[1]);
            final SharedCondition condition = space.condition(args[2], lock);
            lock.acquire();
            condition.await(null);
        }
    }

    /** Passes the barrier once, then waits at it again until killed. Arguments: space dir, name, parties. */
    public static final class AwaitBarrier
    {
        /**
         * @param args see the class comment.
         * @throws Exception never.
         */
        public static void main(final String[] args) throws Exception
        {
            final SharedBarrier barrier = Space.at(Path.of(args[0])).barrier(args[1], Integer.parseInt(args[2]));
            ChildPoints.report("index", barrier.await(WAIT));
            ChildPoints.reached("waiting-again");
            barrier.await(WAIT);
        }
    }
}
