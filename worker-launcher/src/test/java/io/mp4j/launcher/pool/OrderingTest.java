package io.mp4j.launcher.pool;

import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Results in input order whatever the tasks' durations (map, imap), all of them from imapUnordered, and an endless
 * input read lazily: imap pulls inputs only a bounded window ahead of the consumer. One pool of two workers serves
 * every test.
 */
@NoLeaks
@Timeout(120)
class OrderingTest
{
    private static final int TASKS = 60;
    private static final List<Integer> INPUTS = IntStream.range(0, TASKS).boxed().toList();
    private static final List<Integer> SQUARES = INPUTS.stream().map(x -> x * x).toList();
    /** How far ahead of the consumer imap may read an endless input: far above its window, far below unbounded. */
    private static final long MAX_AHEAD = 256;
    private static final int CONSUMED = 3_000;

    private static ProcessPool pool;

    @BeforeAll
    @Timeout(60)
    static void startPool()
    {
        pool = new ProcessPool(PoolOptions.defaults().withWorkers(2).withKeepAlive(Duration.ZERO));
    }

    @AfterAll
    @Timeout(60)
    static void stopPool()
    {
        if (pool != null)
        {
            pool.close();
        }
    }

    /**
     * The task's own work takes 0 to 20 ms at random, so tasks finish out of input order.
     */
    static int slowSquare(final int x) throws InterruptedException
    {
        Thread.sleep(ThreadLocalRandom.current().nextInt(21));
        return x * x;
    }

    @Test
    void shouldKeepInputOrderInMapWhateverTheTaskDurations()
    {
        assertEquals(SQUARES, pool.map(OrderingTest::slowSquare, INPUTS, 1));
        assertEquals(SQUARES, pool.map(OrderingTest::slowSquare, INPUTS));
    }

    @Test
    void shouldKeepInputOrderInImapWhateverTheTaskDurations()
    {
        assertEquals(SQUARES, drain(pool.imap(OrderingTest::slowSquare, INPUTS)));
        assertEquals(SQUARES, drain(pool.imap(OrderingTest::slowSquare, INPUTS, 3)));
    }

    @Test
    void shouldReturnEveryResultFromImapUnordered()
    {
        final List<Integer> results = drain(pool.imapUnordered(OrderingTest::slowSquare, INPUTS));
        assertEquals(SQUARES, results.stream().sorted().toList());
    }

    @Test
    void shouldReadAnEndlessInputOnlyAWindowAheadInImap()
    {
        assertLazy(true);
    }

    @Test
    void shouldReadAnEndlessInputOnlyAWindowAheadInImapUnordered()
    {
        assertLazy(false);
    }

    private static void assertLazy(final boolean ordered)
    {
        final AtomicLong pulled = new AtomicLong();
        final Iterable<Integer> endless = () -> Stream.iterate(0, i -> i + 1)
            .peek(i -> pulled.incrementAndGet())
            .iterator();
        final Task<Integer, Integer> twice = x -> 2 * x;
        final Iterator<Integer> results = ordered ? pool.imap(twice, endless) : pool.imapUnordered(twice, endless);
        long sum = 0;
        long maxAhead = 0;
        for (int n = 1; n <= CONSUMED; n++)
        {
            final int result = results.next();
            if (ordered)
            {
                assertEquals(2 * (n - 1), result);
            }
            sum += result;
            maxAhead = Math.max(maxAhead, pulled.get() - n);
        }
        if (!ordered)
        {
            // the first CONSUMED results to finish are CONSUMED distinct even numbers, at least 0 + 2 + ... + 2(n-1)
            assertTrue(sum >= (long)CONSUMED * (CONSUMED - 1), "sum=" + sum);
        }
        final long ahead = maxAhead;
        assertTrue(ahead <= MAX_AHEAD, () -> "inputs read ahead of the consumer: " + ahead);
    }

    private static <R> List<R> drain(final Iterator<R> results)
    {
        final List<R> all = new ArrayList<>();
        results.forEachRemaining(all::add);
        return all;
    }
}
