package io.mp4j.launcher.parallel;

import io.mp4j.launcher.pool.CallStream;

/**
 * How a pool's {@link CallStream} reads a {@link Delayed}.
 *
 * <p>Threading: stateless.
 */
final class DelayedShape implements CallStream.Shape<Delayed<?>>
{
    static final DelayedShape INSTANCE = new DelayedShape();

    private DelayedShape()
    {
    }

    @Override
    public Object function(final Delayed<?> call)
    {
        return call.function();
    }

    @Override
    public int arity(final Delayed<?> call)
    {
        return call.arity();
    }

    @Override
    public Object first(final Delayed<?> call)
    {
        return call.first();
    }

    @Override
    public Object second(final Delayed<?> call)
    {
        return call.second();
    }
}
