package io.mp4j.ipc.queue;

import io.mp4j.ipc.IdleStrategies;
import io.mp4j.ipc.MessageQueue;
import io.mp4j.ipc.RegionFormatException;
import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.Waitable;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.layout.QueueDescriptor;
import io.mp4j.ipc.layout.RegionHeaderDescriptor;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionKind;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.Collection;

import static io.mp4j.ipc.layout.QueueDescriptor.*;

/**
 * A bounded queue of objects shared by any number of producer and consumer threads in any number of JVMs:
 * Python's {@code Queue}, {@code JoinableQueue} (with {@link QueueOptions#joinable()}) and {@code SimpleQueue}.
 * Objects pass through a {@link Codec}; {@link #ring()} is the zero-copy byte API underneath.
 *
 * <p>Delivery: every message committed is delivered exactly once, in the order each producer put them
 * (messages of different producers interleave). A producer killed between claim and commit loses only its own
 * message, never delivered; consumers revoke its claim at once (dead) or after the liveness timeout (stalled),
 * and nobody else waits. A consumer killed while taking a message loses that one message.
 *
 * <p>Waiting spins, then yields, then parks up to 1 ms ({@link IdleStrategies#backoff()}), so a queue idle
 * for long costs little CPU. A waiting
 * thread that is interrupted throws {@link QueueInterruptedException}, its interrupt flag still set.
 *
 * <p>Threading: every method may be called from any thread of any process. Ordering: a message's bytes
 * happen-before its delivery (see {@link QueueRing}).
 *
 * @param <T> the type of message.
 */
public final class SharedQueue<T> extends SharedObject implements Waitable, MessageQueue<T>
{
    private static final ThreadLocal<ExpandableArrayBuffer> SCRATCH =
        ThreadLocal.withInitial(() -> new ExpandableArrayBuffer(256));

    private final QueueRing ring;
    private final Codec<T> codec;
    private final boolean joinable;

    private SharedQueue(final Region region, final Codec<T> codec)
    {
        super(region);
        validateShape(region);
        this.ring = new QueueRing(buffer);
        this.codec = codec;
        this.joinable = (buffer.getInt(FLAGS_OFFSET) & FLAG_JOINABLE) != 0;
    }

    private static void validateShape(final Region region)
    {
        final int slots = region.body().getInt(SLOTS_OFFSET);
        final int maxMessageLength = region.body().getInt(MAX_MESSAGE_LENGTH_OFFSET);
        if (slots < 2 || Integer.bitCount(slots) != 1 || maxMessageLength < 1 || maxMessageLength > (1 << 30) ||
            QueueDescriptor.bodyLength(slots, maxMessageLength) != region.bodyLength() ||
            region.body().getLong(LIVENESS_TIMEOUT_NS_OFFSET) <= 0)
        {
            region.close();
            throw new RegionFormatException(region.file(), "queue shape", "slots=" + slots + " maxMessageLength=" +
                maxMessageLength + " do not match a body of " + region.bodyLength() + " bytes");
        }
    }

    /**
     * Creates the queue if missing, else attaches to it (its shape is then the creator's; options are ignored).
     *
     * @param space   the space.
     * @param name    the queue's name.
     * @param options the shape, if this call creates it.
     * @param codec   how messages become bytes; every process of the queue must use a compatible one.
     * @param <T>     the type of message.
     * @return the queue.
     */
    public static <T> SharedQueue<T> open(
        final Space space, final String name, final QueueOptions options, final Codec<T> codec)
    {
        final long totalLength = RegionHeaderDescriptor.HEADER_LENGTH +
            QueueDescriptor.bodyLength(options.slots(), options.maxMessageLength());
        if (totalLength > RegionFiles.MAX_TOTAL_LENGTH)
        {
            throw new IllegalArgumentException("queue too large: slots=" + options.slots() + " maxMessageLength=" +
                options.maxMessageLength() + " bytes=" + totalLength);
        }
        final Region region = RegionFiles.createOrAttach(space.directory(), name, RegionKind.QUEUE, totalLength, body ->
        {
            body.putInt(SLOTS_OFFSET, options.slots());
            body.putInt(MAX_MESSAGE_LENGTH_OFFSET, options.maxMessageLength());
            body.putLong(LIVENESS_TIMEOUT_NS_OFFSET, options.livenessTimeout().toNanos());
            body.putInt(FLAGS_OFFSET, options.joinable() ? FLAG_JOINABLE : 0);
        }, space.attachTimeout().toMillis(), false);
        return new SharedQueue<>(region, codec);
    }

    /**
     * Attaches to an existing queue, whatever its shape.
     *
     * @param space the space.
     * @param name  the queue's name.
     * @param codec how messages become bytes.
     * @param <T>   the type of message.
     * @return the queue.
     */
    public static <T> SharedQueue<T> attach(final Space space, final String name, final Codec<T> codec)
    {
        return new SharedQueue<>(
            RegionFiles.attach(space.directory(), name, RegionKind.QUEUE, space.attachTimeout().toMillis()), codec);
    }

    /** @return the zero-copy byte API of this queue. */
    public QueueRing ring()
    {
        return ring;
    }

    /** @return true if the queue counts unfinished tasks (JoinableQueue). */
    public boolean isJoinable()
    {
        return joinable;
    }

    /**
     * Puts a message if a slot is free now.
     *
     * @param message the message.
     * @return true if put, false if the queue is full.
     * @throws QueueClosedException if the queue is shut down.
     * @throws io.mp4j.ipc.codec.CodecException if the message cannot be encoded or is too large.
     */
    public boolean offer(final T message)
    {
        return put(encode(message), 0);
    }

    /**
     * Puts a message, waiting as long as the queue is full.
     *
     * @param message the message.
     * @throws QueueClosedException if the queue is shut down.
     */
    public void put(final T message)
    {
        put(encode(message), Long.MAX_VALUE);
    }

    /**
     * Puts a message, waiting up to a timeout for a free slot.
     *
     * @param message the message.
     * @param timeout how long to wait.
     * @throws QueueFullException   if no slot was free in time.
     * @throws QueueClosedException if the queue is shut down.
     */
    public void put(final T message, final Duration timeout)
    {
        if (!put(encode(message), timeout.toNanos()))
        {
            throw new QueueFullException("queue " + name() + " still full after " + timeout);
        }
    }

    private int encode(final T message)
    {
        final int length = codec.encode(message, SCRATCH.get(), 0);
        if (length > ring.maxMessageLength())
        {
            throw new io.mp4j.ipc.codec.CodecException("message of " + length + " bytes exceeds queue " + name() +
                "'s maxMessageLength=" + ring.maxMessageLength() + " (" + message.getClass().getName() + ")");
        }
        return length;
    }

    private boolean put(final int length, final long timeoutNs)
    {
        final ExpandableArrayBuffer scratch = SCRATCH.get();
        final long startNs = System.nanoTime();
        final IdleStrategy idle = timeoutNs == 0 ? null : newIdleStrategy();
        while (true)
        {
            final long claim = ring.tryClaim(length);
            if (claim == QueueRing.CLOSED)
            {
                throw new QueueClosedException("queue " + name() + " is shut down");
            }
            if (claim >= 0)
            {
                ring.buffer().putBytes(ring.payloadOffset(claim), scratch, 0, length);
                if (joinable)
                {
                    ring.addUnfinished(1); // before commit: a consumer's taskDone never sees the count below zero
                }
                if (ring.commit(claim))
                {
                    return true;
                }
                if (joinable)
                {
                    ring.addUnfinished(-1);
                }
                continue; // revoked after a stall of this thread: put it again
            }
            if (idle == null || System.nanoTime() - startNs >= timeoutNs)
            {
                return false;
            }
            idleInterruptibly(idle, "put");
        }
    }

    /**
     * Takes a message if one is ready now.
     *
     * @return the message, or null if none is ready.
     */
    public T poll()
    {
        final Object[] holder = new Object[1];
        return ring.read((buf, offset, length) -> holder[0] = codec.decode(buf, offset, length), 1) == 1 ?
            cast(holder[0]) : null;
    }

    /**
     * Takes a message, waiting as long as the queue is empty.
     *
     * @return the message.
     * @throws QueueClosedException if the queue is shut down and drained.
     */
    public T get()
    {
        return take(Long.MAX_VALUE, null);
    }

    /**
     * Takes a message, waiting up to a timeout.
     *
     * @param timeout how long to wait.
     * @return the message.
     * @throws QueueEmptyException  if none came in time.
     * @throws QueueClosedException if the queue is shut down and drained.
     */
    public T get(final Duration timeout)
    {
        return take(timeout.toNanos(), timeout);
    }

    private T take(final long timeoutNs, final Duration timeout)
    {
        final Object[] holder = new Object[1];
        final MessageHandler handler = (buf, offset, length) -> holder[0] = codec.decode(buf, offset, length);
        final IdleStrategy idle = newIdleStrategy();
        final long startNs = System.nanoTime();
        while (ring.read(handler, 1) == 0)
        {
            if (ring.isDrained())
            {
                throw new QueueClosedException("queue " + name() + " is shut down and drained");
            }
            if (System.nanoTime() - startNs >= timeoutNs)
            {
                throw new QueueEmptyException("queue " + name() + " still empty after " + timeout);
            }
            idleInterruptibly(idle, "get");
        }
        return cast(holder[0]);
    }

    /**
     * Takes every message ready now, up to a limit.
     *
     * @param target where to add them, in order.
     * @param limit  the most to take.
     * @return how many were taken.
     */
    public int drainTo(final Collection<? super T> target, final int limit)
    {
        return ring.read((buf, offset, length) -> target.add(codec.decode(buf, offset, length)), limit);
    }

    /**
     * Whether a get would return without waiting: a message is waiting, or the queue is shut down and drained (so
     * a get throws at once). For {@link io.mp4j.ipc.pipe.Connections#wait}. Ordering: volatile reads of the
     * cursors; another consumer may take the message first.
     *
     * @return true if ready.
     */
    @Override
    public boolean isReady()
    {
        return !ring.isEmpty() || ring.isDrained();
    }

    /** @return the number of messages waiting, approximately (Python's {@code qsize}). */
    public int size()
    {
        return ring.size();
    }

    /** @return true if no message is waiting, approximately. */
    public boolean isEmpty()
    {
        return ring.isEmpty();
    }

    /**
     * Shuts the queue down for every process (Python's {@code close}, for all producers at once): puts fail with
     * {@link QueueClosedException}; gets return what remains, then throw it.
     */
    public void shutdown()
    {
        ring.shutdown();
    }

    /** @return true once the queue is shut down. */
    public boolean isShutdown()
    {
        return ring.isShutdown();
    }

    /**
     * Marks one message taken from a joinable queue as processed (Python's {@code task_done}).
     *
     * @throws IllegalStateException if the queue is not joinable, or called more times than messages were put.
     */
    public void taskDone()
    {
        checkJoinable();
        if (ring.addUnfinished(-1) < 0)
        {
            ring.addUnfinished(1);
            throw new IllegalStateException("taskDone called more times than messages were put: queue=" + name());
        }
    }

    /**
     * Waits until every message put on a joinable queue has been marked done (Python's {@code join}). A consumer
     * that dies before calling {@link #taskDone()} leaves its message unfinished: use {@link #join(Duration)}.
     */
    public void join()
    {
        join(null);
    }

    /**
     * Waits until every message put has been marked done, up to a timeout.
     *
     * @param timeout how long to wait, or null for ever.
     * @return true if every message is done, false on timeout.
     */
    public boolean join(final Duration timeout)
    {
        checkJoinable();
        final IdleStrategy idle = newIdleStrategy();
        final long startNs = System.nanoTime();
        while (ring.unfinished() > 0)
        {
            if (timeout != null && System.nanoTime() - startNs >= timeout.toNanos())
            {
                return false;
            }
            idleInterruptibly(idle, "join");
        }
        return true;
    }

    /** @return messages put and not yet marked done, for a joinable queue. */
    public long unfinishedTasks()
    {
        return ring.unfinished();
    }

    private void checkJoinable()
    {
        if (!joinable)
        {
            throw new IllegalStateException("queue " + name() + " is not joinable (QueueOptions.withJoinable)");
        }
    }

    private void idleInterruptibly(final IdleStrategy idle, final String operation)
    {
        if (Thread.currentThread().isInterrupted())
        {
            throw new QueueInterruptedException("interrupted while waiting in " + operation + " on queue " + name());
        }
        idle.idle();
    }

    private static IdleStrategy newIdleStrategy()
    {
        return IdleStrategies.backoff();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(final Object value)
    {
        return (T)value;
    }
}
