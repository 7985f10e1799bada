package io.mp4j.launcher.parallel;

import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.pool.CallStream;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One {@link Parallel} call's progress, fanned out as each task ends to the four places it goes: the verbose lines
 * ({@link VerboseSchedule}, {@link VerboseLines}), the live bar ({@link LiveBar}), the {@link ProgressListener}, and
 * the shared counters ({@link ParallelCounters}). Also stops the call's reading at its first failure when asked to.
 *
 * <p>Threading: {@link #ended} from the threads reporting outcomes (several at once on the thread backend): the
 * shared counters take atomic adds, the rest runs under this object's lock, so listener calls never overlap and
 * count 1, 2, 3...; {@link #dispatched}, {@link #inputEnded}, {@link #finished} and {@link #close} from the thread
 * reading the calls. After {@link #close()}, late outcomes are ignored.
 */
final class Progress implements CallStream.Listener, AutoCloseable
{
    private static final AtomicLong CALLS = new AtomicLong();
    private static final double NANOS_PER_SECOND = 1e9;

    private final String prefix;
    private final int verbose;
    private final PrintStream out;
    private final long preDispatch;
    private final ProgressListener listener;
    private final LiveBar bar;
    private final ParallelCounters counters;
    private final LongSupplier nanoClock;
    private final long startNs;
    private final boolean reporting;
    private final long call = CALLS.incrementAndGet();
    private volatile long total;
    private volatile boolean closed;
    private volatile CallStream<?> stopOnFailure;

    // guarded by this
    private long done;
    private long failed;
    private RuntimeException listenerFailure;

    /**
     * Starts a call's progress: prints the "Using backend" line, starts the bar, allocates the counters.
     *
     * @param settings    the call's settings.
     * @param backend     the backend it runs on.
     * @param workers     its number of workers.
     * @param total       the number of calls, or -1 if unknown.
     * @param preDispatch the pre-dispatch amount joblib's schedule uses (0 for "all" and sequential runs).
     */
    Progress(final Parallel settings, final Backend backend, final int workers, final long total,
        final long preDispatch)
    {
        this.prefix = VerboseLines.prefix(settings);
        this.verbose = settings.verbose();
        this.preDispatch = preDispatch;
        this.listener = settings.progress();
        this.nanoClock = settings.nanoClock();
        this.total = total;
        this.bar = settings.progressBar() && settings.stderrIsTerminal() ? LiveBar.start("Parallel", total) : null;
        this.out = bar != null || verbose <= 0 ? null : settings.verboseOut();
        this.counters = ParallelCounters.allocate(settings.name(), call, total);
        this.reporting = out != null || bar != null || listener != null;
        if (out != null)
        {
            out.println(VerboseLines.usingBackend(prefix, backend, workers));
        }
        this.startNs = nanoClock.getAsLong();
    }

    /**
     * @return this call's number in the counters' labels.
     */
    long call()
    {
        return call;
    }

    /**
     * Makes the first failure stop the stream's reading.
     */
    void stopOnFailure(final CallStream<?> stream)
    {
        stopOnFailure = stream;
    }

    @Override
    public void ended(final long index, final TaskFailedException failure)
    {
        if (closed)
        {
            return;
        }
        if (counters != null)
        {
            counters.ended(failure != null);
        }
        if (failure != null)
        {
            final CallStream<?> stream = stopOnFailure;
            if (stream != null)
            {
                stream.stopReading();
            }
        }
        if (reporting)
        {
            report(failure != null);
        }
    }

    @Override
    public void inputEnded(final long calls)
    {
        if (total >= 0 || closed)
        {
            return;
        }
        total = calls;
        if (counters != null)
        {
            counters.total(calls);
        }
        if (reporting)
        {
            synchronized (this)
            {
                if (bar != null)
                {
                    bar.total(calls);
                }
                tellListener();
            }
        }
    }

    /**
     * @param calls calls read and dispatched so far.
     */
    void dispatched(final long calls)
    {
        if (counters != null && !closed)
        {
            counters.dispatched(calls);
        }
    }

    /**
     * Every task ended and the results are in: prints the "finished" line.
     */
    synchronized void finished()
    {
        if (out != null && !closed)
        {
            out.println(VerboseLines.finished(prefix, done, elapsedSeconds()));
        }
    }

    /**
     * @throws RuntimeException what the listener threw, if it did.
     */
    synchronized void rethrowListenerFailure()
    {
        if (listenerFailure != null)
        {
            throw listenerFailure;
        }
    }

    /**
     * Ends the bar and frees the counters; later outcomes are ignored. Idempotent.
     */
    @Override
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            if (bar != null)
            {
                bar.close();
            }
        }
        if (counters != null)
        {
            counters.close();
        }
    }

    private synchronized void report(final boolean failure)
    {
        if (closed)
        {
            return;
        }
        done++;
        if (failure)
        {
            failed++;
        }
        tellListener();
        if (bar != null)
        {
            bar.stepTo(done);
        }
        if (out != null)
        {
            final long calls = total;
            if (calls >= 0)
            {
                if (VerboseSchedule.reportsOnceRead(done, calls, verbose, preDispatch))
                {
                    out.println(VerboseLines.doneOutOf(prefix, done, calls, elapsedSeconds()));
                }
            }
            else if (VerboseSchedule.reportsWhileReading(done, verbose))
            {
                out.println(VerboseLines.doneTasks(prefix, done, elapsedSeconds()));
            }
        }
    }

    private void tellListener()
    {
        if (listener == null || listenerFailure != null)
        {
            return;
        }
        try
        {
            listener.progress(done, failed, total, nanoClock.getAsLong() - startNs);
        }
        catch (final RuntimeException ex)
        {
            listenerFailure = ex;
        }
    }

    private double elapsedSeconds()
    {
        return (nanoClock.getAsLong() - startNs) / NANOS_PER_SECOND;
    }
}
