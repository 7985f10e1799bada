package io.mp4j.launcher.pool;

import io.mp4j.ipc.codec.CodecException;
import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine under Parallel, on an engine that records what it is given instead of running it on workers: chunks
 * hold consecutive calls to one function object, each function is prepared once per run of it, the window bounds
 * how far the input is read, "all" reads everything and chunks by map's rule, a function that cannot be sent fails
 * its calls alone, and the listener hears of every end before the consumer sees the outcome.
 */
@Timeout(30)
class CallStreamTest
{
    private static final Task<Integer, Integer> TWICE = x -> 2 * x;
    private static final Task<Integer, Integer> SQUARE = x -> x * x;

    /** A call as the tests write it: a function and one argument. */
    private record Call1(Object function, int argument)
    {
    }

    private static final CallStream.Shape<Call1> SHAPE = new CallStream.Shape<>()
    {
        @Override
        public Object function(final Call1 call)
        {
            return call.function();
        }

        @Override
        public int arity(final Call1 call)
        {
            return 1;
        }

        @Override
        public Object first(final Call1 call)
        {
            return call.argument();
        }

        @Override
        public Object second(final Call1 call)
        {
            throw new AssertionError("arity 1");
        }
    };

    /**
     * Runs every chunk at once, in the caller's thread, and records it; "prepares" a function by counting.
     */
    private static final class RecordingPool extends AbstractPool
    {
        final List<Chunk> chunks = new ArrayList<>();
        final List<Object> prepared = new ArrayList<>();
        Object unsendable;
        boolean holdResults;
        final List<Chunk> held = new ArrayList<>();

        RecordingPool(final int size)
        {
            super(size);
        }

        @Override
        Object prepare(final Object function)
        {
            if (function == unsendable)
            {
                throw new CodecException("cannot encode " + function);
            }
            prepared.add(function);
            return "prepared:" + prepared.size();
        }

        @Override
        @SuppressWarnings("unchecked")
        void execute(final Chunk chunk)
        {
            chunks.add(chunk);
            if (holdResults)
            {
                held.add(chunk);
                return;
            }
            answer(chunk);
        }

        @SuppressWarnings("unchecked")
        void answer(final Chunk chunk)
        {
            for (int i = 0; i < chunk.size(); i++)
            {
                try
                {
                    succeeded(chunk, i, ((Task<Object, Object>)chunk.function).call(chunk.first(i)));
                }
                catch (final Exception ex)
                {
                    failed(chunk, i, new TaskFailedException("failed", chunk.positions[i], null, ex));
                }
            }
        }

        @Override
        void awaitUntil(final BooleanSupplier done)
        {
            if (!done.getAsBoolean())
            {
                throw new AssertionError("would wait forever: nothing runs in the background");
            }
        }

        @Override
        public boolean awaitTermination(final Duration timeout)
        {
            return true;
        }

        @Override
        public void terminate()
        {
            shutdown();
        }

        @Override
        public void close()
        {
            shutdown();
        }
    }

    private static List<Call1> calls(final Object function, final int from, final int to)
    {
        return IntStream.range(from, to).mapToObj(x -> new Call1(function, x)).toList();
    }

    private static <R> List<R> drain(final Iterator<R> results)
    {
        final List<R> all = new ArrayList<>();
        results.forEachRemaining(all::add);
        return all;
    }

    @Test
    void shouldSendConsecutiveCallsToOneFunctionInChunksOfThatFunctionPreparedOnce()
    {
        final RecordingPool pool = new RecordingPool(2);
        final List<Call1> input = new ArrayList<>(calls(TWICE, 0, 10));
        input.addAll(calls(SQUARE, 10, 13));
        input.addAll(calls(TWICE, 13, 20));
        final CallStream<Integer> stream = CallStream.open(pool, input.iterator(), SHAPE, true, 100, 4, null);

        final List<Integer> results = drain(stream);

        final List<Integer> expected = new ArrayList<>();
        input.forEach(c -> expected.add(c.function() == TWICE ? 2 * c.argument() : c.argument() * c.argument()));
        assertEquals(expected, results);
        final List<String> shapes = pool.chunks.stream()
            .map(c -> (c.function == TWICE ? "twice" : "square") + "x" + c.size()).toList();
        assertEquals(List.of("twicex4", "twicex4", "twicex2", "squarex3", "twicex4", "twicex3"), shapes);
        assertEquals(List.of(TWICE, SQUARE, TWICE), pool.prepared, "prepared once per run of one function");
        for (final Chunk chunk : pool.chunks)
        {
            assertEquals(1, chunk.arity);
            assertTrue(chunk.prepared.toString().startsWith("prepared:"));
        }
    }

    @Test
    void shouldReadAtMostPreDispatchChunksAheadOfTheConsumer()
    {
        final RecordingPool pool = new RecordingPool(2);
        pool.holdResults = true;
        final AtomicLong pulled = new AtomicLong();
        final Iterator<Call1> endless = LongStream.iterate(0, i -> i + 1)
            .peek(i -> pulled.incrementAndGet())
            .mapToObj(i -> new Call1(TWICE, (int)i))
            .iterator();
        final CallStream<Integer> stream = CallStream.open(pool, endless, SHAPE, true, 3, 5, null);

        assertTrue(stream.hasNext());
        assertEquals(15, pulled.get(), "3 chunks of 5");
        assertEquals(15, stream.dispatched());
        assertEquals(3, pool.chunks.size());
        pool.answer(pool.held.remove(0));
        assertEquals(0, stream.next());
        assertEquals(15, pulled.get(), "a chunk's room is not free until its 5 results are consumed");
        for (int i = 1; i < 5; i++)
        {
            assertEquals(2 * i, stream.next());
        }
        assertEquals(20, pulled.get(), "one more chunk once the first is consumed");
        assertFalse(stream.inputEnded());
    }

    @Test
    void shouldReadEverythingAtOnceAndChunkByMapsRuleWhenAll()
    {
        final RecordingPool pool = new RecordingPool(2);
        final List<Call1> input = calls(TWICE, 0, 100);
        final AtomicLong total = new AtomicLong(-1);
        final CallStream<Integer> stream = CallStream.open(pool, input.iterator(), SHAPE, false, CallStream.ALL, 0,
            new CallStream.Listener()
            {
                @Override
                public void ended(final long index, final TaskFailedException failure)
                {
                }

                @Override
                public void inputEnded(final long calls)
                {
                    total.set(calls);
                }
            });

        assertTrue(stream.hasNext());
        assertEquals(100, stream.dispatched());
        assertTrue(stream.inputEnded());
        assertEquals(100, total.get());
        // ceil(100 / (4 x 2)) = 13
        assertEquals(List.of(13, 13, 13, 13, 13, 13, 13, 9), pool.chunks.stream().map(Chunk::size).toList());
        assertEquals(100, drain(stream).size());
    }

    @Test
    void shouldFailOnlyTheCallsOfAFunctionThatCannotBeSent()
    {
        final RecordingPool pool = new RecordingPool(2);
        final Task<Integer, Integer> unsendable = x -> x;
        pool.unsendable = unsendable;
        final List<Call1> input = new ArrayList<>(calls(TWICE, 0, 3));
        input.addAll(calls(unsendable, 3, 5));
        input.addAll(calls(TWICE, 5, 7));
        final List<Long> failedIndexes = new ArrayList<>();
        final CallStream<Integer> stream = CallStream.open(pool, input.iterator(), SHAPE, true, 2, 0,
            (index, failure) ->
            {
                if (failure != null)
                {
                    failedIndexes.add(index);
                }
            });

        final List<Object> outcomes = new ArrayList<>();
        while (stream.hasNext())
        {
            try
            {
                outcomes.add(stream.next());
            }
            catch (final TaskFailedException ex)
            {
                assertTrue(ex.getCause() instanceof CodecException, ex::toString);
                assertNull(ex.worker());
                outcomes.add("failed " + ex.index());
            }
        }

        assertEquals(List.of(0, 2, 4, "failed 3", "failed 4", 10, 12), outcomes);
        assertEquals(List.of(3L, 4L), failedIndexes);
    }

    @Test
    void shouldTellTheListenerOfEveryEndBeforeTheConsumerSeesIt()
    {
        final RecordingPool pool = new RecordingPool(2);
        final List<Long> heard = new ArrayList<>();
        final CallStream<Integer> stream = CallStream.open(pool, calls(TWICE, 0, 50).iterator(), SHAPE, false, 2,
            0, (index, failure) -> heard.add(index));
        final List<Long> drained = new ArrayList<>();

        while (stream.drainTo((index, value, failure) ->
        {
            assertTrue(heard.contains(index), "heard before drained: " + index);
            assertEquals(2 * index, (long)value);
            drained.add(index);
        }) >= 0)
        {
            assertTrue(heard.size() >= drained.size(), "heard " + heard.size() + ", drained " + drained.size());
        }

        assertEquals(LongStream.range(0, 50).boxed().toList(), drained);
    }

    @Test
    void shouldStopReadingWhenTold()
    {
        final RecordingPool pool = new RecordingPool(2);
        pool.holdResults = true;
        final AtomicLong pulled = new AtomicLong();
        final Iterator<Call1> endless = LongStream.iterate(0, i -> i + 1)
            .peek(i -> pulled.incrementAndGet())
            .mapToObj(i -> new Call1(TWICE, (int)i))
            .iterator();
        final CallStream<Integer> stream = CallStream.open(pool, endless, SHAPE, true, 2, 1, null);
        assertTrue(stream.hasNext());

        stream.stopReading();
        pool.held.forEach(pool::answer);

        assertEquals(List.of(0, 2), drain(stream));
        assertEquals(2, pulled.get());
        assertFalse(stream.hasNext());
    }

    @Test
    void shouldGiveEveryResultDispatchedWhenTheInputFailsAndThrowItsFailureOnce()
    {
        final RecordingPool pool = new RecordingPool(2);
        final IllegalStateException broken = new IllegalStateException("input broke");
        final Iterator<Call1> input = IntStream.range(0, 100).mapToObj(x ->
        {
            if (x == 3)
            {
                throw broken;
            }
            return new Call1(TWICE, x);
        }).iterator();
        final CallStream<Integer> stream = CallStream.open(pool, input, SHAPE, true, 2, 1, null);

        assertEquals(0, stream.next());
        assertEquals(2, stream.next(), "the result taken when the input failed still comes out");
        assertSame(broken, assertThrows(IllegalStateException.class, stream::hasNext));
        assertEquals(4, stream.next(), "then what was dispatched before");
        assertFalse(stream.hasNext());
        assertTrue(stream.inputEnded());
    }

    @Test
    void shouldRefuseAPoolThatIsNotMp4jsOrIsShutDown()
    {
        final RecordingPool pool = new RecordingPool(1);
        pool.shutdown();
        assertThrows(IllegalStateException.class,
            () -> CallStream.open(pool, calls(TWICE, 0, 1).iterator(), SHAPE, true, 1, 0, null));
        assertThrows(IllegalArgumentException.class,
            () -> CallStream.open(new RecordingPool(1), calls(TWICE, 0, 1).iterator(), SHAPE, true, 0, 0, null));
    }

    @Test
    void shouldKeepImapReadingItsOwnWindowOfTasks()
    {
        final RecordingPool pool = new RecordingPool(2);
        pool.holdResults = true;
        final AtomicLong pulled = new AtomicLong();
        final Iterable<Integer> endless = () -> IntStream.iterate(0, i -> i + 1)
            .peek(i -> pulled.incrementAndGet())
            .boxed()
            .iterator();

        final Iterator<Integer> results = pool.imap(TWICE, endless, 4);
        assertTrue(results.hasNext());

        assertEquals(Math.max(64, 4 * 2 * 4), pulled.get(), "imap's window: max(64, 4 x workers x chunk) tasks");
        assertSame(TWICE, pool.chunks.get(0).function);
    }
}
