package io.mp4j.launcher.pool;

import io.mp4j.launcher.TaskFailedException;

import java.util.Iterator;
import java.util.Objects;

/**
 * A lazy stream of calls on a pool, each naming its own function (a {@link io.mp4j.launcher.Task},
 * {@link io.mp4j.launcher.BiTask} or {@link io.mp4j.launcher.Job}) and arguments: the layer under
 * {@code io.mp4j.launcher.parallel.Parallel}, for front ends that need more than {@link Pool#imap}.
 *
 * <ul>
 *   <li>Calls are read on the consuming thread, only while at most {@code preDispatch} chunks are in flight or
 *       waiting to be consumed, so an endless input works in bounded memory; {@link #ALL} reads every call at
 *       once.</li>
 *   <li>Consecutive calls to one function object go to the workers in one chunk: the function is encoded once per
 *       JVM and defined once per worker, and each task carries only its arguments, as in {@link Pool#map}. A call to
 *       another function ends the chunk. A call whose function cannot be sent to a worker JVM fails alone, with a
 *       {@link TaskFailedException} whose cause is the {@link io.mp4j.ipc.codec.CodecException}.</li>
 *   <li>Chunk size: fixed, or automatic: {@code clamp(Pool.TARGET_CHUNK_MS / t, 1, Pool.MAX_AUTO_CHUNK)} where
 *       {@code t} is the time per task measured over the chunks of this stream (an average weighting the last chunk
 *       by 0.2), starting at 1. With {@link #ALL}, automatic chunks follow {@link Pool#map}'s rule instead.</li>
 *   <li>A {@link Listener} hears of each task's end as it ends, whatever the order results are consumed in.</li>
 * </ul>
 *
 * <p>Failures are the pool's: each task that fails comes out as a {@link TaskFailedException} naming its index (its
 * position in the stream), thrown by the {@link #next()} that reaches it or handed to the {@link Sink}; the stream
 * goes on.
 *
 * <p>Threading: {@link #hasNext()}, {@link #next()}, {@link #drainTo}, {@link #dispatched()} and
 * {@link #inputEnded()} belong to one consuming thread, which also reads the calls and calls
 * {@link Listener#inputEnded}; {@link Listener#ended} is called on the thread that reports outcomes (for a process
 * pool the thread moving the pipes: a consumer waiting in this stream or another call, or the pool's supervisor;
 * for a thread pool the thread that ran the task; for a call that could not be sent, the consuming thread);
 * {@link #stopReading()} may be called from any thread.
 *
 * @param <R> the result type.
 */
public final class CallStream<R> implements Iterator<R>
{
    /** {@code preDispatch} that reads every call at once. */
    public static final int ALL = StreamCall.ALL;

    private final StreamCall<R> call;

    /**
     * How a stream reads a call: its function, arity and arguments.
     *
     * @param <T> the type of a call.
     */
    public interface Shape<T>
    {
        /**
         * @param call a call.
         * @return its function: a {@code Task} (arity 1), {@code BiTask} (arity 2) or {@code Job} (arity 0).
         */
        Object function(T call);

        /**
         * @param call a call.
         * @return the number of its arguments: 0, 1 or 2.
         */
        int arity(T call);

        /**
         * @param call a call of arity 1 or 2.
         * @return its first argument.
         */
        Object first(T call);

        /**
         * @param call a call of arity 2.
         * @return its second argument.
         */
        Object second(T call);
    }

    /**
     * Hears of the stream's progress. Must return quickly and not throw: it runs on the pool's threads.
     */
    public interface Listener
    {
        /**
         * A task ended. Threading: the thread that reports outcomes (see {@link CallStream}); for a thread pool,
         * several at once.
         *
         * @param index   the task's position in the stream.
         * @param failure why it failed, or null if it succeeded.
         */
        void ended(long index, TaskFailedException failure);

        /**
         * The calls ended: their number is now known. Called once, on the consuming thread, before the last chunk
         * is sent. Does nothing by default.
         *
         * @param total how many calls there were.
         */
        default void inputEnded(final long total)
        {
        }
    }

    /**
     * Takes outcomes from {@link #drainTo}.
     *
     * @param <R> the result type.
     */
    @FunctionalInterface
    public interface Sink<R>
    {
        /**
         * @param index   the task's position in the stream.
         * @param value   its result (null if it failed).
         * @param failure why it failed, or null if it succeeded.
         */
        void accept(long index, R value, TaskFailedException failure);
    }

    private CallStream(final StreamCall<R> call)
    {
        this.call = call;
    }

    /**
     * Opens a stream of calls on a pool; reads nothing until the first {@link #hasNext()}, {@link #next()} or
     * {@link #drainTo}.
     *
     * @param pool        a {@link ProcessPool} or {@link ThreadPool}, not shut down.
     * @param calls       the calls, read from the consuming thread.
     * @param shape       how to read a call.
     * @param ordered     true for results in input order, false for the order tasks end.
     * @param preDispatch chunks in flight or waiting to be consumed, at least 1; or {@link #ALL}.
     * @param chunkSize   calls sent to a worker at a time; 0 for automatic.
     * @param listener    hears of each task's end, or null.
     * @param <T>         the type of a call.
     * @param <R>         the result type.
     * @return the stream.
     * @throws IllegalArgumentException if the pool is not one of mp4j's, or a count is out of range.
     * @throws IllegalStateException    if the pool is shut down.
     */
    @SuppressWarnings("unchecked")
    public static <T, R> CallStream<R> open(final Pool pool, final Iterator<? extends T> calls,
        final Shape<? super T> shape, final boolean ordered, final int preDispatch, final int chunkSize,
        final Listener listener)
    {
        if (!(pool instanceof AbstractPool engine))
        {
            throw new IllegalArgumentException("not a pool of mp4j's: pool=" + pool);
        }
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(shape, "shape");
        if (preDispatch < 1)
        {
            throw new IllegalArgumentException("preDispatch must be at least 1: preDispatch=" + preDispatch);
        }
        if (chunkSize < 0)
        {
            throw new IllegalArgumentException("chunkSize must be 0 (automatic) or positive: chunkSize=" +
                chunkSize);
        }
        engine.checkOpen();
        return new CallStream<>(StreamCall.ofCalls(engine, calls, (Shape<Object>)shape, chunkSize, preDispatch,
            ordered, listener));
    }

    /**
     * Reads calls into the window's room, then tells whether a result is still to come.
     *
     * @return true if {@link #next()} has a result (or a failure) to give.
     */
    @Override
    public boolean hasNext()
    {
        return call.hasNext();
    }

    /**
     * Waits for the next result (moving a process pool's pipes meanwhile) and reads more calls into the room it
     * leaves.
     *
     * @return the next result, in input order or in the order tasks ended.
     * @throws TaskFailedException              if that task failed; the stream goes on.
     * @throws java.util.NoSuchElementException if there is none.
     */
    @Override
    public R next()
    {
        return call.next();
    }

    /**
     * Waits until outcomes are there (ordered: the next in input order; unordered: a chunk's worth, or every one
     * outstanding if fewer), then hands the sink every outcome there is (ordered: those next in input order;
     * unordered: all that ended), after reading more calls into the room they leave. Faster than {@link #next()}
     * when every result is wanted: one wake-up, one lock and one top-up per chunk of outcomes.
     *
     * @param sink takes each outcome, on this thread.
     * @return how many outcomes the sink got, or -1 once every call was read (or reading stopped) and every outcome
     * handed out.
     */
    public long drainTo(final Sink<? super R> sink)
    {
        return call.drainTo(sink);
    }

    /**
     * Reads no more calls: those already dispatched still run and their outcomes still come out, then the stream
     * ends.
     */
    public void stopReading()
    {
        call.stopReading();
    }

    /**
     * @return how many calls were read and dispatched so far.
     */
    public long dispatched()
    {
        return call.submitted();
    }

    /**
     * @return whether the calls have ended, so that {@link #dispatched()} is their number.
     */
    public boolean inputEnded()
    {
        return call.inputsDone();
    }
}
