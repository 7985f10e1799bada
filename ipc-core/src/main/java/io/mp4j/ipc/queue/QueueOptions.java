package io.mp4j.ipc.queue;

import java.time.Duration;

/**
 * The shape of a queue, fixed when it is created: slot count, largest message, liveness timeout, and whether it
 * counts unfinished tasks (Python's JoinableQueue). Attaching reads the shape from the region.
 *
 * @param slots            how many messages it holds, a power of two, at least 2.
 * @param maxMessageLength the largest message in bytes; a larger one is refused at put.
 * @param livenessTimeout  how long a consumer waits on a claimed slot whose producer is alive before it revokes
 *                         the claim and moves on (a dead producer's claim is revoked at once).
 * @param joinable         whether {@code taskDone} and {@code join} are available.
 */
public record QueueOptions(int slots, int maxMessageLength, Duration livenessTimeout, boolean joinable)
{
    /** Default slot count. */
    public static final int DEFAULT_SLOTS = 4096;
    /** Default largest message. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1024 - 16;
    /** Default liveness timeout. */
    public static final Duration DEFAULT_LIVENESS_TIMEOUT = Duration.ofSeconds(2);

    /**
     * @param slots            how many messages it holds, a power of two, at least 2.
     * @param maxMessageLength the largest message in bytes.
     * @param livenessTimeout  the liveness timeout.
     * @param joinable         whether it counts unfinished tasks.
     */
    public QueueOptions
    {
        if (slots < 2 || Integer.bitCount(slots) != 1)
        {
            throw new IllegalArgumentException("slots must be a power of two >= 2: slots=" + slots);
        }
        if (maxMessageLength < 1 || maxMessageLength > (1 << 30))
        {
            throw new IllegalArgumentException("maxMessageLength out of range: maxMessageLength=" + maxMessageLength);
        }
        if (livenessTimeout.isNegative() || livenessTimeout.isZero())
        {
            throw new IllegalArgumentException("livenessTimeout must be positive: livenessTimeout=" + livenessTimeout);
        }
    }

    /**
     * @return 4096 slots of up to 1008 bytes, 2 s liveness timeout, not joinable.
     */
    public static QueueOptions defaults()
    {
        return new QueueOptions(DEFAULT_SLOTS, DEFAULT_MAX_MESSAGE_LENGTH, DEFAULT_LIVENESS_TIMEOUT, false);
    }

    /**
     * @param slots slot count.
     * @return these options with that slot count.
     */
    public QueueOptions withSlots(final int slots)
    {
        return new QueueOptions(slots, maxMessageLength, livenessTimeout, joinable);
    }

    /**
     * @param maxMessageLength the largest message.
     * @return these options with that largest message.
     */
    public QueueOptions withMaxMessageLength(final int maxMessageLength)
    {
        return new QueueOptions(slots, maxMessageLength, livenessTimeout, joinable);
    }

    /**
     * @param livenessTimeout the liveness timeout.
     * @return these options with that timeout.
     */
    public QueueOptions withLivenessTimeout(final Duration livenessTimeout)
    {
        return new QueueOptions(slots, maxMessageLength, livenessTimeout, joinable);
    }

    /**
     * @param joinable whether it counts unfinished tasks.
     * @return these options, joinable or not.
     */
    public QueueOptions withJoinable(final boolean joinable)
    {
        return new QueueOptions(slots, maxMessageLength, livenessTimeout, joinable);
    }
}
