package io.mp4j.launcher.parallel;

import java.util.Iterator;

/**
 * Results of a lazy call on the sequential backend: each {@link #next()} reads one call and runs it in the
 * consuming thread.
 *
 * <p>Threading: one consuming thread.
 */
final class SequentialResults<R> extends AbstractResults<R>
{
    private final Iterator<? extends Delayed<R>> calls;
    private final Progress progress;
    private long index;

    SequentialResults(final Iterator<? extends Delayed<R>> calls, final Progress progress,
        final ParallelScope owner)
    {
        super(progress, () -> { }, owner, true);
        this.calls = calls;
        this.progress = progress;
    }

    @Override
    boolean more()
    {
        final boolean more = calls.hasNext();
        if (!more)
        {
            progress.inputEnded(index);
        }
        return more;
    }

    @Override
    R take()
    {
        final Delayed<R> call = calls.next();
        final long position = index++;
        progress.dispatched(position + 1);
        return ParallelScope.callHere(call, position, progress);
    }

    @Override
    long dispatched()
    {
        return index;
    }
}
