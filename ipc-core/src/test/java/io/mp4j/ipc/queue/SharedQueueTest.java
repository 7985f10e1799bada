package io.mp4j.ipc.queue;

import io.mp4j.ipc.RegionFormatException;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.CodecException;
import io.mp4j.ipc.layout.QueueDescriptor;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class SharedQueueTest
{
    @TempDir
    Path dir;

    private final List<SharedQueue<?>> opened = new ArrayList<>();

    @AfterEach
    void closeAll()
    {
        opened.forEach(SharedQueue::close);
    }

    private SharedQueue<Long> queue(final String name, final QueueOptions options)
    {
        final SharedQueue<Long> queue = SharedQueue.open(Space.at(dir), name, options, LongCodec.INSTANCE);
        opened.add(queue);
        return queue;
    }

    private static QueueOptions small(final int slots)
    {
        return QueueOptions.defaults().withSlots(slots).withMaxMessageLength(64);
    }

    @Test
    void shouldKeepFifoOrderAcrossManyLaps()
    {
        final SharedQueue<Long> producer = queue("q", small(4));
        final SharedQueue<Long> consumer = queue("q", QueueOptions.defaults());
        assertEquals(4, consumer.ring().slots(), "the creator's shape wins");
        for (long i = 0; i < 10_000; i++)
        {
            producer.put(i);
            if (i % 3 == 2)
            {
                for (long j = i - 2; j <= i; j++)
                {
                    assertEquals(j, consumer.poll());
                }
            }
        }
        assertEquals(9_999L, consumer.poll());
        assertNull(consumer.poll());
        assertTrue(consumer.isEmpty());
    }

    @Test
    @Timeout(10)
    void shouldReportFullAndEmptyWithTimeouts()
    {
        final SharedQueue<Long> queue = queue("q", small(2));
        assertTrue(queue.offer(1L));
        assertTrue(queue.offer(2L));
        assertFalse(queue.offer(3L));
        assertEquals(2, queue.size());
        assertThrows(QueueFullException.class, () -> queue.put(3L, Duration.ofMillis(20)));
        assertEquals(1L, queue.get());
        assertEquals(2L, queue.get(Duration.ofMillis(20)));
        final QueueEmptyException empty = assertThrows(QueueEmptyException.class,
            () -> queue.get(Duration.ofMillis(20)));
        assertTrue(empty.getMessage().contains("still empty"), empty.getMessage());
    }

    @Test
    @Timeout(10)
    void shouldDrainThenReportClosedAfterShutdown()
    {
        final SharedQueue<Long> queue = queue("q", small(8));
        queue.put(1L);
        queue.put(2L);
        queue.shutdown();
        assertTrue(queue.isShutdown());
        assertThrows(QueueClosedException.class, () -> queue.put(3L));
        assertEquals(QueueRing.CLOSED, queue.ring().tryClaim(8));
        final List<Long> drained = new ArrayList<>();
        assertEquals(2, queue.drainTo(drained, 10));
        assertEquals(List.of(1L, 2L), drained);
        assertThrows(QueueClosedException.class, queue::get);
    }

    @Test
    @Timeout(10)
    void shouldJoinOnceEveryTaskIsDone()
    {
        final SharedQueue<Long> queue = queue("jq", small(8).withJoinable(true));
        assertTrue(queue.isJoinable());
        queue.put(1L);
        queue.put(2L);
        assertEquals(2, queue.unfinishedTasks());
        assertFalse(queue.join(Duration.ofMillis(10)));
        queue.get();
        queue.taskDone();
        queue.get();
        queue.taskDone();
        assertTrue(queue.join(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, queue::taskDone);
        assertThrows(IllegalStateException.class, () -> queue("plain", small(2)).taskDone());
    }

    @Test
    void shouldRefuseTooLargeMessageAtPut()
    {
        final SharedQueue<byte[]> queue = SharedQueue.open(Space.at(dir), "b",
            QueueOptions.defaults().withSlots(2).withMaxMessageLength(16), new BytesCodec());
        opened.add(queue);
        final CodecException ex = assertThrows(CodecException.class, () -> queue.put(new byte[17]));
        assertTrue(ex.getMessage().contains("maxMessageLength=16"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> queue.ring().tryClaim(17));
        queue.put(new byte[16]);
        assertEquals(16, queue.poll().length);
    }

    @Test
    void shouldReadRawClaimsInPlaceAndSkipAborted()
    {
        final QueueRing ring = queue("raw", small(4)).ring();
        final long a = ring.tryClaim(8);
        ring.buffer().putLong(ring.payloadOffset(a), 11);
        final long b = ring.tryClaim(8);
        ring.abort(b);
        final long c = ring.tryClaim(8);
        ring.buffer().putLong(ring.payloadOffset(c), 33);
        assertTrue(ring.commit(c));
        assertEquals(0, ring.read((buf, off, len) -> fail("a claim is not readable before commit"), 10));
        assertTrue(ring.commit(a));
        final List<Long> seen = new ArrayList<>();
        assertEquals(2, ring.read((buf, off, len) -> seen.add(buf.getLong(off)), 10));
        assertEquals(List.of(11L, 33L), seen);
    }

    @Test
    @Timeout(10)
    void shouldRevokeClaimStalledPastLivenessTimeoutAndLetProducerRetry()
    {
        final QueueRing ring = queue("stall", small(4).withLivenessTimeout(Duration.ofMillis(50))).ring();
        final long stalled = ring.tryClaim(8);
        final long next = ring.tryClaim(8);
        ring.buffer().putLong(ring.payloadOffset(next), 2);
        assertTrue(ring.commit(next));
        final List<Long> seen = new ArrayList<>();
        while (seen.isEmpty())
        {
            ring.read((buf, off, len) -> seen.add(buf.getLong(off)), 10); // spins until the claim is revoked
        }
        assertEquals(List.of(2L), seen, "the message behind the stalled claim flows");
        assertFalse(ring.commit(stalled), "the stalled producer learns its claim was revoked");
        for (int i = 0; i < 20; i++)
        {
            final long claim = ring.tryClaim(8);
            assertTrue(claim >= 0, "the revoked slot is recycled once acknowledged");
            ring.buffer().putLong(ring.payloadOffset(claim), i);
            assertTrue(ring.commit(claim));
            assertEquals(1, ring.read((buf, off, len) -> { }, 1));
        }
    }

    @Test
    @Timeout(10)
    void shouldBeWaitableWithConnectionsWait()
    {
        final SharedQueue<Long> a = queue("a", small(4));
        final SharedQueue<Long> b = queue("b", small(4));
        assertEquals(List.of(), io.mp4j.ipc.pipe.Connections.wait(List.of(a, b), Duration.ofMillis(20)));
        b.put(1L);
        assertEquals(List.of(b), io.mp4j.ipc.pipe.Connections.wait(List.of(a, b), Duration.ofSeconds(5)));
        a.shutdown();
        assertEquals(List.of(a, b), io.mp4j.ipc.pipe.Connections.wait(List.of(a, b)), "drained counts as ready");
    }

    @Test
    void shouldRejectCorruptQueueShape() throws Exception
    {
        queue("bad", small(4)).close();
        final Region region = RegionFiles.attach(dir, "bad", null, 1000);
        region.body().putInt(QueueDescriptor.SLOTS_OFFSET, 3);
        region.close();
        final RegionFormatException ex = assertThrows(RegionFormatException.class,
            () -> SharedQueue.attach(Space.at(dir), "bad", LongCodec.INSTANCE));
        assertTrue(ex.getMessage().contains("slots=3"), ex.getMessage());
    }

    @Test
    @Timeout(60)
    void shouldDeliverEveryMessageExactlyOnceWithManyThreads() throws Exception
    {
        final SharedQueue<Long> queue = queue("mpmc", small(64));
        final int producers = 4;
        final int consumers = 4;
        final long perProducer = 200_000;
        final AtomicLong sum = new AtomicLong();
        final AtomicLong count = new AtomicLong();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final long base = (long)p << 40;
            threads.add(new Thread(() ->
            {
                for (long i = 0; i < perProducer; i++)
                {
                    queue.put(base + i);
                }
            }));
        }
        for (int c = 0; c < consumers; c++)
        {
            threads.add(new Thread(() ->
            {
                final long[] last = new long[producers];
                java.util.Arrays.fill(last, -1);
                while (true)
                {
                    final Long value;
                    try
                    {
                        value = queue.get();
                    }
                    catch (final QueueClosedException ex)
                    {
                        return;
                    }
                    final int producer = (int)(value >>> 40);
                    final long seq = value & ((1L << 40) - 1);
                    if (seq <= last[producer])
                    {
                        errors.add("producer " + producer + " order: " + seq + " after " + last[producer]);
                    }
                    last[producer] = seq;
                    sum.addAndGet(value);
                    count.incrementAndGet();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (int p = 0; p < producers; p++)
        {
            threads.get(p).join();
        }
        queue.shutdown();
        for (final Thread t : threads)
        {
            t.join();
        }
        long expected = 0;
        for (long p = 0; p < producers; p++)
        {
            expected += (p << 40) * perProducer + perProducer * (perProducer - 1) / 2;
        }
        assertEquals(List.of(), new ArrayList<>(errors));
        assertEquals(producers * perProducer, count.get());
        assertEquals(expected, sum.get());
    }

    private static final class BytesCodec implements io.mp4j.ipc.codec.Codec<byte[]>
    {
        @Override
        public int encode(final byte[] value, final org.agrona.MutableDirectBuffer buffer, final int offset)
        {
            buffer.putBytes(offset, value);
            return value.length;
        }

        @Override
        public byte[] decode(final org.agrona.DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            return bytes;
        }
    }
}
