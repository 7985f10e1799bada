package io.mp4j.launcher.pool;

import io.mp4j.launcher.TaskFailedException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A lazy call and its result iterator: {@code imap} and {@code imapUnordered} (one task over inputs), or a
 * {@link CallStream} (each input a call naming its own function and arguments). Inputs are read on the consuming
 * thread, a chunk at a time, only while the window has room, so memory stays bounded whatever the input's length.
 * Results come out in input order, or in the order tasks finish.
 *
 * <p>Window: for {@code imap}, at most {@code max(64, 4 x workers x chunk)} tasks in flight or waiting to be
 * consumed, chunks cut to fit; for a call stream, at most {@code preDispatch} whole chunks of the current size
 * ({@code preDispatch x chunk} tasks), or every input read at once ({@link #ALL}, chunked by {@code map}'s rule). In a
 * call stream a chunk holds consecutive calls to one function object, so a function shared by consecutive calls is
 * sent once per chunk (and defined once per worker); a call whose function differs ends the chunk and starts the
 * next.
 *
 * <p>Threading: the iterator and {@link #drainTo} belong to one consuming thread; outcomes arrive from the pool's
 * threads, which also call the listener; {@link #stopReading()} may be called from any thread.
 */
final class StreamCall<R> extends Call implements Iterator<R>
{
    /** Window of a call stream that reads every input at once. */
    static final int ALL = Integer.MAX_VALUE;

    private static final Object NULL = new Object();
    private static final Object NONE = new Object();
    private static final int INITIAL_SLOTS = 64;
    private static final long MAX_OUTSTANDING = 1L << 30;

    private final AbstractPool pool;
    private final CallStream.Shape<Object> shape;
    private final int fixedChunk;
    private final int windowTasks;
    private final int windowChunks;
    private final boolean ordered;
    private final CallStream.Listener listener;

    // guarded by this: outcomes not yet consumed. Ordered: slot (position & mask). Unordered: a ring in the order
    // tasks ended, from head, with each outcome's position beside it.
    private Object[] outcomes = new Object[INITIAL_SLOTS];
    private long[] endedPositions;
    private int head;
    private int waiting;
    private long stored;
    private long wakeAtStored = Long.MAX_VALUE;
    private long wakeAtPosition = -1;
    /**
     * Set by the thread storing the outcome the consumer waits for: the consumer polls this flag, written once per
     * wait, rather than anything written per outcome (whose cache line the storing threads would then fight over).
     */
    private volatile boolean woken;

    // the consuming thread's
    private Iterator<?> inputs;
    private long submitted;
    private long consumed;
    private boolean inputsDone;
    private Throwable inputFailure;
    private Object carried = NONE;
    private Object lastFunction = NONE;
    private Object lastPrepared;
    private RuntimeException lastError;
    private Object[] drainedValues = new Object[0];
    private long[] drainedPositions = new long[0];
    private volatile boolean stopped;

    private StreamCall(final AbstractPool pool, final Object function, final Iterator<?> inputs,
        final CallStream.Shape<Object> shape, final int fixedChunk, final int windowTasks, final int windowChunks,
        final boolean ordered, final CallStream.Listener listener)
    {
        super(function, 1);
        this.pool = pool;
        this.inputs = inputs;
        this.shape = shape;
        this.fixedChunk = fixedChunk;
        this.windowTasks = windowTasks;
        this.windowChunks = windowChunks;
        this.ordered = ordered;
        this.listener = listener;
        this.endedPositions = ordered ? null : new long[INITIAL_SLOTS];
    }

    /**
     * An {@code imap}: one task over the inputs, at most {@code max(64, 4 x workers x chunk)} tasks ahead.
     */
    static <R> StreamCall<R> ofTask(final AbstractPool pool, final Object task, final Iterator<?> inputs,
        final int fixedChunk, final boolean ordered)
    {
        return new StreamCall<>(pool, task, inputs, null, fixedChunk,
            Math.max(64, 4 * pool.size() * Math.max(1, fixedChunk)), 0, ordered, null);
    }

    /**
     * A call stream: each input a call, shaped by {@code shape}, at most {@code preDispatch} chunks ahead.
     */
    static <R> StreamCall<R> ofCalls(final AbstractPool pool, final Iterator<?> calls,
        final CallStream.Shape<Object> shape, final int fixedChunk, final int preDispatch, final boolean ordered,
        final CallStream.Listener listener)
    {
        return new StreamCall<>(pool, null, calls, shape, fixedChunk, 0, preDispatch, ordered, listener);
    }

    @Override
    public boolean hasNext()
    {
        topUp();
        return consumed < submitted;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next()
    {
        if (!hasNext())
        {
            throw new NoSuchElementException();
        }
        awaitOutcomes(1);
        final Object outcome = take();
        consumed++;
        topUpAfterTake();
        if (outcome instanceof TaskFailedException failure)
        {
            throw failure;
        }
        return outcome == NULL ? null : (R)outcome;
    }

    /**
     * Waits until outcomes are there (ordered: the next in input order; unordered: a chunk's worth, or every one
     * outstanding if fewer), then hands the sink every outcome there is (ordered: those next in input order), after
     * reading more inputs into the room they leave.
     *
     * @return how many outcomes the sink got, or -1 once every input was read (or reading stopped) and every outcome
     * handed out.
     */
    @SuppressWarnings("unchecked")
    long drainTo(final CallStream.Sink<? super R> sink)
    {
        topUp();
        if (consumed == submitted)
        {
            return -1;
        }
        // unordered, a chunk's worth at a time (or what is left): one wake-up and one top-up per chunk
        awaitOutcomes(ordered ? 1 : Math.min(submitted - consumed, Math.max(1, fixedChunk > 0 ? fixedChunk :
            chunkSizeFor(Pool.TARGET_CHUNK_MS * 1_000_000L))));
        final int n = takeAll();
        consumed += n;
        topUpAfterTake();
        final Object[] values = drainedValues;
        final long[] positions = drainedPositions;
        for (int i = 0; i < n; i++)
        {
            final Object outcome = values[i];
            values[i] = null;
            if (outcome instanceof TaskFailedException failure)
            {
                sink.accept(positions[i], null, failure);
            }
            else
            {
                sink.accept(positions[i], outcome == NULL ? null : (R)outcome, null);
            }
        }
        return n;
    }

    /**
     * Reads no more inputs: the tasks already sent still run and their outcomes still come out.
     */
    void stopReading()
    {
        stopped = true;
    }

    /**
     * @return how many inputs were read and given a position (consuming thread).
     */
    long submitted()
    {
        return submitted;
    }

    /**
     * @return whether the inputs have ended (consuming thread).
     */
    boolean inputsDone()
    {
        return inputsDone;
    }

    @Override
    void succeeded(final long position, final Object value)
    {
        store(position, value == null ? NULL : value, null);
    }

    @Override
    void failed(final long position, final TaskFailedException error)
    {
        store(position, error, error);
    }

    private void store(final long position, final Object outcome, final TaskFailedException failure)
    {
        if (listener != null)
        {
            // before the outcome is visible: once the consumer has every outcome, the listener has heard of each
            listener.ended(position, failure);
        }
        synchronized (this)
        {
            final int mask = outcomes.length - 1;
            if (ordered)
            {
                outcomes[(int)position & mask] = outcome;
            }
            else
            {
                final int slot = (head + waiting) & mask;
                outcomes[slot] = outcome;
                endedPositions[slot] = position;
                waiting++;
            }
            stored++;
            if (ordered ? position == wakeAtPosition : stored >= wakeAtStored)
            {
                wakeAtPosition = -1;
                wakeAtStored = Long.MAX_VALUE;
                woken = true; // release: the outcome is written before the flag the consumer polls
            }
        }
    }

    /**
     * Returns once the consumer can take: ordered, the outcome of position {@code consumed}; unordered, at least
     * {@code wanted} outcomes. Registers what it waits for, so that the thread storing it raises {@link #woken}.
     */
    private void awaitOutcomes(final long wanted)
    {
        synchronized (this)
        {
            if (ordered ? outcomes[(int)consumed & (outcomes.length - 1)] != null : stored - consumed >= wanted)
            {
                return;
            }
            woken = false;
            if (ordered)
            {
                wakeAtPosition = consumed;
            }
            else
            {
                wakeAtStored = consumed + wanted;
            }
        }
        pool.awaitUntil(() -> woken); // acquire: pairs with the release in store()
    }

    private synchronized Object take()
    {
        final int mask = outcomes.length - 1;
        if (ordered)
        {
            final int slot = (int)consumed & mask;
            final Object outcome = outcomes[slot];
            outcomes[slot] = null;
            return outcome;
        }
        final Object outcome = outcomes[head];
        outcomes[head] = null;
        head = (head + 1) & mask;
        waiting--;
        return outcome;
    }

    private synchronized int takeAll()
    {
        final int mask = outcomes.length - 1;
        if (drainedValues.length < outcomes.length)
        {
            drainedValues = new Object[outcomes.length];
            drainedPositions = new long[outcomes.length];
        }
        int n = 0;
        if (ordered)
        {
            for (long p = consumed; p < submitted; p++)
            {
                final int slot = (int)p & mask;
                final Object outcome = outcomes[slot];
                if (outcome == null)
                {
                    break;
                }
                outcomes[slot] = null;
                drainedValues[n] = outcome;
                drainedPositions[n++] = p;
            }
            return n;
        }
        while (waiting > 0)
        {
            drainedValues[n] = outcomes[head];
            drainedPositions[n++] = endedPositions[head];
            outcomes[head] = null;
            head = (head + 1) & mask;
            waiting--;
        }
        return n;
    }

    /**
     * Makes room for outcomes of positions {@code consumed} to {@code consumed + tasks - 1}.
     */
    private synchronized void ensureRoom(final long tasks)
    {
        if (tasks <= outcomes.length)
        {
            return;
        }
        if (tasks > MAX_OUTSTANDING)
        {
            throw new IllegalStateException("more than " + MAX_OUTSTANDING + " tasks outstanding: tasks=" + tasks);
        }
        final int length = Integer.highestOneBit((int)tasks - 1) << 1;
        final Object[] grown = new Object[length];
        final int oldMask = outcomes.length - 1;
        if (ordered)
        {
            for (long p = consumed; p < submitted; p++)
            {
                grown[(int)p & (length - 1)] = outcomes[(int)p & oldMask];
            }
        }
        else
        {
            final long[] grownPositions = new long[length];
            for (int i = 0; i < waiting; i++)
            {
                grown[i] = outcomes[(head + i) & oldMask];
                grownPositions[i] = endedPositions[(head + i) & oldMask];
            }
            endedPositions = grownPositions;
            head = 0;
        }
        outcomes = grown;
    }

    /**
     * Tops up after outcomes were taken: if the input fails now, the outcomes still go out, and the failure is
     * thrown by the next call that tops up.
     */
    private void topUpAfterTake()
    {
        try
        {
            topUp();
        }
        catch (final RuntimeException | Error ex)
        {
            inputFailure = ex;
        }
    }

    private void topUp()
    {
        final Throwable failure = inputFailure;
        if (failure != null)
        {
            inputFailure = null;
            if (failure instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw (Error)failure;
        }
        if (inputsDone || stopped)
        {
            return;
        }
        try
        {
            if (shape == null)
            {
                topUpTask();
            }
            else if (windowChunks == ALL)
            {
                submitAll();
            }
            else
            {
                topUpCalls();
            }
        }
        catch (final RuntimeException | Error ex)
        {
            // the input itself failed: what was sent still comes out, nothing more is read
            inputsDone = true;
            throw ex;
        }
    }

    private void topUpTask()
    {
        while (!inputsDone && !stopped && submitted - consumed < windowTasks)
        {
            final int chunk = (int)Math.min(windowTasks - (submitted - consumed),
                fixedChunk > 0 ? fixedChunk : chunkSizeFor(Pool.TARGET_CHUNK_MS * 1_000_000L));
            final long[] positions = new long[chunk];
            final Object[] arguments = new Object[chunk];
            int n = 0;
            while (n < chunk && inputs.hasNext())
            {
                arguments[n] = inputs.next();
                positions[n] = submitted + n;
                n++;
            }
            if (n < chunk)
            {
                inputsDone = true;
            }
            if (n == 0)
            {
                return;
            }
            ensureRoom(submitted + n - consumed);
            submitted += n;
            pool.submit(new Chunk(this, n == chunk ? positions : Arrays.copyOf(positions, n),
                n == chunk ? arguments : Arrays.copyOf(arguments, n)));
        }
    }

    private void topUpCalls()
    {
        while (!inputsDone && !stopped)
        {
            final int chunk = fixedChunk > 0 ? fixedChunk : chunkSizeFor(Pool.TARGET_CHUNK_MS * 1_000_000L);
            if (submitted - consumed + chunk > (long)windowChunks * chunk)
            {
                return;
            }
            submitCalls(chunk);
        }
    }

    private void submitAll()
    {
        final List<Object> all = new ArrayList<>();
        if (carried != NONE)
        {
            all.add(carried);
            carried = NONE;
        }
        inputs.forEachRemaining(all::add);
        inputs = all.iterator();
        final int chunk = fixedChunk > 0 ? fixedChunk : (int)Math.max(1, Math.min(Pool.MAX_AUTO_CHUNK,
            (all.size() + 4L * pool.size() - 1) / (4L * pool.size())));
        while (!inputsDone && !stopped)
        {
            submitCalls(chunk);
        }
    }

    /**
     * Reads up to {@code max} calls to one function and sends them as a chunk; a call to another function is kept
     * for the next chunk. A call whose function cannot be sent fails here, without reaching the pool.
     */
    private void submitCalls(final int max)
    {
        long[] positions = null;
        Object[] arguments = null;
        Object function = null;
        Object prepared = null;
        int arity = 0;
        int n = 0;
        while (n < max)
        {
            final Object call;
            if (carried != NONE)
            {
                call = carried;
                carried = NONE;
            }
            else if (inputs.hasNext())
            {
                call = inputs.next();
            }
            else
            {
                inputsDone = true;
                if (listener != null)
                {
                    listener.inputEnded(submitted + n);
                }
                break;
            }
            final Object f = shape.function(call);
            final int a = shape.arity(call);
            if (n > 0 && (f != function || a != arity))
            {
                carried = call;
                break;
            }
            if (n == 0)
            {
                if (f != lastFunction)
                {
                    lastFunction = f;
                    try
                    {
                        lastPrepared = pool.prepare(f);
                        lastError = null;
                    }
                    catch (final RuntimeException ex)
                    {
                        lastPrepared = null;
                        lastError = ex;
                    }
                }
                if (lastError != null)
                {
                    final long position = submitted++;
                    ensureRoom(submitted - consumed);
                    failed(position, new TaskFailedException("task " + position + " was not sent: " +
                        lastError.getMessage(), position, null, lastError));
                    return; // the window is checked again before the next call is read
                }
                function = f;
                arity = a;
                prepared = lastPrepared;
                positions = new long[max];
                arguments = new Object[max * Math.max(1, a)];
            }
            positions[n] = submitted + n;
            if (a >= 1)
            {
                arguments[n * a] = shape.first(call);
            }
            if (a == 2)
            {
                arguments[n * 2 + 1] = shape.second(call);
            }
            n++;
        }
        if (n == 0)
        {
            return;
        }
        ensureRoom(submitted + n - consumed);
        submitted += n;
        final int width = Math.max(1, arity);
        pool.submit(new Chunk(this, function, arity, prepared,
            n == max ? positions : Arrays.copyOf(positions, n),
            n == max ? arguments : Arrays.copyOf(arguments, n * width)));
    }
}
