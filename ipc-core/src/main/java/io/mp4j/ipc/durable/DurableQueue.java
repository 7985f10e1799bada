package io.mp4j.ipc.durable;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codec;

import java.nio.file.Path;

/**
 * A persisted, replayable queue on Chronicle Queue: what a {@code SharedQueue} is not. Every message put is written to
 * a file and stays there (up to the retention of {@link DurableQueueOptions}), so the queue survives the restart of
 * every JVM, and any message kept can be read again from its index. Chronicle is loaded on first use.
 *
 * <ul>
 *   <li>{@link #put} appends a message and returns its index. A writer killed mid-message loses only that message;
 *       readers never see half of it, and other writers go on (Chronicle frees the dead writer's lock).</li>
 *   <li>{@link #consumer(String)}: work sharing. The consumers of one group, in any JVMs, share one cursor: each
 *       message goes to exactly one of them, in order. A consumer is done with a message when it takes the next one,
 *       calls {@link DurableConsumer#ack()} or closes; if its process dies before that, the message goes to another
 *       consumer of the group (flagged {@link DurableConsumer#lastRedelivered()}), so nothing committed is lost. The
 *       group's cursor lives in a file and survives restarts.</li>
 *   <li>{@link #reader(long)}: replay. A reader sees every message from an index on, independently of everyone
 *       else.</li>
 * </ul>
 *
 * <p>Indexes are Chronicle's: increasing in put order, but not contiguous across cycle files.
 *
 * <p>Threading: {@link #put} from any thread of any process; a consumer or a reader belongs to one thread at a time.
 * Ordering: a message's bytes are written before its index is published (Chronicle's header word, a release
 * store); a reader or consumer that gets it sees all of them.
 *
 * @param <T> the type of messages.
 */
public interface DurableQueue<T> extends AutoCloseable
{
    /** Index for {@link #reader(long)}: the first message kept. */
    long START = 0;

    /**
     * Creates the queue if missing, else opens it.
     *
     * @param space   the space (its directory holds the queue unless the options name another).
     * @param name    the queue's name.
     * @param options directory, roll cycle and retention; every process must use the same roll cycle.
     * @param codec   how messages become bytes.
     * @param <T>     the type of messages.
     * @return the queue; the caller closes it.
     */
    static <T> DurableQueue<T> open(
        final Space space, final String name, final DurableQueueOptions options, final Codec<T> codec)
    {
        return io.mp4j.ipc.chronicle.Chronicles.openQueue(space, name, options, codec);
    }

    /** @return the queue's name. */
    String name();

    /** @return the directory of its files. */
    Path directory();

    /**
     * Appends a message.
     *
     * <p>Threading: any thread. Ordering: the message is readable by the time this returns.
     *
     * @param message the message.
     * @return its index.
     */
    long put(T message);

    /**
     * @param group the consumer group's name (letters, digits, '.', '_', '-').
     * @return a new consumer of that group, for one thread; the caller closes it.
     */
    DurableConsumer<T> consumer(String group);

    /**
     * @param fromIndex the first index to read ({@link #START} for the first message kept); an index no longer kept
     *                  starts at the first one kept.
     * @return a new reader, for one thread; the caller closes it.
     */
    DurableReader<T> reader(long fromIndex);

    /** @return the index of the first message kept, or -1 if none. */
    long firstIndex();

    /** @return the index of the last message written, or -1 if none. */
    long lastIndex();

    /**
     * Deletes the cycle files past the retention ({@link DurableQueueOptions#retainCycles()}); the queue does this
     * by itself when it starts a new cycle.
     *
     * @return how many files were deleted.
     */
    int purge();

    /** Closes the queue in this process, with the consumers and readers it made; the files stay. Idempotent. */
    @Override
    void close();

    /** Closes the queue and deletes its directory. Processes that have it open keep their mappings. */
    void unlink();
}
