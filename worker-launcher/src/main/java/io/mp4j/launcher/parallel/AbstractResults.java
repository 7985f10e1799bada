package io.mp4j.launcher.parallel;

import java.lang.ref.Cleaner;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What both kinds of result iterator share: the end of the call (its "finished" line, then release) when the last
 * result has been given, {@link #close()} and the close of an iterator dropped unclosed, and {@link #stream()}.
 *
 * <p>Threading: one consuming thread; the cleaner's thread runs {@link Release} once the iterator is unreachable.
 */
abstract class AbstractResults<R> implements ResultIterator<R>
{
    private final Progress progress;
    private final Release release;
    private final Cleaner.Cleanable cleanable;
    private final boolean ordered;
    private boolean ended;

    AbstractResults(final Progress progress, final Runnable stopReading, final ParallelScope owner,
        final boolean ordered)
    {
        this.progress = progress;
        this.ordered = ordered;
        this.release = new Release(progress, stopReading, owner);
        this.cleanable = Cleaners.CLEANER.register(this, release);
    }

    /**
     * @return whether a result (or a failure) is still to come; reads calls as the window allows.
     */
    abstract boolean more();

    /**
     * @return the next result; throws the task's failure.
     */
    abstract R take();

    /**
     * @return calls read and dispatched so far.
     */
    abstract long dispatched();

    @Override
    public final boolean hasNext()
    {
        if (ended)
        {
            return false;
        }
        final boolean more;
        try
        {
            more = more();
        }
        finally
        {
            progress.dispatched(dispatched());
        }
        if (!more)
        {
            ended = true;
            progress.finished();
            close();
            progress.rethrowListenerFailure();
        }
        return more;
    }

    @Override
    public final R next()
    {
        if (!hasNext())
        {
            throw new NoSuchElementException();
        }
        try
        {
            return take();
        }
        finally
        {
            progress.dispatched(dispatched());
        }
    }

    @Override
    public final Stream<R> stream()
    {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
            ordered ? Spliterator.ORDERED : 0), false).onClose(this::close);
    }

    @Override
    public final void close()
    {
        ended = true;
        cleanable.clean();
    }

    /**
     * Ends a call: stops its reading, ends its progress, closes the scope opened for it. Holds no reference to the
     * iterator, so that the cleaner can run it once the iterator is unreachable.
     */
    private static final class Release implements Runnable
    {
        private final Progress progress;
        private final Runnable stopReading;
        private final ParallelScope owner;

        Release(final Progress progress, final Runnable stopReading, final ParallelScope owner)
        {
            this.progress = progress;
            this.stopReading = stopReading;
            this.owner = owner;
        }

        @Override
        public void run()
        {
            try
            {
                stopReading.run();
                progress.close();
            }
            finally
            {
                if (owner != null)
                {
                    owner.close();
                }
            }
        }
    }

    /**
     * The cleaner of dropped iterators, started on first use: one daemon thread.
     */
    private static final class Cleaners
    {
        static final Cleaner CLEANER = Cleaner.create();
    }
}
