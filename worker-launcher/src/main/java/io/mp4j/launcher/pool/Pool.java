package io.mp4j.launcher.pool;

import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.Task;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Python's {@code multiprocessing.Pool} and {@code concurrent.futures} executors in one interface, over worker JVMs
 * ({@link ProcessPool}) or threads of this JVM ({@link ThreadPool}).
 *
 * <p>Tasks fail one by one: a task that throws, whose worker dies or that runs past its timeout fails with a
 * {@link io.mp4j.launcher.TaskFailedException} naming its index, and the rest of the call runs on; the pool stays
 * usable. {@code map} and its kin wait for every task of the call and then throw the failure of the lowest index
 * (the others are attached as suppressed exceptions). Iterators from {@code imap} throw each task's failure from the
 * {@code next()} that reaches it and can go on.
 *
 * <p>Chunks: {@code map} sends tasks to workers in chunks of {@code ceil(n / (4 * workers))} tasks, at most
 * {@value #MAX_AUTO_CHUNK} (Python's rule, capped so one chunk never holds up the others for long); {@code imap}
 * sizes its chunks from the measured time per task so that a chunk takes about {@value #TARGET_CHUNK_MS} ms, starting
 * from 1. A given chunk size overrides both.
 *
 * <p>Threading: every method is thread-safe; calls from several threads run at once and share the workers. Results
 * of async calls complete on a thread of the pool, so dependent stages that block should use the {@code *Async}
 * variants of {@link CompletableFuture}.
 */
public interface Pool extends AutoCloseable
{
    /** Largest chunk the automatic rule of {@code map} picks. */
    int MAX_AUTO_CHUNK = 2048;
    /** What an automatic chunk of {@code imap} aims to take, in milliseconds. */
    int TARGET_CHUNK_MS = 2;

    /**
     * @return the number of workers.
     */
    int size();

    /**
     * Calls {@code task} on every input, in parallel, and returns the results in input order (Python's {@code map}).
     *
     * @param task   the task.
     * @param inputs its inputs (read once, at once).
     * @param <T>    the input type.
     * @param <R>    the result type.
     * @return the results, in input order.
     * @throws io.mp4j.launcher.TaskFailedException for the failed task of the lowest index, once all have ended.
     * @throws io.mp4j.ipc.codec.CodecException if the task cannot be sent to a worker JVM.
     */
    <T, R> List<R> map(Task<? super T, ? extends R> task, Iterable<? extends T> inputs);

    /**
     * {@link #map(Task, Iterable)} with a given chunk size.
     *
     * @param task      the task.
     * @param inputs    its inputs.
     * @param chunkSize tasks sent to a worker at a time, at least 1.
     * @param <T>       the input type.
     * @param <R>       the result type.
     * @return the results, in input order.
     */
    <T, R> List<R> map(Task<? super T, ? extends R> task, Iterable<? extends T> inputs, int chunkSize);

    /**
     * {@link #map(Task, Iterable)} without waiting (Python's {@code map_async}).
     *
     * @param task   the task.
     * @param inputs its inputs.
     * @param <T>    the input type.
     * @param <R>    the result type.
     * @return the results, in input order, when all tasks have ended.
     */
    <T, R> CompletableFuture<List<R>> mapAsync(Task<? super T, ? extends R> task, Iterable<? extends T> inputs);

    /**
     * Calls a two-argument task on each pair (Python's {@code starmap}).
     *
     * @param task   the task.
     * @param inputs its argument pairs.
     * @param <A>    the first argument type.
     * @param <B>    the second argument type.
     * @param <R>    the result type.
     * @return the results, in input order.
     */
    <A, B, R> List<R> starmap(
        BiTask<? super A, ? super B, ? extends R> task, Iterable<? extends Map.Entry<? extends A, ? extends B>> inputs);

    /**
     * Lazily maps, in input order (Python's {@code imap}): inputs are read as results are consumed, with a bounded
     * number of tasks in flight, so an endless input works in bounded memory.
     *
     * @param task   the task.
     * @param inputs its inputs, read from the consuming thread.
     * @param <T>    the input type.
     * @param <R>    the result type.
     * @return the results, in input order; {@code next()} throws the failure of a failed task.
     */
    <T, R> Iterator<R> imap(Task<? super T, ? extends R> task, Iterable<? extends T> inputs);

    /**
     * {@link #imap(Task, Iterable)} with a given chunk size.
     *
     * @param task      the task.
     * @param inputs    its inputs.
     * @param chunkSize tasks sent to a worker at a time, at least 1.
     * @param <T>       the input type.
     * @param <R>       the result type.
     * @return the results, in input order.
     */
    <T, R> Iterator<R> imap(Task<? super T, ? extends R> task, Iterable<? extends T> inputs, int chunkSize);

    /**
     * Lazily maps, results in the order tasks finish (Python's {@code imap_unordered}).
     *
     * @param task   the task.
     * @param inputs its inputs, read from the consuming thread.
     * @param <T>    the input type.
     * @param <R>    the result type.
     * @return the results as they finish.
     */
    <T, R> Iterator<R> imapUnordered(Task<? super T, ? extends R> task, Iterable<? extends T> inputs);

    /**
     * {@link #imapUnordered(Task, Iterable)} with a given chunk size.
     *
     * @param task      the task.
     * @param inputs    its inputs.
     * @param chunkSize tasks sent to a worker at a time, at least 1.
     * @param <T>       the input type.
     * @param <R>       the result type.
     * @return the results as they finish.
     */
    <T, R> Iterator<R> imapUnordered(Task<? super T, ? extends R> task, Iterable<? extends T> inputs, int chunkSize);

    /**
     * Runs one task and waits for it (Python's {@code apply}).
     *
     * @param task     the task.
     * @param argument its argument.
     * @param <T>      the argument type.
     * @param <R>      the result type.
     * @return the result.
     * @throws io.mp4j.launcher.TaskFailedException if it failed.
     */
    <T, R> R apply(Task<? super T, ? extends R> task, T argument);

    /**
     * Runs one task without waiting (Python's {@code apply_async}).
     *
     * @param task     the task.
     * @param argument its argument.
     * @param <T>      the argument type.
     * @param <R>      the result type.
     * @return the result, or the task's {@link io.mp4j.launcher.TaskFailedException}.
     */
    <T, R> CompletableFuture<R> applyAsync(Task<? super T, ? extends R> task, T argument);

    /**
     * Runs a job without waiting ({@code concurrent.futures}' {@code submit}).
     *
     * @param job the job.
     * @param <R> the result type.
     * @return the result, or the job's {@link io.mp4j.launcher.TaskFailedException}.
     */
    <R> CompletableFuture<R> submit(Job<? extends R> job);

    /**
     * Accepts no more calls; calls already made run to the end (Python's {@code close}).
     */
    void shutdown();

    /**
     * @return whether {@link #shutdown()}, {@link #close()} or {@link #terminate()} was called.
     */
    boolean isShutdown();

    /**
     * Waits until every call made has ended and the workers have stopped (Python's {@code join}); call
     * {@link #shutdown()} first.
     *
     * @param timeout the longest wait.
     * @return true if everything ended in time.
     * @throws IllegalStateException if the pool was not shut down.
     */
    boolean awaitTermination(Duration timeout);

    /**
     * Stops at once: workers are killed, and tasks not finished fail (Python's {@code terminate}).
     */
    void terminate();

    /**
     * Shuts down and waits for every call to end ({@link #shutdown()} then {@link #awaitTermination}); a process
     * pool's idle workers are kept for reuse for {@link PoolOptions#keepAlive()}.
     */
    @Override
    void close();
}
