package io.mp4j.launcher.parallel;

import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.Workers;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * joblib's {@code Parallel} and {@code delayed} on mp4j's pools: runs calls of {@link Task}s, {@link BiTask}s and
 * {@link Job}s on worker JVMs, threads, or the calling thread, with joblib's settings and progress reporting.
 *
 * <pre>{@code
 * import static io.mp4j.launcher.parallel.Parallel.delayed;
 *
 * static int cube(int x) { return x * x * x; }
 *
 * List<Integer> cubes = new Parallel(4).verbose(1)
 *     .run(IntStream.range(0, 7).boxed().map(x -> delayed(Example::cube, x)));    // [0, 1, 8, 27, 64, 125, 216]
 * }</pre>
 *
 * <p>Settings, each with a wither returning a copy (joblib's keyword arguments):
 * <ul>
 *   <li>{@code nJobs} (constructor, {@link #nJobs(int)}): workers, as joblib counts them ({@link Workers}): positive,
 *       or -1 for every processor, -2 for all but one.</li>
 *   <li>{@link #backend(Backend)}: {@link Backend#PROCESSES} (the default), {@link Backend#THREADS},
 *       {@link Backend#SEQUENTIAL}, or {@link Backend#CONFIGURED}: the pool backend that {@code mp4j.backend} names
 *       ({@link io.mp4j.launcher.pool.Pools}), such as a cluster's. Without one, {@code nJobs} of 1 (resolved) runs sequentially in the calling
 *       thread, as joblib; {@link #requireSharedHeap()} (joblib's {@code require="sharedmem"}) makes it threads;
 *       else {@link #prefer(Backend)}'s hint, else processes. An explicit backend is used as given, even with
 *       {@code nJobs} of 1 (joblib would fall back to sequential), except that requiring a shared heap with the
 *       process or configured backend is refused.</li>
 *   <li>{@link #timeout(Duration)}: per task. On processes a task past it has its worker JVM killed (and replaced)
 *       and fails with a {@link io.mp4j.launcher.TaskTimeoutException}; on threads it fails the same way at once and
 *       its thread is interrupted (a task that ignores the interrupt runs on, its result dropped); the sequential
 *       backend ignores it, as joblib's does.</li>
 *   <li>{@link #preDispatch(String)}: batches kept dispatched ahead of the results consumed ({@code "2*nJobs"}
 *       unless set; an integer; or {@code "all"}).</li>
 *   <li>{@link #batchSize(int)}: calls per batch; 0 (the default) sizes batches so that each takes about
 *       {@value io.mp4j.launcher.pool.Pool#TARGET_CHUNK_MS} ms, from the measured time per call.</li>
 *   <li>{@link #poolOptions(PoolOptions)}: how worker JVMs start, initializer, retries, keep-alive.</li>
 *   <li>Progress: {@link #verbose(int)} (joblib's lines), {@link #progressBar(boolean)} (a live bar on a
 *       terminal), {@link #progress(ProgressListener)} (a callback), and always shared-memory counters
 *       ({@link ParallelCounters}) named after {@link #name(String)}.</li>
 * </ul>
 *
 * <p>Results: {@link #run} gives a list in input order (joblib's {@code return_as="list"}), {@link #iterate} an
 * iterator in input order ({@code "generator"}), {@link #iterateUnordered} one in the order tasks end
 * ({@code "generator_unordered"}). Each call of a plain {@code Parallel} opens a pool and closes it; a process
 * pool's idle worker JVMs stay warm for the next call with equal settings. {@link #open()} keeps one pool for
 * several calls.
 *
 * <p>Threading: immutable and thread-safe; every call may come from any thread.
 */
public final class Parallel
{
    private final int nJobs;
    private final Backend backend;
    private final Backend prefer;
    private final boolean requireSharedHeap;
    private final Duration timeout;
    private final String preDispatch;
    private final int batchSize;
    private final PoolOptions poolOptions;
    private final int verbose;
    private final ProgressListener progress;
    private final boolean progressBar;
    private final String name;
    private final PrintStream printTo;
    private final LongSupplier nanoClock;
    private final BooleanSupplier terminal;

    /**
     * Settings with joblib's defaults: the process backend (unless {@code nJobs} resolves to 1), no timeout,
     * pre-dispatch {@code "2*nJobs"}, automatic batches, default pool options, silent.
     *
     * @param nJobs the number of workers: positive, or negative as in joblib (-1: every processor, -2: all but one).
     * @throws IllegalArgumentException if {@code nJobs} is 0 or leaves no worker.
     */
    public Parallel(final int nJobs)
    {
        this(checkJobs(nJobs), null, null, false, null, PreDispatch.DEFAULT, 0, PoolOptions.defaults(), 0, null,
            false, ParallelCounters.DEFAULT_NAME, null, System::nanoTime, Terminals::stderrIsTerminal);
    }

    private Parallel(final int nJobs, final Backend backend, final Backend prefer, final boolean requireSharedHeap,
        final Duration timeout, final String preDispatch, final int batchSize, final PoolOptions poolOptions,
        final int verbose, final ProgressListener progress, final boolean progressBar, final String name,
        final PrintStream printTo, final LongSupplier nanoClock, final BooleanSupplier terminal)
    {
        this.nJobs = nJobs;
        this.backend = backend;
        this.prefer = prefer;
        this.requireSharedHeap = requireSharedHeap;
        this.timeout = timeout;
        this.preDispatch = preDispatch;
        this.batchSize = batchSize;
        this.poolOptions = poolOptions;
        this.verbose = verbose;
        this.progress = progress;
        this.progressBar = progressBar;
        this.name = name;
        this.printTo = printTo;
        this.nanoClock = nanoClock;
        this.terminal = terminal;
    }

    /**
     * joblib's {@code delayed(f)(x)}: a call of a one-argument task.
     *
     * @param task     the function.
     * @param argument its argument.
     * @param <T>      the argument type.
     * @param <R>      the result type.
     * @return the call, to run later.
     */
    public static <T, R> Delayed<R> delayed(final Task<? super T, ? extends R> task, final T argument)
    {
        return Delayed.of(task, argument);
    }

    /**
     * joblib's {@code delayed(f)(a, b)}: a call of a two-argument task.
     *
     * @param task   the function.
     * @param first  its first argument.
     * @param second its second argument.
     * @param <A>    the first argument type.
     * @param <B>    the second argument type.
     * @param <R>    the result type.
     * @return the call, to run later.
     */
    public static <A, B, R> Delayed<R> delayed(final BiTask<? super A, ? super B, ? extends R> task, final A first,
        final B second)
    {
        return Delayed.of(task, first, second);
    }

    /**
     * joblib's {@code delayed(f)()}: a call of a job, which takes no argument.
     *
     * @param job the function.
     * @param <R> the result type.
     * @return the call, to run later.
     */
    public static <R> Delayed<R> delayed(final Job<? extends R> job)
    {
        return Delayed.of(job);
    }

    /**
     * @param nJobs the number of workers: positive, or negative as in joblib.
     * @return a copy with it.
     * @throws IllegalArgumentException if it is 0 or leaves no worker.
     */
    public Parallel nJobs(final int nJobs)
    {
        return new Parallel(checkJobs(nJobs), backend, prefer, requireSharedHeap, timeout, preDispatch, batchSize,
            poolOptions, verbose, progress, progressBar, name, printTo, nanoClock, terminal);
    }

    /**
     * @param backend where calls run, used as given.
     * @return a copy with it.
     * @throws IllegalArgumentException if it is {@link Backend#PROCESSES} or {@link Backend#CONFIGURED} and a shared
     *                                  heap is required.
     */
    public Parallel backend(final Backend backend)
    {
        Objects.requireNonNull(backend, "backend");
        if (sharesNoHeap(backend) && requireSharedHeap)
        {
            throw new IllegalArgumentException("backend=" + backend.label() + " conflicts with requireSharedHeap(): " +
                "its workers share no heap with this JVM; use Backend.THREADS or Backend.SEQUENTIAL");
        }
        return new Parallel(nJobs, backend, prefer, requireSharedHeap, timeout, preDispatch, batchSize,
            poolOptions, verbose, progress, progressBar, name, printTo, nanoClock, terminal);
    }

    /**
     * joblib's {@code prefer}: a soft hint, used only when no backend is set, {@code nJobs} is not 1 and no shared
     * heap is required.
     *
     * @param prefer {@link Backend#PROCESSES} or {@link Backend#THREADS}.
     * @return a copy with it.
     * @throws IllegalArgumentException if it is {@link Backend#SEQUENTIAL} or {@link Backend#CONFIGURED}.
     */
    public Parallel prefer(final Backend prefer)
    {
        Objects.requireNonNull(prefer, "prefer");
        if (prefer == Backend.SEQUENTIAL || prefer == Backend.CONFIGURED)
        {
            throw new IllegalArgumentException("prefer is processes or threads: prefer=" + prefer.label() + " (use " +
                "backend(Backend." + prefer.name() + ")" + (prefer == Backend.SEQUENTIAL ? " or nJobs 1)" : ")"));
        }
        return new Parallel(nJobs, backend, prefer, requireSharedHeap, timeout, preDispatch, batchSize,
            poolOptions, verbose, progress, progressBar, name, printTo, nanoClock, terminal);
    }

    /**
     * joblib's {@code require="sharedmem"}: calls must share this JVM's heap, so they run on threads (or
     * sequentially when {@code nJobs} is 1), whatever {@link #prefer(Backend)} says.
     *
     * @return a copy requiring it.
     * @throws IllegalArgumentException if the backend was set to {@link Backend#PROCESSES} or
     *                                  {@link Backend#CONFIGURED}.
     */
    public Parallel requireSharedHeap()
    {
        if (sharesNoHeap(backend))
        {
            throw new IllegalArgumentException("requireSharedHeap() conflicts with backend=" + backend.label() +
                ": its workers share no heap with this JVM");
        }
        return new Parallel(nJobs, backend, prefer, true, timeout, preDispatch, batchSize, poolOptions, verbose,
            progress, progressBar, name, printTo, nanoClock, terminal);
    }

    /**
     * @param timeout how long one task may run (it replaces the pool options' {@code taskTimeout}); null for no
     *                limit.
     * @return a copy with it.
     * @throws IllegalArgumentException if it is not positive.
     */
    public Parallel timeout(final Duration timeout)
    {
        if (timeout != null && (timeout.isZero() || timeout.isNegative()))
        {
            throw new IllegalArgumentException("timeout must be positive: timeout=" + timeout);
        }
        return new Parallel(nJobs, backend, prefer, requireSharedHeap, timeout, preDispatch, batchSize,
            poolOptions, verbose, progress, progressBar, name, printTo, nanoClock, terminal);
    }

    /**
     * joblib's {@code pre_dispatch}: how many batches are kept dispatched (in flight, or done and waiting to be
     * consumed) ahead of the results consumed, and so how far the input is read ahead.
     *
     * @param preDispatch {@code "all"} (read every call at once), an integer, or an expression of the number of
     *                    workers: {@code "2*nJobs"} (the default), {@code "nJobs"}, {@code "1.5*n_jobs"}.
     * @return a copy with it.
     * @throws IllegalArgumentException if it is none of these.
     */
    public Parallel preDispatch(final String preDispatch)
    {
        return new Parallel(nJobs, backend, prefer, requireSharedHeap, timeout, PreDispatch.check(preDispatch),
            batchSize, poolOptions, verbose, progress, progressBar, name, printTo, nanoClock, terminal);
    }

    /**
     * @param batches batches kept dispatched ahead of the results consumed, at least 1.
     * @return a copy with it.
     * @throws IllegalArgumentException if it is below 1.
     */
    public Parallel preDispatch(final int batches)
    {
        return preDispatch(Integer.toString(batches));
    }

    /**
     * joblib's {@code batch_size}: how many calls go to a worker at a time.
     *
     * @param batchSize calls per batch; 0 for automatic (batches of about
     *                  {@value io.mp4j.launcher.pool.Pool#TARGET_CHUNK_MS} ms).
     * @return a copy with it.
     * @throws IllegalArgumentException if it is negative.
     */
    public Parallel batchSize(final int batchSize)
    {
        if (batchSize < 0)
        {
            throw new IllegalArgumentException("batchSize must be 0 (automatic) or positive: batchSize=" +
                batchSize);
        }
        return new Parallel(nJobs, backend, prefer, requireSharedHeap, timeout, preDispatch, batchSize,
            poolOptions, verbose, progress, progressBar, name, printTo, nanoClock, terminal);
    }

    /**
     * @param poolOptions how the pool runs: worker JVM spec, initializer, retries, {@code maxTasksPerChild},
     *                    keep-alive. Its worker count is replaced by {@code nJobs}, and its task timeout by
     *                    {@link #timeout(Duration)} when one is set.
     * @return a copy with them.
     */
    public Parallel poolOptions(final PoolOptions poolOptions)
    {
        return new Parallel(nJobs, backend, prefer, requireSharedHeap, timeout, preDispatch, batchSize,
            Objects.requireNonNull(poolOptions, "poolOptions"), verbose, progress, progressBar, name, printTo,
            nanoClock, terminal);
    }

    /**
     * joblib's {@code verbose}: progress lines in joblib's format and on joblib's schedule, on standard error
     * (standard output from 50 up, as joblib). 0 prints nothing; from 1 a line when the call starts and when it
     * has finished, and more lines in between the higher it is; above 10 a line for every task.
     *
     * @param verbose the verbosity, at least 0.
     * @return a copy with it.
     * @throws IllegalArgumentException if it is negative.
     */
    public Parallel verbose(final int verbose)
    {
        if (verbose < 0)
        {
            throw new IllegalArgumentException("verbose must be at least 0: verbose=" + verbose);
        }
        return new Parallel(nJobs, backend, prefer, requireSharedHeap, timeout, preDispatch, batchSize,
            poolOptions, verbose, progress, progressBar, name, printTo, nanoClock, terminal);
    }

    /**
     * @param listener told as each task ends; null for none.
     * @return a copy with it.
     */
    public Parallel progress(final ProgressListener listener)
    {
        return new Parallel(nJobs, backend, prefer, requireSharedHeap, timeout, preDispatch, batchSize,
            poolOptions, verbose, listener, progressBar, name, printTo, nanoClock, terminal);
    }

    /**
     * A live progress bar ({@code Parallel  43% [=====>      ] 43/100 (0:00:01 / 0:00:01)}) on standard error
     * while a call runs, if standard error is a terminal; nothing otherwise (no escape codes reach a file or a
     * pipe). While a bar shows, the verbose lines are not printed.
     *
     * @param show whether to show it.
     * @return a copy with it.
     */
    public Parallel progressBar(final boolean show)
    {
        return new Parallel(nJobs, backend, prefer, requireSharedHeap, timeout, preDispatch, batchSize,
            poolOptions, verbose, progress, show, name, printTo, nanoClock, terminal);
    }

    /**
     * @param name what the labels of the calls' shared counters start with ({@link ParallelCounters}):
     *             {@value ParallelCounters#DEFAULT_NAME} unless set; letters, digits, '.', '_' and '-'.
     * @return a copy with it.
     * @throws IllegalArgumentException if it has other characters, or none, or more than 64.
     */
    public Parallel name(final String name)
    {
        return new Parallel(nJobs, backend, prefer, requireSharedHeap, timeout, preDispatch, batchSize,
            poolOptions, verbose, progress, progressBar, ParallelCounters.checkName(name), printTo, nanoClock,
            terminal);
    }

    /**
     * Test seam: where verbose lines go, and the clock and terminal test they use.
     */
    Parallel printTo(final PrintStream out, final LongSupplier clock, final BooleanSupplier stderrIsTerminal)
    {
        return new Parallel(nJobs, backend, prefer, requireSharedHeap, timeout, preDispatch, batchSize,
            poolOptions, verbose, progress, progressBar, name, out, clock, stderrIsTerminal);
    }

    /**
     * @return {@code nJobs} as given.
     */
    public int nJobs()
    {
        return nJobs;
    }

    /**
     * @return the number of workers {@code nJobs} comes to on this machine.
     */
    public int workers()
    {
        return Workers.resolve(nJobs);
    }

    /**
     * The backend calls run on, from the settings: the one set; else sequential when {@code nJobs} comes to 1;
     * else threads when a shared heap is required; else the preferred one; else processes.
     *
     * @return the backend.
     */
    public Backend effectiveBackend()
    {
        if (backend != null)
        {
            return backend;
        }
        if (workers() == 1)
        {
            return Backend.SEQUENTIAL;
        }
        if (requireSharedHeap)
        {
            return Backend.THREADS;
        }
        return prefer != null ? prefer : Backend.PROCESSES;
    }

    /**
     * @return the pool options calls run with: {@link #poolOptions(PoolOptions)}'s, with {@code nJobs} workers and
     * the timeout if one is set.
     */
    public PoolOptions effectivePoolOptions()
    {
        final PoolOptions withWorkers = poolOptions.withWorkers(nJobs);
        return timeout == null ? withWorkers : withWorkers.withTaskTimeout(timeout);
    }

    /**
     * Runs the calls on a pool opened for them, and returns their results in input order: see
     * {@link ParallelScope#run(Iterable)}. The pool is closed before this returns; a process pool's idle workers
     * stay warm for the next call.
     *
     * @param calls the calls; read once, lazily, from this thread.
     * @param <R>   the result type.
     * @return the results, in input order (unmodifiable).
     * @throws io.mp4j.launcher.TaskFailedException for the failed call of the lowest index (reading stops at the
     *                                             first failure).
     */
    public <R> List<R> run(final Iterable<? extends Delayed<R>> calls)
    {
        try (ParallelScope scope = open())
        {
            return scope.run(calls);
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
        try (ParallelScope scope = open())
        {
            return scope.run(calls);
        }
    }

    /**
     * Runs the calls lazily on a pool opened for them, results in input order: see
     * {@link ParallelScope#iterate(Iterable)}. The pool is closed when the iterator ends or is closed.
     *
     * @param calls the calls, read from the consuming thread.
     * @param <R>   the result type.
     * @return the results, in input order.
     */
    public <R> ResultIterator<R> iterate(final Iterable<? extends Delayed<R>> calls)
    {
        return iterateOwned(calls, true);
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
        return iterateOwned(iterable(calls), true);
    }

    /**
     * Runs the calls lazily on a pool opened for them, results as tasks end: see
     * {@link ParallelScope#iterateUnordered(Iterable)}. The pool is closed when the iterator ends or is closed.
     *
     * @param calls the calls, read from the consuming thread.
     * @param <R>   the result type.
     * @return the results, as tasks end.
     */
    public <R> ResultIterator<R> iterateUnordered(final Iterable<? extends Delayed<R>> calls)
    {
        return iterateOwned(calls, false);
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
        return iterateOwned(iterable(calls), false);
    }

    /**
     * Opens a pool for several calls (joblib's {@code with Parallel(...) as parallel:}); the sequential backend
     * opens none.
     *
     * @return the scope; close it.
     * @throws io.mp4j.ipc.Mp4jException if a worker JVM cannot be started.
     */
    public ParallelScope open()
    {
        return new ParallelScope(this);
    }

    /**
     * @return {@code Parallel(nJobs=N)}, as given: the prefix of the verbose lines.
     */
    @Override
    public String toString()
    {
        return "Parallel(nJobs=" + nJobs + ")";
    }

    int verbose()
    {
        return verbose;
    }

    ProgressListener progress()
    {
        return progress;
    }

    boolean progressBar()
    {
        return progressBar;
    }

    String name()
    {
        return name;
    }

    String preDispatch()
    {
        return preDispatch;
    }

    int batchSize()
    {
        return batchSize;
    }

    LongSupplier nanoClock()
    {
        return nanoClock;
    }

    boolean stderrIsTerminal()
    {
        return terminal.getAsBoolean();
    }

    /**
     * @return where verbose lines go: standard error below 50, standard output from 50 (joblib's rule).
     */
    PrintStream verboseOut()
    {
        if (printTo != null)
        {
            return printTo;
        }
        return verbose >= 50 ? System.out : System.err;
    }

    private <R> ResultIterator<R> iterateOwned(final Iterable<? extends Delayed<R>> calls,
        final boolean ordered)
    {
        final ParallelScope scope = open();
        try
        {
            return scope.iterate(calls, ordered, scope);
        }
        catch (final RuntimeException | Error ex)
        {
            scope.close();
            throw ex;
        }
    }

    private static <T> Iterable<T> iterable(final Stream<T> stream)
    {
        return stream::iterator;
    }

    private static boolean sharesNoHeap(final Backend backend)
    {
        return backend == Backend.PROCESSES || backend == Backend.CONFIGURED;
    }

    private static int checkJobs(final int nJobs)
    {
        Workers.resolve(nJobs);
        return nJobs;
    }
}
