package io.mp4j.launcher.pool;

import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.TaskFailedException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The pool interface in terms of three operations an engine supplies: prepare a call's function (a process pool
 * encodes it, so an unsendable task fails in the caller), execute a chunk, and wait until a condition holds (a
 * process pool's waiting callers move the pipes themselves). Engines report each task's outcome through
 * {@link #succeeded} and {@link #failed}, which keep the count {@link #awaitTermination} waits on.
 *
 * <p>Threading: thread-safe.
 */
abstract class AbstractPool implements Pool
{
    private final int size;
    private final PoolCounters counters;
    private final AtomicLong unfinished = new AtomicLong();
    private volatile boolean shutdown;

    /**
     * @param size the number of workers; the pool runs without shared counters.
     */
    AbstractPool(final int size)
    {
        this(size, null);
    }

    /**
     * @param size     the number of workers.
     * @param counters the pool's shared counters, or null to run without.
     */
    AbstractPool(final int size, final PoolCounters counters)
    {
        this.size = size;
        this.counters = counters;
    }

    /**
     * @return the pool's shared counters, or null if it runs without.
     */
    final PoolCounters counters()
    {
        return counters;
    }

    /**
     * Counts a task's end in the pool's shared counters (not null when called), on the thread reporting it, before
     * the caller hears of it. This one adds atomically, right from any thread; an engine whose outcomes are reported
     * by one thread at a time overrides it with {@link PoolCounters#endedExclusive}.
     */
    void countEnded(final PoolCounters counters, final boolean failure)
    {
        counters.ended(failure);
    }

    /**
     * Makes a function ready to send; throws (in the caller's thread) if it cannot be.
     *
     * @return what chunks of the function carry to the engine ({@link Chunk#prepared}), or null.
     * @throws io.mp4j.ipc.codec.CodecException if a process pool cannot encode it.
     */
    abstract Object prepare(Object function);

    /**
     * Runs the chunk's tasks, reporting each outcome once.
     */
    abstract void execute(Chunk chunk);

    /**
     * Returns once {@code done} holds, moving the pool's work along meanwhile if the engine needs it.
     *
     * @throws io.mp4j.ipc.Mp4jException if interrupted (the interrupt flag stays set).
     */
    abstract void awaitUntil(BooleanSupplier done);

    @Override
    public final int size()
    {
        return size;
    }

    final void succeeded(final Chunk chunk, final int index, final Object value)
    {
        unfinished.decrementAndGet();
        if (counters != null)
        {
            countEnded(counters, false);
        }
        chunk.call.succeeded(chunk.positions[index], value);
    }

    final void failed(final Chunk chunk, final int index, final TaskFailedException error)
    {
        unfinished.decrementAndGet();
        if (counters != null)
        {
            countEnded(counters, true);
        }
        chunk.call.failed(chunk.positions[index], error);
    }

    final long unfinishedTasks()
    {
        return unfinished.get();
    }

    final void submit(final Chunk chunk)
    {
        unfinished.addAndGet(chunk.size());
        if (counters != null)
        {
            counters.submitted(chunk.size());
        }
        execute(chunk);
    }

    @Override
    public <T, R> List<R> map(final Task<? super T, ? extends R> task, final Iterable<? extends T> inputs)
    {
        return join(mapAsync(task, inputs, 0));
    }

    @Override
    public <T, R> List<R> map(
        final Task<? super T, ? extends R> task, final Iterable<? extends T> inputs, final int chunkSize)
    {
        return join(mapAsync(task, inputs, checkChunk(chunkSize)));
    }

    @Override
    public <T, R> CompletableFuture<List<R>> mapAsync(
        final Task<? super T, ? extends R> task, final Iterable<? extends T> inputs)
    {
        return mapAsync(task, inputs, 0);
    }

    @Override
    public <A, B, R> List<R> starmap(
        final BiTask<? super A, ? super B, ? extends R> task,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> inputs)
    {
        final List<Object> flat = new ArrayList<>();
        for (final Map.Entry<? extends A, ? extends B> pair : inputs)
        {
            flat.add(pair.getKey());
            flat.add(pair.getValue());
        }
        return join(start(task, 2, flat, 0));
    }

    @Override
    public <T, R> Iterator<R> imap(final Task<? super T, ? extends R> task, final Iterable<? extends T> inputs)
    {
        return stream(task, inputs, 0, true);
    }

    @Override
    public <T, R> Iterator<R> imap(
        final Task<? super T, ? extends R> task, final Iterable<? extends T> inputs, final int chunkSize)
    {
        return stream(task, inputs, checkChunk(chunkSize), true);
    }

    @Override
    public <T, R> Iterator<R> imapUnordered(
        final Task<? super T, ? extends R> task, final Iterable<? extends T> inputs)
    {
        return stream(task, inputs, 0, false);
    }

    @Override
    public <T, R> Iterator<R> imapUnordered(
        final Task<? super T, ? extends R> task, final Iterable<? extends T> inputs, final int chunkSize)
    {
        return stream(task, inputs, checkChunk(chunkSize), false);
    }

    @Override
    public <T, R> R apply(final Task<? super T, ? extends R> task, final T argument)
    {
        return join(applyAsync(task, argument));
    }

    @Override
    public <T, R> CompletableFuture<R> applyAsync(final Task<? super T, ? extends R> task, final T argument)
    {
        final List<Object> one = new ArrayList<>(1);
        one.add(argument);
        return this.<R>start(task, 1, one, 1).thenApply(list -> list.get(0));
    }

    @Override
    public <R> CompletableFuture<R> submit(final Job<? extends R> job)
    {
        final List<Object> none = new ArrayList<>(1);
        none.add(null);
        return this.<R>start(job, 0, none, 1).thenApply(list -> list.get(0));
    }

    @Override
    public boolean isShutdown()
    {
        return shutdown;
    }

    @Override
    public void shutdown()
    {
        shutdown = true;
    }

    private <T, R> CompletableFuture<List<R>> mapAsync(
        final Task<? super T, ? extends R> task, final Iterable<? extends T> inputs, final int chunkSize)
    {
        final List<Object> list;
        if (inputs instanceof Collection<?> collection)
        {
            list = new ArrayList<>(collection);
        }
        else
        {
            list = new ArrayList<>();
            inputs.forEach(list::add);
        }
        return start(task, 1, list, chunkSize);
    }

    @SuppressWarnings("unchecked")
    private <R> CompletableFuture<List<R>> start(
        final Object function, final int arity, final List<Object> flat, final int chunkSize)
    {
        checkOpen();
        final int tasks = arity == 2 ? flat.size() / 2 : flat.size();
        final ListCall call = new ListCall(function, arity, tasks);
        call.prepared = prepare(function);
        final int chunk = chunkSize > 0 ? chunkSize :
            (int)Math.max(1, Math.min(MAX_AUTO_CHUNK, (tasks + 4L * size - 1) / (4L * size)));
        final int width = Math.max(1, arity);
        for (int from = 0; from < tasks; from += chunk)
        {
            final int to = Math.min(tasks, from + chunk);
            final long[] positions = new long[to - from];
            for (int i = 0; i < positions.length; i++)
            {
                positions[i] = from + i;
            }
            final Object[] arguments = flat.subList(from * width, to * width).toArray();
            submit(new Chunk(call, positions, arguments));
        }
        return (CompletableFuture<List<R>>)(CompletableFuture<?>)call.future();
    }

    private <T, R> Iterator<R> stream(
        final Task<? super T, ? extends R> task, final Iterable<? extends T> inputs, final int chunkSize,
        final boolean ordered)
    {
        checkOpen();
        final StreamCall<R> call = StreamCall.ofTask(this, task, inputs.iterator(), chunkSize, ordered);
        call.prepared = prepare(task);
        return call;
    }

    private <R> R join(final CompletableFuture<R> future)
    {
        awaitUntil(future::isDone);
        try
        {
            return future.join();
        }
        catch (final CompletionException ex)
        {
            if (ex.getCause() instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            if (ex.getCause() instanceof Error error)
            {
                throw error;
            }
            throw ex;
        }
    }

    final void checkOpen()
    {
        if (shutdown)
        {
            throw new IllegalStateException(this + " is shut down: it takes no more calls");
        }
    }

    private static int checkChunk(final int chunkSize)
    {
        if (chunkSize < 1)
        {
            throw new IllegalArgumentException("chunkSize must be at least 1: chunkSize=" + chunkSize);
        }
        return chunkSize;
    }
}
