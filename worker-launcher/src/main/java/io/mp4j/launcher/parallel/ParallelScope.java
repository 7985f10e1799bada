package io.mp4j.launcher.parallel;

import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.pool.CallStream;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.Pools;
import io.mp4j.launcher.pool.ProcessPool;
import io.mp4j.launcher.pool.ThreadPool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One pool kept for several {@link Parallel} calls (joblib's {@code with Parallel(...) as parallel:}), made by
 * {@link Parallel#open()}: every call through the scope runs on the same workers, with the settings of the
 * {@code Parallel} that opened it. {@link #close()} closes the pool; a process pool's idle workers then wait
 * {@link io.mp4j.launcher.pool.PoolOptions#keepAlive()} for the next pool with the same settings, so even calls of
 * a plain {@link Parallel} reuse warm worker JVMs.
 *
 * <pre>{@code
 * try (ParallelScope scope = new Parallel(4).open())
 * {
 *     List<Integer> cubes = scope.run(xs.stream().map(x -> delayed(Example::cube, x)));
 *     List<Integer> squares = scope.run(xs.stream().map(x -> delayed(Example::square, x)));
 * }
 * }</pre>
 *
 * <p>Threading: thread-safe; calls from several threads at once share the pool (unlike joblib, which refuses a
 * second call on a busy {@code Parallel}). Each result iterator belongs to the thread consuming it.
 */
public final class ParallelScope implements AutoCloseable
{
    private static final int MAX_SUPPRESSED = 16;

    private final Parallel settings;
    private final Backend backend;
    private final int workers;
    private final Pool pool;
    private volatile boolean closed;

    ParallelScope(final Parallel settings)
    {
        this.settings = settings;
        this.backend = settings.effectiveBackend();
        this.pool = switch (backend)
        {
            case PROCESSES -> new ProcessPool(settings.effectivePoolOptions());
            case THREADS -> new ThreadPool(settings.effectivePoolOptions());
            case CONFIGURED -> Pools.open(settings.effectivePoolOptions());
            case SEQUENTIAL -> null;
        };
        this.workers = switch (backend)
        {
            case SEQUENTIAL -> 1;
            case CONFIGURED -> pool.size();
            default -> settings.workers();
        };
    }

    /**
     * @return the backend the calls run on.
     */
    public Backend backend()
    {
        return backend;
    }

    /**
     * @return the number of workers: 1 for the sequential backend, the pool's size for the configured one.
     */
    public int workers()
    {
        return workers;
    }

    /**
     * @return the pool the calls run on: a {@link ProcessPool}, a {@link ThreadPool}, or the configured backend's
     * pool; null for the sequential backend. Usable for other work; closed with this scope.
     */
    public Pool pool()
    {
        return pool;
    }

    /**
     * Runs the calls and returns their results in input order (joblib's {@code return_as="list"}).
     *
     * <p>Calls are read lazily, at most the pre-dispatch amount of batches ahead of the results. At the first
     * failure no more calls are read (as joblib); the calls already dispatched run to their end, and then the
     * failure of the lowest index is thrown, with the other failures (at most 16) attached as suppressed. Since calls
     * are dispatched in input order and all dispatched ones are waited for, that is the failure {@code pool.map}
     * would throw: the lowest-index failure of the whole input.
     *
     * @param calls the calls, e.g. {@code xs.stream().map(x -> delayed(Example::cube, x)).toList()}; read once, from
     *              this thread; may be lazy (a generator).
     * @param <R>   the result type.
     * @return the results, in input order (unmodifiable).
     * @throws TaskFailedException   for the failed call of the lowest index; a
     *                               {@link io.mp4j.launcher.WorkerDiedException} if its worker JVM died, a
     *                               {@link io.mp4j.launcher.TaskTimeoutException} if it ran past the timeout.
     * @throws IllegalStateException if the scope is closed.
     */
    public <R> List<R> run(final Iterable<? extends Delayed<R>> calls)
    {
        checkOpen();
        final long total = calls instanceof Collection<?> collection ? collection.size() : -1;
        final Progress progress = new Progress(settings, backend, workers, total, scheduleAmount());
        try
        {
            final List<R> results = pool == null ? runHere(calls.iterator(), total, progress) :
                runOnPool(calls.iterator(), progress);
            progress.rethrowListenerFailure();
            return results;
        }
        finally
        {
            progress.close();
        }
    }

    /**
     * {@link #run(Iterable)} over a stream of calls.
     *
     * @param calls the calls, e.g. {@code xs.stream().map(x -> delayed(Example::cube, x))}; consumed lazily.
     * @param <R>   the result type.
     * @return the results, in input order (unmodifiable).
     */
    public <R> List<R> run(final Stream<? extends Delayed<R>> calls)
    {
        return run(iterable(calls));
    }

    /**
     * Runs the calls lazily and gives their results in input order as they come (joblib's
     * {@code return_as="generator"}).
     *
     * @param calls the calls, read from the consuming thread, at most the pre-dispatch amount of batches ahead.
     * @param <R>   the result type.
     * @return the results, in input order.
     * @throws IllegalStateException if the scope is closed.
     */
    public <R> ResultIterator<R> iterate(final Iterable<? extends Delayed<R>> calls)
    {
        return iterate(calls, true, null);
    }

    /**
     * {@link #iterate(Iterable)} over a stream of calls.
     *
     * @param calls the calls, consumed lazily.
     * @param <R>   the result type.
     * @return the results, in input order.
     */
    public <R> ResultIterator<R> iterate(final Stream<? extends Delayed<R>> calls)
    {
        return iterate(iterable(calls), true, null);
    }

    /**
     * Runs the calls lazily and gives their results in the order the tasks end (joblib's
     * {@code return_as="generator_unordered"}).
     *
     * @param calls the calls, read from the consuming thread, at most the pre-dispatch amount of batches ahead.
     * @param <R>   the result type.
     * @return the results, as tasks end.
     * @throws IllegalStateException if the scope is closed.
     */
    public <R> ResultIterator<R> iterateUnordered(final Iterable<? extends Delayed<R>> calls)
    {
        return iterate(calls, false, null);
    }

    /**
     * {@link #iterateUnordered(Iterable)} over a stream of calls.
     *
     * @param calls the calls, consumed lazily.
     * @param <R>   the result type.
     * @return the results, as tasks end.
     */
    public <R> ResultIterator<R> iterateUnordered(final Stream<? extends Delayed<R>> calls)
    {
        return iterate(iterable(calls), false, null);
    }

    /**
     * Closes the pool: a process pool waits for the tasks still running (result iterators left open have at most
     * their pre-dispatched calls running) and keeps its idle workers warm for reuse; a thread pool is shut down
     * without waiting (a thread still running a task that ran past its timeout ends when the task returns).
     * Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (pool instanceof ThreadPool)
        {
            pool.shutdown();
        }
        else if (pool != null)
        {
            pool.close();
        }
    }

    @Override
    public String toString()
    {
        return "ParallelScope(" + settings + ", " + backend.label() + ")";
    }

    /**
     * Starts a lazy call; the iterator closes {@code owner} (a scope opened for this call alone) when it closes.
     */
    <R> ResultIterator<R> iterate(final Iterable<? extends Delayed<R>> calls, final boolean ordered,
        final ParallelScope owner)
    {
        checkOpen();
        final long total = calls instanceof Collection<?> collection ? collection.size() : -1;
        final Progress progress = new Progress(settings, backend, workers, total, scheduleAmount());
        try
        {
            if (pool == null)
            {
                return new SequentialResults<>(calls.iterator(), progress, owner);
            }
            final CallStream<R> stream = CallStream.open(pool, calls.iterator(), DelayedShape.INSTANCE, ordered,
                preDispatch(), settings.batchSize(), progress);
            return new PoolResults<>(stream, progress, owner, ordered);
        }
        catch (final RuntimeException | Error ex)
        {
            progress.close();
            throw ex;
        }
    }

    private <R> List<R> runOnPool(final Iterator<? extends Delayed<R>> calls, final Progress progress)
    {
        final CallStream<R> stream = CallStream.open(pool, calls, DelayedShape.INSTANCE, false, preDispatch(),
            settings.batchSize(), progress);
        progress.stopOnFailure(stream);
        final Collected<R> collected = new Collected<>();
        while (stream.drainTo(collected) >= 0)
        {
            progress.dispatched(stream.dispatched());
        }
        progress.dispatched(stream.dispatched());
        collected.throwLowestFailure();
        progress.finished();
        return collected.results((int)stream.dispatched());
    }

    private static <R> List<R> runHere(final Iterator<? extends Delayed<R>> calls, final long total,
        final Progress progress)
    {
        final List<R> results = new ArrayList<>((int)Math.max(0, Math.min(1 << 20, total)));
        long index = 0;
        while (calls.hasNext())
        {
            final Delayed<R> call = calls.next();
            progress.dispatched(index + 1);
            results.add(callHere(call, index, progress));
            index++;
        }
        progress.inputEnded(index);
        progress.finished();
        return Collections.unmodifiableList(results);
    }

    /**
     * Runs one call in this thread, reporting its end; a failure is reported, then thrown.
     */
    static <R> R callHere(final Delayed<R> call, final long index, final Progress progress)
    {
        final R value;
        try
        {
            value = call.call();
        }
        catch (final Throwable t)
        {
            if (t instanceof InterruptedException)
            {
                Thread.currentThread().interrupt();
            }
            final String thread = Thread.currentThread().getName();
            final TaskFailedException failure = new TaskFailedException("task " + index + " failed in thread " +
                thread + ": " + t, index, thread, t);
            progress.ended(index, failure);
            throw failure;
        }
        progress.ended(index, null);
        return value;
    }

    private int preDispatch()
    {
        final int amount = PreDispatch.amount(settings.preDispatch(), workers);
        return amount < 0 ? CallStream.ALL : amount;
    }

    private long scheduleAmount()
    {
        return pool == null ? 0 : Math.max(0, PreDispatch.amount(settings.preDispatch(), workers));
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static <T> Iterable<T> iterable(final Stream<T> stream)
    {
        return stream::iterator;
    }

    /**
     * Results of a {@code run} by index, and its failures.
     */
    private static final class Collected<R> implements CallStream.Sink<R>
    {
        private Object[] values = new Object[64];
        private final List<TaskFailedException> failures = new ArrayList<>();

        @Override
        public void accept(final long index, final R value, final TaskFailedException failure)
        {
            if (failure != null)
            {
                failures.add(failure);
                return;
            }
            if (index >= values.length)
            {
                values = Arrays.copyOf(values, (int)Math.max(index + 1, Math.min(Integer.MAX_VALUE - 8,
                    2L * values.length)));
            }
            values[(int)index] = value;
        }

        void throwLowestFailure()
        {
            if (failures.isEmpty())
            {
                return;
            }
            failures.sort((a, b) -> Long.compare(a.index(), b.index()));
            final TaskFailedException first = failures.get(0);
            for (int i = 1; i < Math.min(MAX_SUPPRESSED + 1, failures.size()); i++)
            {
                first.addSuppressed(failures.get(i));
            }
            throw first;
        }

        @SuppressWarnings("unchecked")
        List<R> results(final int count)
        {
            return (List<R>)Collections.unmodifiableList(Arrays.asList(values.length == count ? values :
                Arrays.copyOf(values, count)));
        }
    }
}
