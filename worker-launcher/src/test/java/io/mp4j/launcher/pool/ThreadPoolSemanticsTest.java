package io.mp4j.launcher.pool;

import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.Crashes;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.TaskTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.Serial;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thread pool keeps the process pool's semantics where they apply: a task's own exception as the cause of its
 * {@link TaskFailedException}, the other tasks' results, a timeout as {@link TaskTimeoutException}, retries of tasks
 * that threw when asked, a failing initializer named in the error, and a pool usable after each.
 */
@NoLeaks
@Timeout(60)
class ThreadPoolSemanticsTest
{
    private static final List<Integer> INPUTS = IntStream.range(0, 8).boxed().toList();
    private static final int POISONED = 3;

    @Test
    void shouldEndTheTimeoutWatchdogOfAPoolShutDownWithoutAwaitingIt()
    {
        final ThreadPool pool = new ThreadPool(PoolOptions.defaults().withWorkers(2)
            .withTaskTimeout(Duration.ofSeconds(5)));
        final String watchdog = pool.toString().replace("ThreadPool-", "mp4j-thread-pool-").replaceAll("\\(.*", "") +
            "-watchdog";
        assertEquals(List.of(0, 10, 20), pool.map(x -> 10 * x, List.of(0, 1, 2)));
        assertTrue(watchdogAlive(watchdog), watchdog);

        pool.shutdown();

        Await.until("the watchdog to end", Duration.ofSeconds(10), () -> !watchdogAlive(watchdog));
    }

    private static boolean watchdogAlive(final String name)
    {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void shouldFailOnlyTheTaskThatThrowsWithItsOwnExceptionAsCause()
    {
        try (Pool pool = new ThreadPool(PoolOptions.defaults().withWorkers(2)))
        {
            final Task<Integer, Integer> task = x ->
            {
                if (x == POISONED)
                {
                    throw new Boom("poisoned task " + x);
                }
                return 10 * x;
            };

            final TaskFailedException error = assertThrows(TaskFailedException.class, () -> pool.map(task, INPUTS, 1));
            assertSame(TaskFailedException.class, error.getClass());
            assertEquals(POISONED, error.index());
            assertEquals(0, error.getSuppressed().length, () -> Arrays.toString(error.getSuppressed()));
            final Boom boom = assertInstanceOf(Boom.class, error.getCause());
            assertEquals("poisoned task " + POISONED, boom.getMessage());

            final Iterator<Integer> results = pool.imap(task, INPUTS);
            for (final int x : INPUTS)
            {
                if (x == POISONED)
                {
                    assertEquals(POISONED, assertThrows(TaskFailedException.class, results::next).index());
                }
                else
                {
                    assertEquals(10 * x, results.next());
                }
            }
            assertEquals(List.of(0, 10, 20), pool.map((Integer x) -> 10 * x, List.of(0, 1, 2)), "the pool goes on");
        }
    }

    @Test
    void shouldTimeOutAHungTaskAndGoOn()
    {
        final Duration timeout = Duration.ofMillis(300);
        try (Pool pool = new ThreadPool(PoolOptions.defaults().withWorkers(2).withTaskTimeout(timeout)))
        {
            final Task<Integer, Integer> task = x ->
            {
                if (x == POISONED)
                {
                    Thread.sleep(Long.MAX_VALUE); // ends with the interrupt the timeout sends
                }
                return 10 * x;
            };

            final TaskFailedException error = assertThrows(TaskFailedException.class, () -> pool.map(task, INPUTS, 1));
            final TaskTimeoutException timedOut = assertInstanceOf(TaskTimeoutException.class, error);
            assertEquals(POISONED, timedOut.index());
            assertEquals(timeout, timedOut.timeout());
            assertEquals(0, error.getSuppressed().length, () -> Arrays.toString(error.getSuppressed()));
            assertEquals(List.of(0, 10, 20), pool.map((Integer x) -> 10 * x, List.of(0, 1, 2)), "the pool goes on");
        }
    }

    @Test
    void shouldRetryATaskThatThrewWhenAsked()
    {
        final AtomicInteger attempts = new AtomicInteger();
        final PoolOptions options = PoolOptions.defaults().withWorkers(2)
            .withRetry(RetryPolicy.attempts(2, Duration.ofMillis(1)).alsoOnException());
        try (Pool pool = new ThreadPool(options))
        {
            final Task<Integer, Integer> flaky = x ->
            {
                if (x == POISONED && attempts.incrementAndGet() == 1)
                {
                    throw new Boom("first attempt fails");
                }
                return 10 * x;
            };

            assertEquals(INPUTS.stream().map(x -> 10 * x).toList(), pool.map(flaky, INPUTS, 1));
            assertEquals(2, attempts.get());
        }
    }

    @Test
    void shouldNameTheInitializerWhenItThrows()
    {
        final PoolOptions options = PoolOptions.defaults().withWorkers(2).withInitializer(() ->
        {
            throw new Boom("no database on purpose");
        });
        try (Pool pool = new ThreadPool(options))
        {
            final TaskFailedException error = assertThrows(TaskFailedException.class,
                () -> pool.map((Integer x) -> x, INPUTS));
            assertTrue(error.getMessage().contains("initializer"), error.getMessage());
            final Boom boom = Crashes.findCause(error, Boom.class);
            assertNotNull(boom, error::toString);
            assertEquals("no database on purpose", boom.getMessage());
        }
    }

    /**
     * A task's own exception.
     */
    static final class Boom extends RuntimeException
    {
        @Serial
        private static final long serialVersionUID = 1L;

        Boom(final String message)
        {
            super(message);
        }
    }
}
