package io.mp4j.launcher.pool;

import io.mp4j.launcher.TaskFailedException;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A lazy call (imap, imapUnordered) and its result iterator. Inputs are read on the consuming thread, a chunk at a
 * time, only while fewer than {@code window} tasks are in flight or waiting to be consumed, so memory stays bounded
 * whatever the input's length. Results come out in input order, or in the order tasks finish.
 *
 * <p>Threading: the iterator belongs to one consuming thread; outcomes arrive from the pool's threads.
 */
final class StreamCall<R> extends Call implements Iterator<R>
{
    private static final Object NULL = new Object();

    private final AbstractPool pool;
    private final Iterator<?> inputs;
    private final int fixedChunk;
    private final int window;
    private final boolean ordered;
    private final Map<Long, Object> byPosition = new HashMap<>();
    private final ArrayDeque<Object> byCompletion = new ArrayDeque<>();
    private long submitted;
    private long consumed;
    private boolean inputsDone;

    StreamCall(final AbstractPool pool, final Object function, final Iterator<?> inputs, final int fixedChunk,
        final boolean ordered)
    {
        super(function, 1);
        this.pool = pool;
        this.inputs = inputs;
        this.fixedChunk = fixedChunk;
        this.ordered = ordered;
        this.window = Math.max(64, 4 * pool.size() * Math.max(1, fixedChunk));
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
        pool.awaitUntil(this::available);
        final Object outcome;
        synchronized (this)
        {
            outcome = ordered ? byPosition.remove(consumed) : byCompletion.pollFirst();
        }
        consumed++;
        topUp();
        if (outcome instanceof TaskFailedException failure)
        {
            throw failure;
        }
        return outcome == NULL ? null : (R)outcome;
    }

    @Override
    void succeeded(final long position, final Object value)
    {
        store(position, value == null ? NULL : value);
    }

    @Override
    void failed(final long position, final TaskFailedException error)
    {
        store(position, error);
    }

    private synchronized void store(final long position, final Object outcome)
    {
        if (ordered)
        {
            byPosition.put(position, outcome);
        }
        else
        {
            byCompletion.addLast(outcome);
        }
    }

    private synchronized boolean available()
    {
        return ordered ? byPosition.containsKey(consumed) : !byCompletion.isEmpty();
    }

    private void topUp()
    {
        while (!inputsDone && submitted - consumed < window)
        {
            final int chunk = (int)Math.min(window - (submitted - consumed),
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
            submitted += n;
            pool.submit(new Chunk(this, n == chunk ? positions : java.util.Arrays.copyOf(positions, n),
                n == chunk ? arguments : java.util.Arrays.copyOf(arguments, n)));
        }
    }
}
