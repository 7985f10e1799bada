package io.mp4j.launcher.worker;

import io.mp4j.ipc.codec.Codec;
import io.mp4j.launcher.Task;
import org.agrona.ExpandableArrayBuffer;

/**
 * Decodes a serialized lambda once, on a daemon thread, while a new worker waits for its first frame. The first
 * lambda a JVM decodes costs about 25 ms (serialization's class descriptors, {@code SerializedLambda}, the lambda
 * metafactory spinning its first classes); later ones cost a fraction of a millisecond. Paid here, it overlaps the
 * worker's start instead of delaying its first task.
 *
 * <p>Threading: {@link #start} once.
 */
final class LambdaWarmup
{
    private LambdaWarmup()
    {
    }

    static void start(final Codec<Object> codec)
    {
        final Thread warmup = new Thread(() -> warm(codec), "mp4j-lambda-warmup");
        warmup.setDaemon(true);
        warmup.setPriority(Thread.MIN_PRIORITY);
        warmup.start();
    }

    private static void warm(final Codec<Object> codec)
    {
        try
        {
            final Task<Object, Object> identity = LambdaWarmup::identity;
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
            final int length = codec.encode(identity, buffer, 0);
            codec.decode(buffer, 0, length);
        }
        catch (final RuntimeException ex)
        {
            // only a warm-up: the first task pays instead
        }
    }

    private static Object identity(final Object value)
    {
        return value;
    }
}
