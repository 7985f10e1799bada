package io.mp4j.ipc.sync;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.Space;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The synchronization objects between threads of one JVM, each thread with its own mapping where it matters (the
 * cross-JVM tests repeat the essentials across processes, with holders killed).
 */
@Timeout(60)
class SyncInOneJvmTest
{
    private static final Duration SHORT = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private Space space;

    @BeforeEach
    void setUp()
    {
        space = Space.at(dir);
    }

    @Test
    void shouldExcludeAndHandOverLock() throws Exception
    {
        try (SharedLock a = space.lock("l"); SharedLock b = space.lock("l"))
        {
            assertTrue(a.acquire(SHORT));
            assertTrue(a.isHeldByCurrentThread());
            assertFalse(a.previousOwnerDied());
            assertThrows(IllegalStateException.class, () -> a.acquire(SHORT), "a Lock is not reentrant");
            final CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> tryFor(b, SHORT));
            assertFalse(other.get(10, TimeUnit.SECONDS), "held by this thread");
            final CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() ->
                tryFor(b, Duration.ofSeconds(10)));
            a.release();
            assertTrue(waiter.get(10, TimeUnit.SECONDS));
            assertThrows(IllegalMonitorStateException.class, a::release, "held by the other thread now");
        }
    }

    @Test
    void shouldCountReentryOfRLock() throws Exception
    {
        try (SharedLock lock = space.rlock("r"))
        {
            assertTrue(lock.isReentrant());
            lock.acquire();
            lock.acquire();
            assertEquals(2, lock.holdCount());
            lock.release();
            assertTrue(lock.isLocked());
            lock.release();
            assertFalse(lock.isLocked());
            assertThrows(IllegalMonitorStateException.class, lock::release);
        }
    }

    @Test
    void shouldKeepMutualExclusionUnderContention() throws Exception
    {
        final int threads = 4;
        final int rounds = 20_000;
        final long[] plain = new long[1];
        final CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++)
        {
            new Thread(() ->
            {
                try (SharedLock lock = space.lock("contended"))
                {
                    for (int i = 0; i < rounds; i++)
                    {
                        lock.lock();
                        try
                        {
                            plain[0]++;
                        }
                        finally
                        {
                            lock.unlock();
                        }
                    }
                }
                done.countDown();
            }).start();
        }
        assertTrue(done.await(50, TimeUnit.SECONDS));
        assertEquals((long)threads * rounds, plain[0]);
    }

    @Test
    void shouldBoundSemaphore() throws Exception
    {
        try (SharedSemaphore s = space.boundedSemaphore("s", 2))
        {
            assertTrue(s.tryAcquire());
            assertTrue(s.tryAcquire(SHORT));
            assertFalse(s.tryAcquire(SHORT));
            s.release();
            s.release();
            assertEquals(2, s.availablePermits());
            final IllegalStateException tooMany = assertThrows(IllegalStateException.class, s::release);
            assertTrue(tooMany.getMessage().contains("released too many times"), tooMany.getMessage());
            assertThrows(Mp4jException.class, () -> space.semaphore("s", 2), "bounded exists");
        }
        try (SharedSemaphore s = space.semaphore("u", 0))
        {
            s.release();
            s.release();
            assertEquals(2, s.availablePermits(), "unbounded: release adds");
        }
    }

    @Test
    void shouldWakeEventWaiters() throws Exception
    {
        try (SharedEvent event = space.event("e"))
        {
            assertFalse(event.isSet());
            assertFalse(event.await(SHORT));
            final CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() ->
            {
                try (SharedEvent mine = space.event("e"))
                {
                    return mine.await(Duration.ofSeconds(10));
                }
                catch (final InterruptedException ex)
                {
                    return false;
                }
            });
            event.set();
            assertTrue(waiter.get(10, TimeUnit.SECONDS));
            assertTrue(event.await(SHORT));
            event.clear();
            assertFalse(event.isSet());
        }
    }

    @Test
    void shouldSignalConditionWaitersOldestFirst() throws Exception
    {
        try (SharedLock lock = space.lock("cl"); SharedCondition condition = space.condition("c", lock))
        {
            final AtomicInteger woken = new AtomicInteger();
            final CompletableFuture<Boolean> first = waiter(lock, condition, woken);
            awaitWaiters(lock, condition, 1);
            final CompletableFuture<Boolean> second = waiter(lock, condition, woken);
            awaitWaiters(lock, condition, 2);
            lock.acquire();
            assertEquals(1, condition.signal(1));
            lock.release();
            assertTrue(first.get(10, TimeUnit.SECONDS));
            assertFalse(second.isDone());
            lock.acquire();
            assertEquals(1, condition.signalAll());
            lock.release();
            assertTrue(second.get(10, TimeUnit.SECONDS));
            lock.acquire();
            assertFalse(condition.await(SHORT), "nobody signals");
            assertTrue(lock.isHeldByCurrentThread(), "the lock is held again after a wait");
            assertTrue(condition.awaitUntil(() -> true, SHORT));
            lock.release();
            assertThrows(IllegalMonitorStateException.class, condition::signal);
        }
    }

    @Test
    void shouldTripBarrierAndBreakOnTimeout() throws Exception
    {
        try (SharedBarrier barrier = space.barrier("b", 2))
        {
            final AtomicInteger actions = new AtomicInteger();
            barrier.withAction(actions::incrementAndGet);
            final CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() ->
            {
                try (SharedBarrier mine = space.barrier("b", 2))
                {
                    return mine.await(Duration.ofSeconds(10));
                }
                catch (final Exception ex)
                {
                    return -1;
                }
            });
            final int index = barrier.await(Duration.ofSeconds(10));
            final int otherIndex = other.get(10, TimeUnit.SECONDS);
            assertEquals(1, index + otherIndex, "indexes 0 and 1");
            assertEquals(index == 0 ? 1 : 0, actions.get(), "the last to arrive ran the action if it was this one");

            assertThrows(TimeoutException.class, () -> barrier.await(SHORT));
            assertTrue(barrier.isBroken());
            assertThrows(BrokenBarrierException.class, () -> barrier.await(SHORT));
            barrier.reset();
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.waiting());
            assertThrows(Mp4jException.class, () -> space.barrier("b", 3));
        }
    }

    private CompletableFuture<Boolean> waiter(final SharedLock lock, final SharedCondition condition,
        final AtomicInteger woken)
    {
        final CompletableFuture<Boolean> result = new CompletableFuture<>();
        new Thread(() ->
        {
            lock.acquire();
            try
            {
                final boolean notified = condition.await(Duration.ofSeconds(20));
                woken.incrementAndGet();
                result.complete(notified && lock.isHeldByCurrentThread());
            }
            catch (final InterruptedException ex)
            {
                result.completeExceptionally(ex);
            }
            finally
            {
                lock.release();
            }
        }).start();
        return result;
    }

    private static void awaitWaiters(final SharedLock lock, final SharedCondition condition, final int n)
        throws InterruptedException
    {
        while (condition.waiters() < n)
        {
            Thread.onSpinWait();
        }
        assertFalse(lock.isHeldByCurrentThread());
    }

    private static boolean tryFor(final SharedLock lock, final Duration timeout)
    {
        try
        {
            final boolean got = lock.acquire(timeout);
            if (got)
            {
                lock.release();
            }
            return got;
        }
        catch (final InterruptedException ex)
        {
            return false;
        }
    }
}
