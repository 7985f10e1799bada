package io.mp4j.launcher.pool;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.CodecException;
import io.mp4j.ipc.pipe.PipeClosedException;
import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.TaskTimeoutException;
import io.mp4j.launcher.WorkerDiedException;
import io.mp4j.launcher.process.WorkerJvm;
import io.mp4j.launcher.worker.FrameReader;
import io.mp4j.launcher.worker.FrameWriter;
import io.mp4j.launcher.worker.Frames;
import io.mp4j.launcher.worker.LauncherClasses;
import io.mp4j.launcher.worker.PoolIdle;
import io.mp4j.launcher.worker.ThrowableCodec;
import io.mp4j.launcher.worker.WorkerStatus;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A pool of worker JVMs: Python's {@code multiprocessing.Pool} and {@code ProcessPoolExecutor}, with no broken
 * pool and no hang when a worker dies.
 *
 * <p>Each worker has a duplex pipe of its own. Chunks of tasks go to the worker with room (at most {@value #PREFETCH}
 * chunks each, so a worker never waits for its next chunk); results come back per chunk, or every millisecond of a
 * long chunk. Each worker writes the task it is on and since when into a status array in shared memory, so when a
 * worker dies (its process's exit, seen through {@link Process#onExit()}) the pool knows the one task it was on:
 * that task fails with a {@link WorkerDiedException} (or {@link TaskTimeoutException} when the pool killed it for
 * running too long), the worker's other unanswered tasks go back to the queue, and a new worker takes its place.
 * Tasks of a chunk that a worker finished in the last millisecond before dying may run twice; with chunk size 1
 * every task runs at most once unless retried.
 *
 * <p>The pipes are moved by whichever thread waits for results (a caller in {@code map} or {@code apply}, or an
 * iterator's {@code next}), so a synchronous call's round trip involves no thread hand-off; a supervisor thread moves
 * them when nobody waits (async calls) and handles deaths and timeouts.
 *
 * <p>Threading: thread-safe.
 */
public final class ProcessPool extends AbstractPool
{
    /** Chunks in flight per worker. */
    static final int PREFETCH = 2;
    /** Times a worker's death may send the same tasks back to the queue before they fail. */
    static final int MAX_REQUEUES = 3;
    /** Workers that die before they are ready, in a row, before the pool gives up on starting them. */
    static final int MAX_START_FAILURES = 3;

    private static final AtomicLong FUNCTION_IDS = new AtomicLong();
    private static final AtomicInteger POOL_IDS = new AtomicInteger(1);
    private static final long SUPERVISOR_PARK_NS = 1_000_000;
    private static final long IDLE_PARK_NS = 50_000_000;

    private final int id;
    private final PoolOptions options;
    private final Object warmKey;
    private final byte[] initializer;
    private final Codec<Object> codec = LauncherClasses.codec();
    /** Functions encoded once per JVM: a warm worker passed to a new pool already knows them by id. */
    private static final Map<Object, Prepared> PREPARED = Collections.synchronizedMap(new WeakHashMap<>());
    private final ReentrantLock pumpLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Chunk> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiters = new AtomicInteger();
    private final Thread supervisor;
    private volatile boolean needsPump = true;
    private volatile boolean terminated;
    private volatile TaskFailedException broken;

    // owned by the holder of pumpLock
    private final FrameWriter writer = new FrameWriter();
    private final FrameReader reader = new FrameReader();
    private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
    private final List<Link> links = new ArrayList<>();
    private int startFailures;
    private boolean stopped;

    private record Prepared(long id, byte[] bytes)
    {
    }

    /**
     * A pool of one worker per processor, with default options.
     */
    public ProcessPool()
    {
        this(PoolOptions.defaults());
    }

    /**
     * @param workers the number of workers: positive, or negative as in joblib (-1 all processors, -2 all but one).
     */
    public ProcessPool(final int workers)
    {
        this(PoolOptions.defaults().withWorkers(workers));
    }

    /**
     * Starts the workers (or takes warm ones of a closed pool with the same settings); returns without waiting for
     * them to be ready.
     *
     * @param options the settings.
     * @throws CodecException if the initializer cannot be sent to a worker JVM.
     * @throws Mp4jException if a worker JVM cannot be started.
     */
    public ProcessPool(final PoolOptions options)
    {
        // the initializer is encoded first: if it cannot be, nothing has been allocated yet
        this(options, POOL_IDS.getAndIncrement(), options.initializer() == null ? null :
            encodeValue(LauncherClasses.codec(), options.initializer(), "initializer"));
    }

    private ProcessPool(final PoolOptions options, final int id, final byte[] initializer)
    {
        super(options.workerCount(),
            PoolCounters.allocate(PoolCounters.poolName(PoolCounters.PROCESS_POOL, id)));
        this.id = id;
        this.options = options;
        this.initializer = initializer;
        this.warmKey = List.of(options.spec(),
            initializer == null ? "" : HexFormat.of().formatHex(initializer));
        final List<Link> warm = options.keepAlive().isZero() ? List.of() : WarmWorkers.take(warmKey, size());
        links.addAll(warm);
        try
        {
            while (links.size() < size())
            {
                links.add(startLink());
            }
        }
        catch (final RuntimeException ex)
        {
            links.forEach(l -> l.jvm.kill());
            links.forEach(l -> l.jvm.release());
            if (counters() != null)
            {
                counters().close();
            }
            throw ex;
        }
        for (final Link link : links)
        {
            link.jvm.status().pool(id);
        }
        publishWorkers();
        supervisor = new Thread(this::supervise, "mp4j-pool-" + id + "-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /**
     * Stops now the idle workers that closed pools keep for reuse ({@link PoolOptions#keepAlive()}).
     *
     * @return how many were stopped.
     */
    public static int stopIdleWorkers()
    {
        return WarmWorkers.stopAll();
    }

    /**
     * @return the settings.
     */
    public PoolOptions options()
    {
        return options;
    }

    /**
     * @return the pids of the current workers (a snapshot).
     */
    public List<Long> workerPids()
    {
        pumpLock.lock();
        try
        {
            final List<Long> pids = new ArrayList<>();
            links.forEach(l -> pids.add(l.jvm.pid()));
            return pids;
        }
        finally
        {
            pumpLock.unlock();
        }
    }

    @Override
    public <T, R> R apply(final Task<? super T, ? extends R> task, final T argument)
    {
        waiters.incrementAndGet();
        try
        {
            return super.apply(task, argument);
        }
        finally
        {
            waiters.decrementAndGet();
        }
    }

    @Override
    public <T, R> List<R> map(final Task<? super T, ? extends R> task, final Iterable<? extends T> inputs)
    {
        waiters.incrementAndGet();
        try
        {
            return super.map(task, inputs);
        }
        finally
        {
            waiters.decrementAndGet();
        }
    }

    @Override
    public <T, R> List<R> map(
        final Task<? super T, ? extends R> task, final Iterable<? extends T> inputs, final int chunkSize)
    {
        waiters.incrementAndGet();
        try
        {
            return super.map(task, inputs, chunkSize);
        }
        finally
        {
            waiters.decrementAndGet();
        }
    }

    @Override
    public <A, B, R> List<R> starmap(
        final BiTask<? super A, ? super B, ? extends R> task,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> inputs)
    {
        waiters.incrementAndGet();
        try
        {
            return super.starmap(task, inputs);
        }
        finally
        {
            waiters.decrementAndGet();
        }
    }

    @Override
    Object prepare(final Object function)
    {
        Prepared p = PREPARED.get(function);
        if (p == null)
        {
            p = new Prepared(FUNCTION_IDS.incrementAndGet(), encodeValue(codec, function, "task"));
            PREPARED.put(function, p);
        }
        return p;
    }

    @Override
    void execute(final Chunk chunk)
    {
        inbox.add(chunk);
        needsPump = true;
        if (waiters.get() == 0)
        {
            LockSupport.unpark(supervisor);
        }
    }

    @Override
    void awaitUntil(final BooleanSupplier done)
    {
        if (done.getAsBoolean())
        {
            return;
        }
        waiters.incrementAndGet();
        try
        {
            final IdleStrategy idle = PoolIdle.create();
            while (!done.getAsBoolean())
            {
                int work = 0;
                if (pumpLock.tryLock())
                {
                    try
                    {
                        work = pumpOnce();
                    }
                    finally
                    {
                        pumpLock.unlock();
                    }
                }
                idle.idle(work);
                if (Thread.interrupted())
                {
                    Thread.currentThread().interrupt();
                    throw new Mp4jException("interrupted while waiting for results of " + this);
                }
            }
        }
        finally
        {
            waiters.decrementAndGet();
            LockSupport.unpark(supervisor);
        }
    }

    @Override
    public boolean awaitTermination(final Duration timeout)
    {
        if (!isShutdown())
        {
            throw new IllegalStateException(this + " is not shut down: call shutdown() first");
        }
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        final BooleanSupplier timedOut = () -> System.nanoTime() - deadlineNs >= 0;
        awaitUntil(() -> unfinishedTasks() == 0 || terminated || timedOut.getAsBoolean());
        if (unfinishedTasks() > 0 && !terminated)
        {
            return false;
        }
        // let workers still starting become ready, so that they can be kept warm or stopped cleanly
        awaitUntil(() -> allSettled() || timedOut.getAsBoolean());
        stopWorkers();
        return true;
    }

    @Override
    public void close()
    {
        shutdown();
        awaitTermination(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Override
    public void terminate()
    {
        shutdown();
        terminated = true;
        pumpLock.lock();
        try
        {
            final TaskFailedException reason = new TaskFailedException(this + " was terminated",
                TaskFailedException.NO_INDEX, null, null);
            for (final Link link : links)
            {
                link.jvm.kill();
            }
            failEverything(reason);
            for (final Link link : links)
            {
                awaitExit(link);
                link.jvm.release();
            }
            links.clear();
            stopped = true;
            closeCounters();
        }
        finally
        {
            pumpLock.unlock();
        }
        LockSupport.unpark(supervisor);
    }

    @Override
    public String toString()
    {
        return "ProcessPool-" + id + "(" + size() + " workers)";
    }

    /**
     * @return the pool's id: its number in {@link #toString()}, in its shared counters' labels
     * ({@link PoolCounters}) and in its workers' status arrays.
     */
    public int id()
    {
        return id;
    }

    @Override
    void countEnded(final PoolCounters counters, final boolean failure)
    {
        // outcomes are reported only by the pump lock's holder: one writer at a time
        counters.endedExclusive(failure);
    }

    /** The pump lock's holder (or the constructor): publishes the number of workers. */
    private void publishWorkers()
    {
        if (counters() != null)
        {
            counters().workers(links.size());
        }
    }

    /** The pump lock's holder: frees the shared counters once no worker is left. */
    private void closeCounters()
    {
        if (counters() != null)
        {
            counters().workers(0);
            counters().close();
        }
    }

    private static byte[] encodeValue(final Codec<Object> codec, final Object value, final String what)
    {
        final FrameWriter w = new FrameWriter().begin(Frames.DEFINE);
        try
        {
            w.putValue(codec, value);
        }
        catch (final CodecException ex)
        {
            throw new CodecException("the " + what + " (" + value.getClass().getName() + ") cannot be sent to a " +
                "worker JVM: " + ex.getMessage(), ex);
        }
        return Arrays.copyOfRange(w.array(), Frames.BODY_OFFSET, w.position());
    }

    private Link startLink()
    {
        final WorkerJvm jvm = WorkerJvm.start(options.spec(), initializer == null ? "pool" : "init");
        jvm.status().pool(id);
        final Link link = new Link(jvm);
        if (initializer != null)
        {
            final FrameWriter w = new FrameWriter().begin(Frames.INIT).putRaw(initializer);
            jvm.channel().offer(w.array(), w.finish());
        }
        jvm.exit().thenRun(() ->
        {
            needsPump = true;
            LockSupport.unpark(supervisor);
        });
        return link;
    }

    private void supervise()
    {
        final IdleStrategy idle = PoolIdle.create();
        while (!stopped && !terminated)
        {
            if (waiters.get() == 0 && (needsPump || unfinishedTasks() > 0))
            {
                int work = 0;
                pumpLock.lock();
                try
                {
                    if (!stopped)
                    {
                        work = pumpOnce();
                    }
                }
                catch (final RuntimeException | Error ex)
                {
                    // a pool that cannot go on says why to every caller, rather than leaving them waiting
                    breakPool(new TaskFailedException(this + " failed: " + ex, TaskFailedException.NO_INDEX, null,
                        ex));
                }
                finally
                {
                    pumpLock.unlock();
                }
                idle.idle(work);
            }
            else
            {
                idle.reset();
                LockSupport.parkNanos(this, waiters.get() > 0 ? SUPERVISOR_PARK_NS : IDLE_PARK_NS);
            }
        }
    }

    /**
     * One round over everything: new chunks, every worker's results, exits and timeouts, then dispatch.
     *
     * @return how much was done (0: nothing).
     */
    private int pumpOnce()
    {
        if (stopped)
        {
            return 0;
        }
        needsPump = false;
        int work = 0;
        for (Chunk chunk; (chunk = inbox.poll()) != null; work++)
        {
            if (broken != null)
            {
                failChunk(chunk, broken);
            }
            else
            {
                pending.addLast(chunk);
            }
        }
        final long nowNs = System.nanoTime();
        boolean busy = !pending.isEmpty();
        for (int i = 0; i < links.size(); i++)
        {
            final Link link = links.get(i);
            work += receive(link);
            if (link.jvm.exit().isDone())
            {
                work += receive(link);
                links.remove(i--);
                publishWorkers();
                exited(link);
                work++;
                busy = true;
                continue;
            }
            link.jvm.channel().flush();
            if (options.taskTimeout() != null)
            {
                checkTimeout(link, nowNs);
            }
            busy |= !link.idle();
        }
        work += dispatch(nowNs);
        if (busy)
        {
            needsPump = true;
        }
        return work;
    }

    private int receive(final Link link)
    {
        int frames = 0;
        try
        {
            for (int length; (length = link.jvm.channel().poll()) >= 0; frames++)
            {
                handle(link, reader.wrap(link.jvm.channel().frame(), length));
            }
        }
        catch (final PipeClosedException ex)
        {
            // the worker ended: its exit is handled once the process is reaped
        }
        return frames;
    }

    private void handle(final Link link, final FrameReader frame)
    {
        switch (frame.type())
        {
            case Frames.READY ->
            {
                link.ready = true;
                startFailures = 0;
            }
            case Frames.FAILED ->
            {
                final Throwable cause = ThrowableCodec.decode(frame, codec);
                breakPool(new TaskFailedException("the pool's initializer failed in " + link.jvm.describe() + ": " +
                    cause, TaskFailedException.NO_INDEX, link.jvm.describe(), cause));
            }
            case Frames.RESULTS -> results(link, frame);
            default -> throw new IllegalStateException("unexpected frame " + Frames.name(frame.type()) + " from " +
                link.jvm.describe());
        }
    }

    private void results(final Link link, final FrameReader frame)
    {
        final long firstSeq = frame.getLong();
        final int count = frame.getInt();
        final Link.Sent sent = link.inFlight.peekFirst();
        if (sent == null || firstSeq != sent.firstSeq + sent.reported || sent.reported + count > sent.chunk.size())
        {
            throw new IllegalStateException("results out of order from " + link.jvm.describe() + ": firstSeq=" +
                firstSeq + " count=" + count);
        }
        final Chunk chunk = sent.chunk;
        final String worker = link.jvm.describe();
        for (int k = 0; k < count; k++)
        {
            final int index = sent.reported++;
            final long position = chunk.positions[index];
            if (frame.getByte() == Frames.OK)
            {
                final Object value;
                try
                {
                    value = frame.getValue(codec);
                }
                catch (final RuntimeException ex)
                {
                    failed(chunk, index, new TaskFailedException("the result of task " + position + " from " +
                        worker + " could not be decoded: " + ex.getMessage(), position, worker, ex));
                    continue;
                }
                succeeded(chunk, index, value);
            }
            else
            {
                final Throwable cause = ThrowableCodec.decode(frame, codec);
                final TaskFailedException failure = new TaskFailedException("task " + position + " failed in " +
                    worker + ": " + cause, position, worker, cause);
                if (options.retry().onException())
                {
                    retryOrFail(chunk, index, failure);
                }
                else
                {
                    failed(chunk, index, failure);
                }
            }
        }
        if (sent.reported == chunk.size())
        {
            link.inFlight.removeFirst();
            chunk.call.chunkFinished(chunk.size(), System.nanoTime() - sent.sentAtNs);
            retireIfDue(link);
        }
    }

    private void retireIfDue(final Link link)
    {
        if (options.maxTasksPerChild() > 0 && link.tasksAssigned >= options.maxTasksPerChild() &&
            link.inFlight.isEmpty() && !link.stopping)
        {
            link.stopping = true;
            final FrameWriter w = writer.begin(Frames.STOP);
            link.jvm.channel().offer(w.array(), w.finish());
            if (!isShutdown())
            {
                replace(link.jvm.describe());
            }
        }
    }

    private void checkTimeout(final Link link, final long nowNs)
    {
        if (link.inFlight.isEmpty() || link.timedOutSeq >= 0)
        {
            return;
        }
        final WorkerStatus status = link.jvm.status();
        final long word = status.taskWord();
        if (WorkerStatus.phaseOf(word) == WorkerStatus.IDLE)
        {
            return;
        }
        final long startNs = status.startOf(word);
        if (startNs != WorkerStatus.MOVED_ON && nowNs - startNs > options.taskTimeout().toNanos())
        {
            link.timedOutSeq = WorkerStatus.seqOf(word);
            link.jvm.kill();
        }
    }

    private void exited(final Link link)
    {
        final int exitCode = link.jvm.exit().join();
        final String worker = link.jvm.describe();
        final long word = link.jvm.status().taskWord();
        final int phase = WorkerStatus.phaseOf(word);
        final boolean timedOut = link.timedOutSeq >= 0;
        final long culprit = timedOut ? link.timedOutSeq : phase == WorkerStatus.IDLE ? -1 : WorkerStatus.seqOf(word);
        final String how = WorkerJvm.describeExit(exitCode);
        final String tail = link.jvm.stderrTail();
        final List<Chunk> requeue = new ArrayList<>();
        for (final Link.Sent sent : link.inFlight)
        {
            final int[] rest = new int[sent.chunk.size()];
            int n = 0;
            for (int index = sent.reported; index < sent.chunk.size(); index++)
            {
                if (sent.firstSeq + index != culprit)
                {
                    rest[n++] = index;
                    continue;
                }
                final long position = sent.chunk.positions[index];
                final TaskFailedException failure = timedOut ?
                    new TaskTimeoutException("task " + position + " ran past its timeout of " +
                        options.taskTimeout() + " in " + worker + "; the worker was killed", position, worker,
                        options.taskTimeout()) :
                    new WorkerDiedException(worker + " died with " + how + " while in the " +
                        WorkerStatus.phaseName(phase) + " phase of task " + position + attemptText(sent.chunk) +
                        (tail.isEmpty() ? "" : "; its last stderr lines:\n" + tail), position, worker, exitCode,
                        WorkerStatus.phaseName(phase));
                retryOrFail(sent.chunk, index, failure);
            }
            if (n > 0)
            {
                final Chunk again = sent.chunk.select(rest, n);
                again.requeues++;
                requeue.add(again);
            }
        }
        link.inFlight.clear();
        for (int i = requeue.size() - 1; i >= 0; i--)
        {
            final Chunk again = requeue.get(i);
            if (again.requeues > MAX_REQUEUES)
            {
                for (int index = 0; index < again.size(); index++)
                {
                    final long position = again.positions[index];
                    failed(again, index, new WorkerDiedException("task " + position + " was sent to " +
                        MAX_REQUEUES + " workers that died before it started; the last, " + worker + ", died with " +
                        how, position, worker, exitCode, WorkerStatus.phaseName(WorkerStatus.IDLE)));
                }
            }
            else
            {
                pending.addFirst(again);
            }
        }
        if (!link.ready && !link.stopping)
        {
            if (++startFailures >= MAX_START_FAILURES && broken == null)
            {
                breakPool(new TaskFailedException(MAX_START_FAILURES + " worker JVMs in a row died before they " +
                    "were ready; the last, " + worker + ", with " + how + (tail.isEmpty() ? "" :
                    "; its last stderr lines:\n" + tail), TaskFailedException.NO_INDEX, worker, null));
            }
        }
        link.jvm.release();
        if (!link.stopping && broken == null && !terminated && !stopped && (!isShutdown() || !pending.isEmpty()))
        {
            replace(worker);
        }
    }

    /**
     * Starts a worker in place of one that ended; a JVM that cannot even be started breaks the pool.
     */
    private void replace(final String previous)
    {
        try
        {
            links.add(startLink());
            publishWorkers();
            if (counters() != null)
            {
                counters().replacedExclusive();
            }
        }
        catch (final RuntimeException ex)
        {
            breakPool(new TaskFailedException("cannot start a worker JVM in place of " + previous + ": " +
                ex.getMessage(), TaskFailedException.NO_INDEX, null, ex));
        }
    }

    private void retryOrFail(final Chunk chunk, final int index, final TaskFailedException failure)
    {
        if (chunk.attempt < options.retry().maxAttempts() && broken == null)
        {
            final Chunk again = chunk.select(new int[] {index}, 1);
            again.attempt = chunk.attempt + 1;
            again.requeues = 0;
            again.notBeforeNs = System.nanoTime() + options.retry().backoffAfter(chunk.attempt).toNanos();
            pending.addFirst(again);
        }
        else
        {
            failed(chunk, index, failure);
        }
    }

    private String attemptText(final Chunk chunk)
    {
        final int max = options.retry().maxAttempts();
        return max > 1 ? " (attempt " + chunk.attempt + " of " + max + ")" : "";
    }

    private int dispatch(final long nowNs)
    {
        int work = 0;
        for (final Link link : links)
        {
            // a worker still starting takes chunks too: its pipe holds them until it reads them, which saves the
            // round trip of its READY; if it dies first, they go back to the queue like any unanswered chunk
            while (!pending.isEmpty() && !link.stopping && link.timedOutSeq < 0 &&
                link.inFlight.size() < PREFETCH && !link.jvm.channel().hasBacklog())
            {
                Chunk chunk = pollDue(nowNs);
                if (chunk == null)
                {
                    return work;
                }
                if (options.maxTasksPerChild() > 0)
                {
                    final long quota = options.maxTasksPerChild() - link.tasksAssigned;
                    if (quota <= 0)
                    {
                        pending.addFirst(chunk);
                        break;
                    }
                    if (chunk.size() > quota)
                    {
                        pending.addFirst(chunk.slice((int)quota, chunk.size()));
                        chunk = chunk.slice(0, (int)quota);
                    }
                }
                send(link, chunk, nowNs);
                work++;
            }
        }
        return work;
    }

    private Chunk pollDue(final long nowNs)
    {
        for (final Iterator<Chunk> it = pending.iterator(); it.hasNext(); )
        {
            final Chunk chunk = it.next();
            if (chunk.notBeforeNs == 0 || nowNs - chunk.notBeforeNs >= 0)
            {
                it.remove();
                return chunk;
            }
        }
        needsPump = true;
        return null;
    }

    private void send(final Link link, final Chunk chunk, final long nowNs)
    {
        final Prepared function = (Prepared)chunk.prepared;
        if (link.defined.add(function.id()))
        {
            final FrameWriter w = writer.begin(Frames.DEFINE).putLong(function.id()).putRaw(function.bytes());
            link.jvm.channel().offer(w.array(), w.finish());
        }
        final int arity = chunk.arity;
        writer.begin(Frames.BATCH).putLong(function.id()).putLong(link.nextSeq);
        final int countOffset = writer.position();
        writer.putInt(0).putByte((byte)arity);
        int[] kept = null;
        int n = 0;
        for (int index = 0; index < chunk.size(); index++)
        {
            final int mark = writer.position();
            try
            {
                if (arity >= 1)
                {
                    writer.putValue(codec, chunk.first(index));
                }
                if (arity == 2)
                {
                    writer.putValue(codec, chunk.second(index));
                }
                if (kept != null)
                {
                    kept[n] = index;
                }
                n++;
            }
            catch (final RuntimeException ex)
            {
                writer.rewind(mark);
                if (kept == null)
                {
                    kept = new int[chunk.size()];
                    for (int i = 0; i < n; i++)
                    {
                        kept[i] = i;
                    }
                }
                final long position = chunk.positions[index];
                failed(chunk, index, new TaskFailedException("the argument of task " + position + " cannot be " +
                    "sent to a worker JVM: " + ex.getMessage(), position, null, ex));
            }
        }
        if (n == 0)
        {
            return;
        }
        writer.putIntAt(countOffset, n);
        link.jvm.channel().offer(writer.array(), writer.finish());
        link.inFlight.addLast(new Link.Sent(kept == null ? chunk : chunk.select(kept, n), link.nextSeq, nowNs));
        link.nextSeq += n;
        link.tasksAssigned += n;
    }

    private void breakPool(final TaskFailedException reason)
    {
        broken = reason;
        failEverything(reason);
    }

    private void failEverything(final TaskFailedException reason)
    {
        for (Chunk chunk; (chunk = inbox.poll()) != null; )
        {
            failChunk(chunk, reason);
        }
        for (Chunk chunk; (chunk = pending.poll()) != null; )
        {
            failChunk(chunk, reason);
        }
        for (final Link link : links)
        {
            for (final Link.Sent sent : link.inFlight)
            {
                for (int index = sent.reported; index < sent.chunk.size(); index++)
                {
                    failed(sent.chunk, index, withPosition(reason, sent.chunk.positions[index]));
                }
            }
            link.inFlight.clear();
        }
    }

    private void failChunk(final Chunk chunk, final TaskFailedException reason)
    {
        for (int index = 0; index < chunk.size(); index++)
        {
            failed(chunk, index, withPosition(reason, chunk.positions[index]));
        }
    }

    private static TaskFailedException withPosition(final TaskFailedException reason, final long position)
    {
        return new TaskFailedException("task " + position + " did not run: " + reason.getMessage(), position,
            reason.worker(), reason.getCause() != null ? reason.getCause() : reason);
    }

    private boolean allSettled()
    {
        pumpLock.lock();
        try
        {
            for (final Link link : links)
            {
                if (!link.ready && !link.jvm.exit().isDone() && broken == null)
                {
                    return false;
                }
            }
            return true;
        }
        finally
        {
            pumpLock.unlock();
        }
    }

    private void stopWorkers()
    {
        final List<Link> toStop = new ArrayList<>();
        pumpLock.lock();
        try
        {
            if (stopped)
            {
                return;
            }
            stopped = true;
            for (final Link link : links)
            {
                final boolean reusable = link.idle() && link.jvm.process().isAlive() && broken == null &&
                    options.maxTasksPerChild() == 0 && !options.keepAlive().isZero();
                if (reusable)
                {
                    link.jvm.status().pool(0);
                    WarmWorkers.offer(warmKey, link, options.keepAlive());
                }
                else
                {
                    toStop.add(link);
                }
            }
            links.clear();
            closeCounters();
        }
        finally
        {
            pumpLock.unlock();
        }
        LockSupport.unpark(supervisor);
        WarmWorkers.stop(toStop);
    }

    private static void awaitExit(final Link link)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                link.jvm.process().waitFor();
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }
}
