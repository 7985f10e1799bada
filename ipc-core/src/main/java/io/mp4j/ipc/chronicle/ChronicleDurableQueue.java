package io.mp4j.ipc.chronicle;

import io.mp4j.ipc.IdleStrategies;
import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.collections.LockTable;
import io.mp4j.ipc.durable.DurableConsumer;
import io.mp4j.ipc.durable.DurableQueue;
import io.mp4j.ipc.durable.DurableQueueOptions;
import io.mp4j.ipc.durable.DurableReader;
import io.mp4j.ipc.liveness.ProcessIdentity;
import io.mp4j.ipc.queue.QueueEmptyException;
import io.mp4j.ipc.region.Names;
import io.mp4j.ipc.region.RegionFiles;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@link DurableQueue} on a Chronicle Queue in one directory, with one {@link LockTable} per consumer group in the
 * same directory ({@code group-<name>}: one lock, the cursor, and 64 consumer slots).
 *
 * <p>Threading: {@link #put} from any thread (serialized in this JVM); consumers and readers one thread at a time.
 *
 * @param <T> the type of messages.
 */
final class ChronicleDurableQueue<T> implements DurableQueue<T>
{
    /** Suffix of the queue's directory in a space: a character no region name has. */
    static final String DIRECTORY_SUFFIX = "~queue";
    /** Consumer slots of a group. */
    static final int GROUP_SLOTS = 64;
    /** Group word: index of the last message handed out, 0 if none. */
    static final int GROUP_CURSOR = 0;
    /** Group word: messages handed out again after their consumer died. */
    static final int GROUP_REDELIVERIES = 1;
    /** Group words: first slot; slot i is words {@code GROUP_SLOTS_WORD + 4i}: pid, start ms, index in flight. */
    static final int GROUP_SLOTS_WORD = 2;
    /** Words per consumer slot. */
    static final int SLOT_WORDS = 4;
    /** Words of a group's lock table. */
    static final int GROUP_WORDS = GROUP_SLOTS_WORD + GROUP_SLOTS * SLOT_WORDS;
    /** How long a consumer waits for its group's lock, held by a live consumer, before it throws. */
    static final long GROUP_LOCK_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private static final String CYCLE_FILE_SUFFIX = ".cq4";
    private static final ProcessIdentity ME = ProcessIdentity.current();

    private final String name;
    private final Path directory;
    private final DurableQueueOptions options;
    private final Codec<T> codec;
    private final SingleChronicleQueue queue;
    private final ExpandableArrayBuffer writeScratch = new ExpandableArrayBuffer(256);
    private final List<AutoCloseable> children = new ArrayList<>();
    private ExcerptAppender appender;
    private int appenderCycle = Integer.MIN_VALUE;
    private volatile boolean closed;

    private ChronicleDurableQueue(final String name, final Path directory, final DurableQueueOptions options,
        final Codec<T> codec, final SingleChronicleQueue queue)
    {
        this.name = name;
        this.directory = directory;
        this.options = options;
        this.codec = codec;
        this.queue = queue;
    }

    static <T> ChronicleDurableQueue<T> open(final Space space, final String name, final DurableQueueOptions options,
        final Codec<T> codec)
    {
        Names.validate("queue", name);
        Objects.requireNonNull(codec, "codec");
        final Path directory;
        if (options.directory() == null)
        {
            RegionFiles.ensureDirectory(space.directory());
            directory = space.directory().resolve(name + DIRECTORY_SUFFIX);
        }
        else
        {
            directory = options.directory().toAbsolutePath().normalize();
        }
        RegionFiles.ensureDirectory(directory);
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(directory.toFile())
            .rollCycle(rollCycle(options.roll()))
            .build();
        final ChronicleDurableQueue<T> durable = new ChronicleDurableQueue<>(name, directory, options, codec, queue);
        if (options.retainCycles() > 0)
        {
            durable.purge();
        }
        return durable;
    }

    private static RollCycle rollCycle(final DurableQueueOptions.Roll roll)
    {
        return switch (roll)
        {
            case SECONDLY -> TestRollCycles.TEST_SECONDLY;
            case FIVE_MINUTELY -> RollCycles.FIVE_MINUTELY;
            case HOURLY -> RollCycles.FAST_HOURLY;
            case DAILY -> RollCycles.FAST_DAILY;
            case WEEKLY -> RollCycles.WEEKLY;
        };
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Path directory()
    {
        return directory;
    }

    @Override
    public synchronized long put(final T message)
    {
        checkOpen();
        final int length = codec.encode(message, writeScratch, 0);
        if (appender == null)
        {
            appender = queue.createAppender();
            appender.singleThreadedCheckDisabled(true);
        }
        try (DocumentContext context = appender.writingDocument())
        {
            context.wire().bytes().write(writeScratch.byteArray(), 0, length);
        }
        final long index = appender.lastIndexAppended();
        final int cycle = appender.cycle();
        if (cycle != appenderCycle)
        {
            appenderCycle = cycle;
            if (options.retainCycles() > 0)
            {
                purge();
            }
        }
        return index;
    }

    @Override
    public DurableConsumer<T> consumer(final String group)
    {
        checkOpen();
        final Consumer consumer = new Consumer(Names.validate("group", group));
        synchronized (children)
        {
            children.add(consumer);
        }
        return consumer;
    }

    @Override
    public DurableReader<T> reader(final long fromIndex)
    {
        checkOpen();
        final Reader reader = new Reader(fromIndex);
        synchronized (children)
        {
            children.add(reader);
        }
        return reader;
    }

    @Override
    public long firstIndex()
    {
        final long index = queue.firstIndex();
        return index == Long.MAX_VALUE || index < 0 ? -1 : index;
    }

    @Override
    public long lastIndex()
    {
        final long index = queue.lastIndex();
        return index < 0 ? -1 : index;
    }

    @Override
    public synchronized int purge()
    {
        if (options.retainCycles() == 0)
        {
            return 0;
        }
        final List<Path> cycles = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + CYCLE_FILE_SUFFIX))
        {
            files.forEach(cycles::add);
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot list durable queue " + directory + ": " + ex, ex);
        }
        cycles.sort(Comparator.comparing(path -> path.getFileName().toString())); // names sort by time
        int deleted = 0;
        for (int i = 0; i < cycles.size() - options.retainCycles(); i++)
        {
            try
            {
                if (Files.deleteIfExists(cycles.get(i)))
                {
                    deleted++;
                }
            }
            catch (final IOException ex)
            {
                throw new Mp4jException("cannot delete " + cycles.get(i) + ": " + ex, ex);
            }
        }
        if (deleted > 0)
        {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    @Override
    public void close()
    {
        final List<AutoCloseable> toClose;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            synchronized (children)
            {
                toClose = new ArrayList<>(children);
                children.clear();
            }
        }
        for (final AutoCloseable child : toClose)
        {
            try
            {
                child.close();
            }
            catch (final Exception ignore)
            {
                // Closing the queue below releases what the child held.
            }
        }
        synchronized (this)
        {
            if (appender != null)
            {
                appender.close();
            }
            queue.close();
        }
    }

    @Override
    public void unlink()
    {
        close();
        try (java.util.stream.Stream<Path> files = Files.walk(directory))
        {
            final List<Path> paths = files.sorted(Comparator.reverseOrder()).toList();
            for (final Path path : paths)
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot delete durable queue " + directory + ": " + ex, ex);
        }
    }

    @Override
    public String toString()
    {
        return "DurableQueue{" + directory + "}";
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("durable queue " + name + " is closed");
        }
    }

    private void removeChild(final AutoCloseable child)
    {
        synchronized (children)
        {
            children.remove(child);
        }
    }

    /** A tailer that reads whole messages into a scratch buffer, and remembers the index of the last one read. */
    private final class Cursor
    {
        private final ExcerptTailer tailer = queue.createTailer();
        private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);
        private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        private long lastRead = -1;
        private T value;

        Cursor()
        {
            tailer.singleThreadedCheckDisabled(true);
        }

        /** @return true if a message was read: {@link #value} and {@link #lastRead} hold it. */
        boolean readNext()
        {
            try (DocumentContext context = tailer.readingDocument())
            {
                if (!context.isPresent())
                {
                    return false;
                }
                final Bytes<?> bytes = context.wire().bytes();
                final int length = (int)bytes.readRemaining();
                scratch.checkLimit(length);
                bytes.read(scratch.byteArray(), 0, length);
                lastRead = context.index();
                view.wrap(scratch.byteArray(), 0, length);
                value = codec.decode(view, 0, length);
                return true;
            }
        }

        /** @return true if the message at index was read. */
        boolean readAt(final long index)
        {
            if (!tailer.moveToIndex(index))
            {
                lastRead = -1;
                return false;
            }
            return readNext() && lastRead == index;
        }

        /** @return true if the first message after {@code index} (0: from the start) was read. */
        boolean readAfter(final long index)
        {
            if (index == 0)
            {
                if (lastRead < 0)
                {
                    tailer.toStart();
                }
                else if (lastRead != 0)
                {
                    tailer.toStart();
                    lastRead = -1;
                }
                return readNext();
            }
            if (lastRead != index)
            {
                if (tailer.moveToIndex(index))
                {
                    if (!readNext())
                    {
                        return false;
                    }
                }
                else
                {
                    tailer.toStart(); // the cycle of index was deleted: go on from the first message kept
                    lastRead = -1;
                    if (!readNext())
                    {
                        return false;
                    }
                    if (lastRead > index)
                    {
                        return true;
                    }
                }
            }
            final long before = lastRead;
            if (readNext())
            {
                return true;
            }
            lastRead = before; // positioned right after index: next time, just read on
            return false;
        }

        void close()
        {
            tailer.close();
        }
    }

    /** A consumer of a group: a slot in the group's lock table and a cursor of its own. */
    private final class Consumer implements DurableConsumer<T>
    {
        private final String group;
        private final LockTable table;
        private final Cursor cursor = new Cursor();
        private int slot = -1;
        private long lastIndex = -1;
        private boolean lastRedelivered;
        private boolean consumerClosed;
        private T current;

        Consumer(final String group)
        {
            this.group = group;
            this.table = LockTable.open(directory, "group-" + group, 1, GROUP_WORDS,
                TimeUnit.SECONDS.toMillis(10));
        }

        @Override
        public String group()
        {
            return group;
        }

        /**
         * Under the group's lock: 1. claim a slot if this consumer has none (pid and start time); 2. clear this
         * consumer's index in flight (the previous message is done); 3. if a dead consumer's slot has an index in
         * flight, hand that message out again: store it in this slot, clear every dead slot with that index, move
         * the cursor up to it if it is behind; 4. else read the message after the cursor; store its index in this
         * slot (release), then in the cursor (release). A consumer killed between the two stores is found dead in
         * step 3, and the message goes out once more, never lost.
         */
        @Override
        public T poll()
        {
            return tryTake() ? current : null;
        }

        private boolean tryTake()
        {
            if (consumerClosed)
            {
                throw new IllegalStateException("consumer of group " + group + " is closed");
            }
            checkOpen();
            lockGroup();
            try
            {
                claimSlot();
                table.putWordRelease(slotWord(slot, 2), 0);
                if (redeliver())
                {
                    current = cursor.value;
                    return true;
                }
                final long after = table.getWordVolatile(GROUP_CURSOR);
                if (!cursor.readAfter(after))
                {
                    return false;
                }
                table.putWordRelease(slotWord(slot, 2), cursor.lastRead);
                table.putWordRelease(GROUP_CURSOR, cursor.lastRead);
                lastIndex = cursor.lastRead;
                current = cursor.value;
                return true;
            }
            finally
            {
                table.release(0);
            }
        }

        private boolean redeliver()
        {
            lastRedelivered = false;
            for (int other = 0; other < GROUP_SLOTS; other++)
            {
                final long pid = table.getWordVolatile(slotWord(other, 0));
                final long index = table.getWordVolatile(slotWord(other, 2));
                if (other == slot || pid == 0 || index == 0 ||
                    new ProcessIdentity(pid, table.getWordVolatile(slotWord(other, 1))).isAlive())
                {
                    continue;
                }
                final boolean found = cursor.readAt(index);
                if (found)
                {
                    table.putWordRelease(slotWord(slot, 2), index);
                }
                for (int dead = 0; dead < GROUP_SLOTS; dead++)
                {
                    if (dead != slot && table.getWordVolatile(slotWord(dead, 2)) == index)
                    {
                        table.putWordRelease(slotWord(dead, 2), 0);
                        table.putWordRelease(slotWord(dead, 0), 0);
                    }
                }
                if (found)
                {
                    if (table.getWordVolatile(GROUP_CURSOR) < index)
                    {
                        table.putWordRelease(GROUP_CURSOR, index);
                    }
                    table.getAndAddWord(GROUP_REDELIVERIES, 1);
                    cursor.lastRead = -1; // the tailer is off the group's cursor now
                    lastIndex = index;
                    lastRedelivered = true;
                    return true;
                }
            }
            return false;
        }

        @Override
        public T take(final Duration timeout)
        {
            final long startNs = System.nanoTime();
            final IdleStrategy idle = IdleStrategies.backoff();
            while (true)
            {
                if (tryTake())
                {
                    return current;
                }
                if (System.nanoTime() - startNs - timeout.toNanos() >= 0)
                {
                    throw new QueueEmptyException("durable queue " + name + ": no message for group " + group +
                        " within " + timeout);
                }
                idle.idle();
            }
        }

        @Override
        public long lastIndex()
        {
            return lastIndex;
        }

        @Override
        public boolean lastRedelivered()
        {
            return lastRedelivered;
        }

        @Override
        public void ack()
        {
            if (slot < 0 || consumerClosed)
            {
                return;
            }
            lockGroup();
            try
            {
                table.putWordRelease(slotWord(slot, 2), 0);
            }
            finally
            {
                table.release(0);
            }
        }

        @Override
        public void close()
        {
            if (consumerClosed)
            {
                return;
            }
            consumerClosed = true;
            try
            {
                if (slot >= 0 && !table.isClosed())
                {
                    lockGroup();
                    try
                    {
                        table.putWordRelease(slotWord(slot, 2), 0);
                        table.putWordRelease(slotWord(slot, 1), 0);
                        table.putWordRelease(slotWord(slot, 0), 0);
                    }
                    finally
                    {
                        table.release(0);
                    }
                }
            }
            finally
            {
                cursor.close();
                table.close();
                removeChild(this);
            }
        }

        private void claimSlot()
        {
            if (slot >= 0)
            {
                return;
            }
            for (int candidate = 0; candidate < GROUP_SLOTS; candidate++)
            {
                final long pid = table.getWordVolatile(slotWord(candidate, 0));
                final boolean free = pid == 0 || table.getWordVolatile(slotWord(candidate, 2)) == 0 &&
                    !new ProcessIdentity(pid, table.getWordVolatile(slotWord(candidate, 1))).isAlive();
                if (free)
                {
                    table.putWordRelease(slotWord(candidate, 2), 0);
                    table.putWordRelease(slotWord(candidate, 1), ME.startTimeMs());
                    table.putWordRelease(slotWord(candidate, 0), ME.pid());
                    slot = candidate;
                    return;
                }
            }
            throw new Mp4jException("consumer group " + table.file() + " has " + GROUP_SLOTS +
                " live consumers already");
        }

        private void lockGroup()
        {
            final int result;
            try
            {
                result = table.acquire(0, GROUP_LOCK_TIMEOUT_NS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new Mp4jException("interrupted waiting for consumer group " + table.file(), ex);
            }
            if (result == LockTable.TIMED_OUT)
            {
                throw new Mp4jException("consumer group " + table.file() + ": lock held by pid " +
                    table.ownerPid(0) + " (alive) for longer than 30 s");
            }
        }
    }

    private static int slotWord(final int slot, final int field)
    {
        return GROUP_SLOTS_WORD + slot * SLOT_WORDS + field;
    }

    /** A reader from an index on. */
    private final class Reader implements DurableReader<T>
    {
        private final Cursor cursor = new Cursor();
        private boolean readerClosed;

        Reader(final long fromIndex)
        {
            if (fromIndex == START || !cursor.tailer.moveToIndex(fromIndex))
            {
                cursor.tailer.toStart();
            }
        }

        @Override
        public T poll()
        {
            if (readerClosed)
            {
                throw new IllegalStateException("reader is closed");
            }
            checkOpen();
            return cursor.readNext() ? cursor.value : null;
        }

        @Override
        public T take(final Duration timeout)
        {
            final long startNs = System.nanoTime();
            final IdleStrategy idle = IdleStrategies.backoff();
            while (true)
            {
                final long before = cursor.lastRead;
                final T value = poll();
                if (value != null || cursor.lastRead != before)
                {
                    return value;
                }
                if (System.nanoTime() - startNs - timeout.toNanos() >= 0)
                {
                    throw new QueueEmptyException("durable queue " + name + ": no message within " + timeout);
                }
                idle.idle();
            }
        }

        @Override
        public long lastIndex()
        {
            return cursor.lastRead;
        }

        @Override
        public boolean moveTo(final long index)
        {
            return cursor.tailer.moveToIndex(index);
        }

        @Override
        public void close()
        {
            if (!readerClosed)
            {
                readerClosed = true;
                cursor.close();
                removeChild(this);
            }
        }
    }
}
