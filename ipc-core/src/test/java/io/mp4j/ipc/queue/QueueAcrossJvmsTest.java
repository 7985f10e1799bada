package io.mp4j.ipc.queue;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedBoolean;
import io.mp4j.ipc.values.SharedIntArray;
import io.mp4j.ipc.values.SharedLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The queue across JVMs: a stress run with checksums, and a crash matrix of producers and consumers killed or
 * frozen at named points.
 */
@NoLeaks
class QueueAcrossJvmsTest
{
    /** Messages per producer in the stress run; raise with -Dmp4j.stress.messages for a long soak. */
    private static final long PER_PRODUCER = Long.getLong("mp4j.stress.messages", 500_000);
    private static final int MAX_PAYLOAD = 200;

    private Space space;

    @BeforeEach
    void openSpace()
    {
        space = Space.open("queue-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    }

    @AfterEach
    void destroySpace()
    {
        space.destroy();
    }

    private static QueueOptions options(final Duration liveness)
    {
        return QueueOptions.defaults().withSlots(256).withMaxMessageLength(MAX_PAYLOAD + Messages.OVERHEAD)
            .withLivenessTimeout(liveness);
    }

    @Test
    @Timeout(180)
    void shouldDeliverEveryMessageOnceInOrderAcrossTwoProducerAndTwoConsumerJvms() throws Exception
    {
        final int producers = 2;
        final int consumers = 2;
        final long total = producers * PER_PRODUCER;
        try (SharedQueue<byte[]> queue = SharedQueue.open(space, "q", options(Duration.ofSeconds(5)),
                BytesCodec.INSTANCE);
            SharedIntArray seen = space.sharedIntArray("seen", (int)total);
            SharedLongArray stats = space.sharedLongArray("stats", consumers);
            SharedBoolean go = space.sharedBoolean("go"))
        {
            final List<ChildJvm> children = new ArrayList<>();
            try
            {
                for (int c = 0; c < consumers; c++)
                {
                    children.add(ChildJvm.start(StressConsumer.class, space.directory().toString(),
                        Integer.toString(c), Long.toString(PER_PRODUCER)));
                }
                for (int p = 0; p < producers; p++)
                {
                    children.add(ChildJvm.start(StressProducer.class, space.directory().toString(),
                        Integer.toString(p), Long.toString(PER_PRODUCER)));
                }
                for (final ChildJvm child : children)
                {
                    child.awaitPoint("ready", Duration.ofSeconds(30));
                }
                go.set(true);
                for (int i = consumers; i < children.size(); i++)
                {
                    assertEquals(0, children.get(i).waitFor(Duration.ofSeconds(150)), children.get(i).describe());
                }
                queue.shutdown();
                for (int i = 0; i < consumers; i++)
                {
                    assertEquals(0, children.get(i).waitFor(Duration.ofSeconds(30)), children.get(i).describe());
                }
            }
            finally
            {
                for (final ChildJvm child : children)
                {
                    child.close();
                }
            }
            long received = 0;
            for (int c = 0; c < consumers; c++)
            {
                received += stats.get(c);
            }
            assertEquals(total, received, "messages received");
            for (int i = 0; i < total; i++)
            {
                if (seen.get(i) != 1)
                {
                    fail("message " + i + " delivered " + seen.get(i) + " times");
                }
            }
        }
    }

    /** Puts PER_PRODUCER self-checking messages of random length. */
    public static final class StressProducer
    {
        public static void main(final String[] args)
        {
            final Space space = Space.at(Path.of(args[0]));
            final int id = Integer.parseInt(args[1]);
            final long count = Long.parseLong(args[2]);
            final SplittableRandom random = new SplittableRandom(id);
            try (SharedQueue<byte[]> queue = SharedQueue.attach(space, "q", BytesCodec.INSTANCE);
                SharedBoolean go = space.sharedBoolean("go"))
            {
                ChildPoints.reached("ready");
                while (!go.get())
                {
                    Thread.onSpinWait();
                }
                for (long seq = 0; seq < count; seq++)
                {
                    queue.put(Messages.make(id, seq, random.nextInt(MAX_PAYLOAD + 1), random));
                }
            }
        }
    }

    /** Takes messages until the queue is shut down and drained, checking CRC and per-producer order. */
    public static final class StressConsumer
    {
        public static void main(final String[] args)
        {
            final Space space = Space.at(Path.of(args[0]));
            final int id = Integer.parseInt(args[1]);
            final long perProducer = Long.parseLong(args[2]);
            try (SharedQueue<byte[]> queue = SharedQueue.attach(space, "q", BytesCodec.INSTANCE);
                SharedIntArray seen = space.attach("seen", SharedIntArray.class);
                SharedLongArray stats = space.attach("stats", SharedLongArray.class))
            {
                final long[] last = {-1, -1};
                ChildPoints.reached("ready");
                long count = 0;
                while (true)
                {
                    final byte[] message;
                    try
                    {
                        message = queue.get();
                    }
                    catch (final QueueClosedException ex)
                    {
                        break;
                    }
                    final long index = Messages.check(message, perProducer);
                    final int producer = Messages.producer(message);
                    final long seq = Messages.seq(message);
                    if (seq <= last[producer])
                    {
                        throw new AssertionError("producer " + producer + " out of order: " + seq + " after " +
                            last[producer]);
                    }
                    last[producer] = seq;
                    seen.getAndAdd((int)index, 1);
                    count++;
                }
                stats.set(id, count);
            }
        }
    }

    @ParameterizedTest(name = "producer {1} {0}")
    @CsvSource({
        "idle, SIGKILL",
        "idle, halt",
        "claimed, SIGKILL",
        "claimed, halt",
        "mid-body, SIGKILL",
        "mid-body, halt"})
    @Timeout(60)
    void shouldLoseOnlyTheDeadProducersHalfMessage(final String stage, final String death) throws Exception
    {
        final int committedBefore = 5;
        try (SharedQueue<byte[]> queue = SharedQueue.open(space, "q", options(Duration.ofSeconds(30)),
            BytesCodec.INSTANCE);
            ChildJvm child = ChildJvm.start(CrashingProducer.class, space.directory().toString(), stage,
                death, Integer.toString(committedBefore)))
        {
            if (death.equals("SIGKILL"))
            {
                child.awaitPoint(stage, Duration.ofSeconds(30));
                child.kill();
            }
            assertNotEquals(0, child.waitFor(Duration.ofSeconds(30)), child.describe());

            // The parent produces behind the dead claim; all of it must arrive well inside the 30 s timeout.
            final SplittableRandom random = new SplittableRandom(7);
            final int parentMessages = 200; // fewer than the free slots: nobody reads while they are put
            for (long seq = 0; seq < parentMessages; seq++)
            {
                queue.put(Messages.make(1, seq, random.nextInt(MAX_PAYLOAD + 1), random));
            }
            final long startNs = System.nanoTime();
            int fromChild = 0;
            long nextParentSeq = 0;
            while (nextParentSeq < parentMessages)
            {
                final byte[] message = queue.get(Duration.ofSeconds(10));
                Messages.check(message);
                if (Messages.producer(message) == 0)
                {
                    assertEquals(fromChild++, Messages.seq(message));
                }
                else
                {
                    assertEquals(nextParentSeq++, Messages.seq(message));
                }
            }
            assertEquals(committedBefore, fromChild, "every message committed before the death arrives once");
            assertNull(queue.poll(), "the half message is never delivered");
            assertTrue(System.nanoTime() - startNs < Duration.ofSeconds(10).toNanos(),
                "a dead producer's claim is revoked at once, not after the liveness timeout");
            // Wrap the ring several times: the revoked slot is recycled.
            for (long seq = 0; seq < 3 * 256; seq++)
            {
                queue.put(Messages.make(1, seq, 8, random));
                Messages.check(queue.get(Duration.ofSeconds(10)));
            }
        }
    }

    /** Commits some messages, then stops at a stage and dies there (or waits there to be killed). */
    public static final class CrashingProducer
    {
        public static void main(final String[] args)
        {
            final String stage = args[1];
            final boolean halt = args[2].equals("halt");
            final int committed = Integer.parseInt(args[3]);
            final SplittableRandom random = new SplittableRandom(3);
            final SharedQueue<byte[]> queue = SharedQueue.attach(Space.at(Path.of(args[0])), "q",
                BytesCodec.INSTANCE);
            for (int seq = 0; seq < committed; seq++)
            {
                queue.put(Messages.make(0, seq, 50, random));
            }
            if (!stage.equals("idle"))
            {
                final byte[] half = Messages.make(0, committed, 100, random);
                final QueueRing ring = queue.ring();
                final long claim = ring.tryClaim(half.length);
                if (stage.equals("mid-body"))
                {
                    ring.buffer().putBytes(ring.payloadOffset(claim), half, 0, half.length / 2);
                }
            }
            if (halt)
            {
                Runtime.getRuntime().halt(7);
            }
            ChildPoints.reached(stage);
            ChildPoints.parkForever();
        }
    }

    @Test
    @Timeout(60)
    void shouldRevokeFrozenProducersClaimWithinTimeoutAndTakeItsMessageAfterResume() throws Exception
    {
        try (SharedQueue<byte[]> queue = SharedQueue.open(space, "q", options(Duration.ofMillis(500)),
            BytesCodec.INSTANCE);
            ChildJvm child = ChildJvm.start(FreezingProducer.class, space.directory().toString()))
        {
            child.awaitPoint("claimed", Duration.ofSeconds(30));
            child.stop();
            final SplittableRandom random = new SplittableRandom(9);
            for (long seq = 0; seq < 100; seq++)
            {
                queue.put(Messages.make(1, seq, 20, random));
            }
            final long startNs = System.nanoTime();
            for (long seq = 0; seq < 100; seq++)
            {
                final byte[] message = queue.get(Duration.ofSeconds(10));
                assertEquals(1, Messages.producer(message), "only the parent's messages while the child is frozen");
                assertEquals(seq, Messages.seq(message));
            }
            assertTrue(System.nanoTime() - startNs < Duration.ofSeconds(5).toNanos(), "noticed within the timeout");

            child.cont();
            final byte[] late = queue.get(Duration.ofSeconds(20));
            Messages.check(late);
            assertEquals(0, Messages.producer(late), "the resumed producer's put went through again");
            assertEquals(0, child.waitFor(Duration.ofSeconds(20)), child.describe());
            assertTrue(child.stdout().contains("revoked=true"), child.describe());
        }
    }

    /** Claims, stops at a named point (to be frozen), then finishes its put the way SharedQueue.put does. */
    public static final class FreezingProducer
    {
        public static void main(final String[] args)
        {
            final SharedQueue<byte[]> queue = SharedQueue.attach(Space.at(Path.of(args[0])), "q",
                BytesCodec.INSTANCE);
            final byte[] message = Messages.make(0, 0, 30, new SplittableRandom(1));
            final QueueRing ring = queue.ring();
            final long claim = ring.tryClaim(message.length);
            ChildPoints.reached("claimed");
            // Frozen here by the parent; resumed long after the liveness timeout.
            final long waitUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < waitUntil)
            {
                Thread.onSpinWait(); // in case SIGSTOP lands late: still stall past the timeout
            }
            ring.buffer().putBytes(ring.payloadOffset(claim), message);
            final boolean committed = ring.commit(claim);
            System.out.println("revoked=" + !committed);
            if (!committed)
            {
                queue.put(message);
            }
            queue.close();
        }
    }

    @Test
    @Timeout(60)
    void shouldLoseOnlyTheMessageAConsumerHeldWhenKilledMidRead() throws Exception
    {
        try (SharedQueue<byte[]> queue = SharedQueue.open(space, "q", options(Duration.ofSeconds(30)),
            BytesCodec.INSTANCE))
        {
            final SplittableRandom random = new SplittableRandom(5);
            queue.put(Messages.make(0, 0, 10, random));
            try (ChildJvm child = ChildJvm.start(DyingConsumer.class, space.directory().toString()))
            {
                child.awaitPoint("reading", Duration.ofSeconds(30));
                child.kill();
                child.waitFor(Duration.ofSeconds(30));
            }
            for (long seq = 1; seq <= 3 * 256; seq++)
            {
                queue.put(Messages.make(0, seq, 10, random), Duration.ofSeconds(10));
                final byte[] message = queue.get(Duration.ofSeconds(10));
                assertEquals(seq, Messages.seq(message), "the held message is the only one lost");
            }
        }
    }

    /** Takes one message and is killed while holding it. */
    public static final class DyingConsumer
    {
        public static void main(final String[] args)
        {
            final SharedQueue<byte[]> queue = SharedQueue.attach(Space.at(Path.of(args[0])), "q",
                BytesCodec.INSTANCE);
            while (queue.ring().read((buffer, offset, length) ->
            {
                ChildPoints.reached("reading");
                ChildPoints.parkForever();
            }, 1) == 0)
            {
                Thread.onSpinWait();
            }
        }
    }
}
