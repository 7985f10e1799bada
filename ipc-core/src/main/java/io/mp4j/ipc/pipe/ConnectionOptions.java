package io.mp4j.ipc.pipe;

import io.mp4j.ipc.IdleStrategies;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.Codecs;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How one process uses its end of a pipe; nothing of it is shared. The codec turns the objects of
 * {@link Connection#send(Object)} and {@link Connection#recv()} into bytes and back (both ends must use the same
 * one); the idle strategy is how a send waits on a full ring and a receive on an empty one; the liveness check
 * interval is how often a waiting end asks the OS whether its peer's process is still alive.
 *
 * <p>Immutable and thread-safe.
 *
 * @param codec                 the codec of objects, or null for none (then only the bytes methods work).
 * @param idleStrategy          makes a fresh idle strategy; each end has one for sending and one for receiving.
 * @param livenessCheckInterval the least time between two liveness checks of the peer while waiting.
 */
public record ConnectionOptions(
    Codec<Object> codec,
    Supplier<? extends IdleStrategy> idleStrategy,
    Duration livenessCheckInterval)
{
    /** Default liveness check interval. */
    public static final Duration DEFAULT_LIVENESS_CHECK_INTERVAL = Duration.ofMillis(50);

    /**
     * @param codec                 the codec of objects, or null.
     * @param idleStrategy          makes a fresh idle strategy.
     * @param livenessCheckInterval the least time between two liveness checks.
     */
    public ConnectionOptions
    {
        Objects.requireNonNull(idleStrategy, "idleStrategy");
        if (livenessCheckInterval.isNegative())
        {
            throw new IllegalArgumentException(
                "livenessCheckInterval is negative: livenessCheckInterval=" + livenessCheckInterval);
        }
    }

    /**
     * @return {@link Codecs#objects()}; waits as {@link IdleStrategies#backoff()}; a liveness check at most every
     *     50 ms.
     */
    public static ConnectionOptions defaults()
    {
        return new ConnectionOptions(Codecs.objects(), IdleStrategies::backoff,
            DEFAULT_LIVENESS_CHECK_INTERVAL);
    }

    /**
     * @param codec the codec of objects, or null for none.
     * @return these options with that codec.
     */
    public ConnectionOptions withCodec(final Codec<Object> codec)
    {
        return new ConnectionOptions(codec, idleStrategy, livenessCheckInterval);
    }

    /**
     * @param idleStrategy makes a fresh idle strategy, e.g. {@code BusySpinIdleStrategy::new} for the lowest
     *                     latency at the cost of a core per waiting end.
     * @return these options with that idle strategy.
     */
    public ConnectionOptions withIdleStrategy(final Supplier<? extends IdleStrategy> idleStrategy)
    {
        return new ConnectionOptions(codec, idleStrategy, livenessCheckInterval);
    }

    /**
     * @param livenessCheckInterval the least time between two liveness checks of the peer while waiting.
     * @return these options with that interval.
     */
    public ConnectionOptions withLivenessCheckInterval(final Duration livenessCheckInterval)
    {
        return new ConnectionOptions(codec, idleStrategy, livenessCheckInterval);
    }

}
