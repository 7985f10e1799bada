package io.mp4j.bench.ipc;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.durable.DurableConsumer;
import io.mp4j.ipc.durable.DurableQueue;
import io.mp4j.ipc.durable.DurableQueueOptions;
import io.mp4j.ipc.durable.DurableReader;
import io.mp4j.ipc.layout.QueueDescriptor;
import io.mp4j.ipc.queue.MessageHandler;
import io.mp4j.ipc.queue.QueueEmptyException;
import io.mp4j.ipc.queue.QueueOptions;
import io.mp4j.ipc.queue.QueueRing;
import io.mp4j.ipc.queue.SharedQueue;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The queues the throughput benchmark compares, as producer and consumer endpoints. Every message starts with an
 * 8-byte header (producer index and sequence number, native byte order) that each consumer checks for order.
 * Producers copy the message from an array into the queue; consumers copy it out into their own array, except
 * {@code mp4j.QueueRing.inplace}, which reads the header in place (zero copy), and the in-JVM
 * {@code ArrayBlockingQueue}, whose producer copies (clones) each message and whose consumer takes the reference.
 *
 * <p>Threading: one endpoint per thread.
 */
final class QueueImpls
{
    /** mp4j's raw ring: tryClaim, copy, commit; read with a handler that copies the message out. */
    static final String MP4J_RAW = "mp4j.QueueRing";
    /** mp4j's raw ring, the handler reading the header in place. */
    static final String MP4J_INPLACE = "mp4j.QueueRing.inplace";
    /** mp4j's object API: {@code put(byte[], timeout)} and {@code get(timeout)} with {@code Codecs.bytes()}. */
    static final String MP4J_BYTES = "mp4j.SharedQueue.bytes";
    /** Raw Agrona: OneToOneRingBuffer for one producer, ManyToOneRingBuffer for several. */
    static final String AGRONA = "agrona";
    /** Chronicle Queue: an appender per producer JVM, a tailer in the consumer JVM. */
    static final String CHRONICLE = "chronicle.Queue";
    /** ArrayBlockingQueue between threads of one JVM. */
    static final String ABQ = "jdk.ArrayBlockingQueue";

    /**
     * mp4j's durable queue (Chronicle Queue underneath): {@code put(byte[])} with {@code Codecs.bytes()}; the consumer
     * JVM takes with {@code poll()} as the one consumer of a work-sharing group (the group's robust lock, cursor and
     * slot bookkeeping on every take).
     */
    static final String DURABLE_CONSUMER = "mp4j.DurableQueue.consumer";
    /** mp4j's durable queue, read with a reader from the start ({@code reader(START).poll()}): no group. */
    static final String DURABLE_READER = "mp4j.DurableQueue.reader";

    /** Every implementation of run-ipc.sh, in table order. */
    static final List<String> ALL = List.of(MP4J_RAW, MP4J_INPLACE, MP4J_BYTES, AGRONA, CHRONICLE, ABQ);
    /** The durable queues (run-collections.sh), compared with {@link #CHRONICLE}. */
    static final List<String> DURABLE = List.of(DURABLE_CONSUMER, DURABLE_READER);

    static final VarHandle LONG_VIEW = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    static final int AGRONA_TYPE = 1;

    private QueueImpls()
    {
    }

    /**
     * @param impl     an implementation.
     * @param producers producer count.
     * @param consumers consumer count.
     * @return true if it has a form for that topology.
     */
    static boolean supports(final String impl, final int producers, final int consumers)
    {
        return switch (impl)
        {
            case AGRONA, CHRONICLE, DURABLE_READER -> consumers == 1; // tailers and readers each read all
            default -> true;
        };
    }

    /**
     * @param impl an implementation.
     * @return true if it keeps every message in files (Chronicle Queue and mp4j's durable queue): its runs are
     * capped.
     */
    static boolean persistent(final String impl)
    {
        return impl.equals(CHRONICLE) || DURABLE.contains(impl);
    }

    /** @return the name in the ids: Agrona's ring class depends on the producer count. */
    static String idName(final String impl, final int producers)
    {
        if (impl.equals(AGRONA))
        {
            return producers == 1 ? "agrona.OneToOneRingBuffer" : "agrona.ManyToOneRingBuffer";
        }
        return impl;
    }

    /** Agrona ring capacity: 1 MiB, or room for 64 messages if larger. */
    static int agronaCapacity(final int messageLength)
    {
        final int record = ((messageLength + 7) & ~7) + 8;
        return Math.max(1 << 20, Integer.highestOneBit(64 * record));
    }

    /** mp4j slots: about the bytes of the Agrona ring, rounded up to a power of two. */
    static int mp4jSlots(final int messageLength)
    {
        final int stride = QueueDescriptor.slotStride(messageLength);
        final int slots = (int)Math.ceil((double)agronaCapacity(messageLength) / stride);
        return Math.max(2, Integer.highestOneBit(slots - 1) << 1);
    }

    /** Creates what the producers and consumers will attach to; returns the arguments they need. */
    static String create(final String impl, final Path dir, final String tag, final int messageLength)
    {
        switch (impl)
        {
            case MP4J_RAW, MP4J_INPLACE, MP4J_BYTES ->
            {
                final Space space = Space.at(dir.resolve("space"));
                final QueueOptions options = QueueOptions.defaults().withSlots(mp4jSlots(messageLength))
                    .withMaxMessageLength(messageLength);
                SharedQueue.open(space, tag, options, Codecs.bytes()).close();
                return space.directory() + "|" + tag;
            }
            case AGRONA ->
            {
                final Path file = dir.resolve(tag + ".agrona");
                Links.createZeroed(file, agronaCapacity(messageLength) + RingBufferDescriptor.TRAILER_LENGTH);
                return file.toString();
            }
            case CHRONICLE ->
            {
                return dir.resolve(tag + "-cq").toString();
            }
            case DURABLE_CONSUMER, DURABLE_READER ->
            {
                return dir.resolve("space") + "|" + tag + "|" + dir.resolve(tag + "-dq");
            }
            case ABQ ->
            {
                return Integer.toString(mp4jSlots(messageLength));
            }
            default -> throw new IllegalArgumentException("unknown queue " + impl + "; known: " + ALL);
        }
    }

    /** Deletes what {@link #create} made. */
    static void delete(final String impl, final String where)
    {
        switch (impl)
        {
            case MP4J_RAW, MP4J_INPLACE, MP4J_BYTES ->
            {
                final String[] p = where.split("\\|");
                Space.at(Path.of(p[0])).remove(p[1]);
            }
            case AGRONA, CHRONICLE -> Jvms.deleteRecursively(Path.of(where));
            case DURABLE_CONSUMER, DURABLE_READER -> Jvms.deleteRecursively(Path.of(where.split("\\|")[2]));
            default ->
            {
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    /** Checks the order of each producer's messages as one consumer sees them. */
    static final class Checker
    {
        private final long[] last = {-1, -1, -1, -1};
        private final int length;
        long errors;

        Checker(final int length)
        {
            this.length = length;
        }

        void check(final long header, final int messageLength)
        {
            final int producer = (int)(header >>> 48) & 3;
            final long seq = header & 0xFFFF_FFFF_FFFFL;
            if (seq <= last[producer] || messageLength != length)
            {
                errors++;
            }
            last[producer] = seq;
        }
    }

    /** A producer's side. */
    interface Producer extends AutoCloseable
    {
        /** Puts a message if there is room; its first 8 bytes are the header. */
        boolean offer(byte[] message);

        @Override
        void close();
    }

    /** A consumer's side. */
    interface Consumer extends AutoCloseable
    {
        /** Takes up to {@code limit} messages ready now, checking each; returns how many. */
        int poll(int limit);

        /** Messages waiting now, approximately; -1 if the queue cannot tell. */
        long depth();

        @Override
        void close();
    }

    static Producer producer(final String impl, final String where, final int producers, final int messageLength)
    {
        return switch (impl)
        {
            case MP4J_RAW, MP4J_INPLACE -> new Mp4jRawProducer(attachMp4j(where));
            case MP4J_BYTES -> new Mp4jBytesProducer(attachMp4j(where));
            case AGRONA -> new AgronaProducer(where, producers);
            case CHRONICLE -> new ChronicleProducer(where);
            case DURABLE_CONSUMER, DURABLE_READER -> new DurableProducer(openDurable(where));
            default -> throw new IllegalArgumentException(impl + " has no producer process");
        };
    }

    static Consumer consumer(final String impl, final String where, final int producers, final int messageLength,
        final Checker checker)
    {
        return switch (impl)
        {
            case MP4J_RAW -> new Mp4jRawConsumer(attachMp4j(where), messageLength, checker, false);
            case MP4J_INPLACE -> new Mp4jRawConsumer(attachMp4j(where), messageLength, checker, true);
            case MP4J_BYTES -> new Mp4jBytesConsumer(attachMp4j(where), checker);
            case AGRONA -> new AgronaConsumer(where, producers, messageLength, checker);
            case CHRONICLE -> new ChronicleConsumer(where, messageLength, checker);
            case DURABLE_CONSUMER, DURABLE_READER -> new DurableQueueConsumer(openDurable(where),
                impl.equals(DURABLE_CONSUMER), checker);
            default -> throw new IllegalArgumentException(impl + " has no consumer process");
        };
    }

    private static SharedQueue<byte[]> attachMp4j(final String where)
    {
        final String[] p = where.split("\\|");
        return SharedQueue.attach(Space.at(Path.of(p[0])), p[1], Codecs.bytes());
    }

    // ----------------------------------------------------------------------------------------------------------------

    static final class Mp4jRawProducer implements Producer
    {
        private final SharedQueue<byte[]> queue;
        private final QueueRing ring;
        private final MutableDirectBuffer buffer;

        Mp4jRawProducer(final SharedQueue<byte[]> queue)
        {
            this.queue = queue;
            this.ring = queue.ring();
            this.buffer = ring.buffer();
        }

        @Override
        public boolean offer(final byte[] message)
        {
            final long claim = ring.tryClaim(message.length);
            if (claim < 0)
            {
                return false;
            }
            buffer.putBytes(ring.payloadOffset(claim), message);
            return ring.commit(claim);
        }

        @Override
        public void close()
        {
            queue.close();
        }
    }

    static final class Mp4jRawConsumer implements Consumer
    {
        private final SharedQueue<byte[]> queue;
        private final QueueRing ring;
        private final MessageHandler handler;

        Mp4jRawConsumer(final SharedQueue<byte[]> queue, final int messageLength, final Checker checker,
            final boolean inPlace)
        {
            this.queue = queue;
            this.ring = queue.ring();
            final byte[] into = new byte[messageLength];
            this.handler = inPlace ?
                (buf, offset, length) -> checker.check(buf.getLong(offset), length) :
                (buf, offset, length) ->
                {
                    buf.getBytes(offset, into, 0, length);
                    checker.check((long)LONG_VIEW.get(into, 0), length);
                };
        }

        @Override
        public int poll(final int limit)
        {
            return ring.read(handler, limit);
        }

        @Override
        public long depth()
        {
            return ring.size();
        }

        @Override
        public void close()
        {
            queue.close();
        }
    }

    static final class Mp4jBytesProducer implements Producer
    {
        private static final Duration TIMEOUT = Duration.ofSeconds(30);
        private final SharedQueue<byte[]> queue;

        Mp4jBytesProducer(final SharedQueue<byte[]> queue)
        {
            this.queue = queue;
        }

        @Override
        public boolean offer(final byte[] message)
        {
            queue.put(message, TIMEOUT); // waits as a user's put does
            return true;
        }

        @Override
        public void close()
        {
            queue.close();
        }
    }

    static final class Mp4jBytesConsumer implements Consumer
    {
        private static final Duration TIMEOUT = Duration.ofMillis(20);
        private final SharedQueue<byte[]> queue;
        private final Checker checker;

        Mp4jBytesConsumer(final SharedQueue<byte[]> queue, final Checker checker)
        {
            this.queue = queue;
            this.checker = checker;
        }

        @Override
        public int poll(final int limit)
        {
            final byte[] m;
            try
            {
                m = queue.get(TIMEOUT); // waits as a user's get does
            }
            catch (final QueueEmptyException ex)
            {
                return 0;
            }
            checker.check((long)LONG_VIEW.get(m, 0), m.length);
            return 1;
        }

        @Override
        public long depth()
        {
            return queue.size();
        }

        @Override
        public void close()
        {
            queue.close();
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static RingBuffer mapAgrona(final String file, final int producers, final MappedByteBuffer[] mapped)
    {
        mapped[0] = IoUtil.mapExistingFile(Path.of(file).toFile(), "agrona-queue");
        final UnsafeBuffer buffer = new UnsafeBuffer(mapped[0]);
        return producers == 1 ? new OneToOneRingBuffer(buffer) : new ManyToOneRingBuffer(buffer);
    }

    static final class AgronaProducer implements Producer
    {
        private final MappedByteBuffer[] mapped = new MappedByteBuffer[1];
        private final RingBuffer ring;
        private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);

        AgronaProducer(final String file, final int producers)
        {
            this.ring = mapAgrona(file, producers, mapped);
        }

        @Override
        public boolean offer(final byte[] message)
        {
            view.wrap(message);
            return ring.write(AGRONA_TYPE, view, 0, message.length);
        }

        @Override
        public void close()
        {
            IoUtil.unmap(mapped[0]);
        }
    }

    static final class AgronaConsumer implements Consumer
    {
        private final MappedByteBuffer[] mapped = new MappedByteBuffer[1];
        private final RingBuffer ring;
        private final org.agrona.concurrent.MessageHandler handler;
        private final int recordLength;

        AgronaConsumer(final String file, final int producers, final int messageLength, final Checker checker)
        {
            this.ring = mapAgrona(file, producers, mapped);
            this.recordLength = ((messageLength + 7) & ~7) + 8;
            final byte[] into = new byte[messageLength];
            this.handler = (type, buffer, index, length) ->
            {
                buffer.getBytes(index, into, 0, length);
                checker.check((long)LONG_VIEW.get(into, 0), length);
            };
        }

        @Override
        public int poll(final int limit)
        {
            return ring.read(handler, limit);
        }

        @Override
        public long depth()
        {
            return ring.size() / recordLength;
        }

        @Override
        public void close()
        {
            IoUtil.unmap(mapped[0]);
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static ChronicleQueue openChronicle(final String dir)
    {
        return SingleChronicleQueueBuilder.binary(Path.of(dir)).build();
    }

    static final class ChronicleProducer implements Producer
    {
        private final ChronicleQueue queue;
        private final ExcerptAppender appender;

        ChronicleProducer(final String dir)
        {
            this.queue = openChronicle(dir);
            this.appender = queue.createAppender();
        }

        @Override
        public boolean offer(final byte[] message)
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().write(message, 0, message.length);
            }
            return true;
        }

        @Override
        public void close()
        {
            appender.close();
            queue.close();
        }
    }

    static final class ChronicleConsumer implements Consumer
    {
        private final ChronicleQueue queue;
        private final ExcerptTailer tailer;
        private final byte[] into;
        private final Checker checker;

        ChronicleConsumer(final String dir, final int messageLength, final Checker checker)
        {
            this.queue = openChronicle(dir);
            this.tailer = queue.createTailer();
            this.into = new byte[messageLength];
            this.checker = checker;
        }

        @Override
        public int poll(final int limit)
        {
            int n = 0;
            while (n < limit)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final int length = (int)bytes.readRemaining();
                    bytes.read(into, 0, Math.min(length, into.length));
                    checker.check((long)LONG_VIEW.get(into, 0), length);
                }
                n++;
            }
            return n;
        }

        @Override
        public long depth()
        {
            return -1;
        }

        @Override
        public void close()
        {
            tailer.close();
            queue.close();
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static DurableQueue<byte[]> openDurable(final String where)
    {
        final String[] p = where.split("\\|");
        return DurableQueue.open(Space.at(Path.of(p[0])), p[1],
            DurableQueueOptions.defaults().withDirectory(Path.of(p[2])), Codecs.bytes());
    }

    static final class DurableProducer implements Producer
    {
        private final DurableQueue<byte[]> queue;

        DurableProducer(final DurableQueue<byte[]> queue)
        {
            this.queue = queue;
        }

        @Override
        public boolean offer(final byte[] message)
        {
            queue.put(message);
            return true;
        }

        @Override
        public void close()
        {
            queue.close();
        }
    }

    static final class DurableQueueConsumer implements Consumer
    {
        private final DurableQueue<byte[]> queue;
        private final DurableConsumer<byte[]> consumer;
        private final DurableReader<byte[]> reader;
        private final Checker checker;

        DurableQueueConsumer(final DurableQueue<byte[]> queue, final boolean group, final Checker checker)
        {
            this.queue = queue;
            this.consumer = group ? queue.consumer("bench") : null;
            this.reader = group ? null : queue.reader(DurableQueue.START);
            this.checker = checker;
        }

        @Override
        public int poll(final int limit)
        {
            int n = 0;
            while (n < limit)
            {
                final byte[] m = consumer != null ? consumer.poll() : reader.poll();
                if (m == null)
                {
                    break;
                }
                checker.check((long)LONG_VIEW.get(m, 0), m.length);
                n++;
            }
            return n;
        }

        @Override
        public long depth()
        {
            return -1;
        }

        @Override
        public void close()
        {
            queue.close(); // closes the consumer or reader too
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    static final class AbqProducer implements Producer
    {
        private final ArrayBlockingQueue<byte[]> queue;
        private byte[] pending;

        AbqProducer(final ArrayBlockingQueue<byte[]> queue)
        {
            this.queue = queue;
        }

        @Override
        public boolean offer(final byte[] message)
        {
            if (pending == null)
            {
                pending = message.clone(); // the consumer gets its own message, as across processes
            }
            if (queue.offer(pending))
            {
                pending = null;
                return true;
            }
            return false;
        }

        @Override
        public void close()
        {
        }
    }

    static final class AbqConsumer implements Consumer
    {
        private final ArrayBlockingQueue<byte[]> queue;
        private final Checker checker;

        AbqConsumer(final ArrayBlockingQueue<byte[]> queue, final Checker checker)
        {
            this.queue = queue;
            this.checker = checker;
        }

        @Override
        public int poll(final int limit)
        {
            int n = 0;
            byte[] m;
            while (n < limit && (m = queue.poll()) != null)
            {
                checker.check((long)LONG_VIEW.get(m, 0), m.length);
                n++;
            }
            return n;
        }

        @Override
        public long depth()
        {
            return queue.size();
        }

        @Override
        public void close()
        {
        }
    }
}
