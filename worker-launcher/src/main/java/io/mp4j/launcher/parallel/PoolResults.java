package io.mp4j.launcher.parallel;

import io.mp4j.launcher.pool.CallStream;

/**
 * Results of a lazy call on a pool, from its {@link CallStream}.
 *
 * <p>Threading: one consuming thread.
 */
final class PoolResults<R> extends AbstractResults<R>
{
    private final CallStream<R> stream;

    PoolResults(final CallStream<R> stream, final Progress progress, final ParallelScope owner,
        final boolean ordered)
    {
        super(progress, stream::stopReading, owner, ordered);
        this.stream = stream;
    }

    @Override
    boolean more()
    {
        return stream.hasNext();
    }

    @Override
    R take()
    {
        return stream.next();
    }

    @Override
    long dispatched()
    {
        return stream.dispatched();
    }
}
