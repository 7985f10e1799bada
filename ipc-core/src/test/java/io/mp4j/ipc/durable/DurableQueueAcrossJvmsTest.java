package io.mp4j.ipc.durable;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Durable queues between this JVM and child JVMs killed with SIGKILL: a writer mid-stream (every committed message
 * kept, in order, none half read, and the next writer goes on), a consumer holding a message (handed to the group
 * again, flagged), and a consumer killed at an arbitrary moment while another consumes beside it.
 */
@NoLeaks
@Timeout(120)
class DurableQueueAcrossJvmsTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Space space;

    @BeforeEach
    void setUp()
    {
        space = Space.at(dir);
    }

    @Test
    void shouldKeepEveryCommittedMessageOfAWriterKilledMidStream()
    {
        try (ChildJvm writer = ChildJvm.of(Write.class).arguments(dir.toString()).timeout(WAIT).start())
        {
            writer.awaitPoint("writing", WAIT);
            writer.kill();
        }
        try (DurableQueue<Long> queue = DurableQueue.open(space, "q", DurableQueueOptions.defaults(),
            Codecs.longs());
             DurableReader<Long> reader = queue.reader(DurableQueue.START))
        {
            long expected = 0;
            Long value;
            while ((value = reader.poll()) != null)
            {
                assertEquals(expected++, value, "in order, no gap, nothing twice");
            }
            assertTrue(expected > 1000, "read " + expected);
            final long startNs = System.nanoTime();
            queue.put(expected);
            System.out.println("durable queue: first put after the writer was killed took " +
                Duration.ofNanos(System.nanoTime() - startNs).toMillis() + " ms; " + expected + " messages kept");
            assertEquals(expected, reader.take(WAIT));
        }
    }

    @Test
    void shouldHandTheMessageOfAKilledConsumerToAnotherOnce()
    {
        final int messages = 300;
        try (DurableQueue<Long> queue = DurableQueue.open(space, "q", DurableQueueOptions.defaults(),
            Codecs.longs()))
        {
            for (long i = 0; i < messages; i++)
            {
                queue.put(i);
            }
            final List<Long> taken = new ArrayList<>();
            try (ChildJvm consumer = ChildJvm.of(Consume.class).arguments(dir.toString(), "50").timeout(WAIT).start())
            {
                consumer.awaitPoint("holding", WAIT);
                consumer.kill();
                consumer.values("took").forEach(text -> taken.add(Long.parseLong(text)));
            }
            assertEquals(50, taken.size());
            final long held = taken.get(49);
            try (DurableConsumer<Long> survivor = queue.consumer("g"))
            {
                assertEquals(held, survivor.take(WAIT), "the dead consumer's message comes first");
                assertTrue(survivor.lastRedelivered());
                Long value;
                while ((value = survivor.poll()) != null)
                {
                    assertFalse(survivor.lastRedelivered());
                    taken.add(value);
                }
            }
            final List<Long> expected = new ArrayList<>();
            for (long i = 0; i < messages; i++)
            {
                expected.add(i);
            }
            assertEquals(expected, taken, "every message once, in order (the held one counted once)");
            queue.unlink();
        }
    }

    @Test
    void shouldLoseNothingWhenAConsumerIsKilledWhileAnotherConsumesBesideIt()
    {
        final int messages = 3000;
        try (DurableQueue<Long> queue = DurableQueue.open(space, "q", DurableQueueOptions.defaults(),
            Codecs.longs()))
        {
            for (long i = 0; i < messages; i++)
            {
                queue.put(i);
            }
            final Map<Long, Integer> counts = new HashMap<>();
            final List<String> reported;
            try (DurableConsumer<Long> mine = queue.consumer("g");
                 ChildJvm other = ChildJvm.of(Consume.class).arguments(dir.toString(), "-1").timeout(WAIT).start())
            {
                other.awaitPoint("consuming", WAIT);
                for (int i = 0; i < 200; i++)
                {
                    final Long value = mine.poll();
                    if (value != null)
                    {
                        counts.merge(value, 1, Integer::sum);
                    }
                }
                other.kill(); // wherever it is: between take and report, or parked in neither
                reported = other.values("took");
                Long value;
                while ((value = mine.poll()) != null)
                {
                    counts.merge(value, 1, Integer::sum);
                }
            }
            reported.forEach(text -> counts.merge(Long.parseLong(text), 1, Integer::sum));
            assertFalse(reported.isEmpty());
            final long lastReported = Long.parseLong(reported.get(reported.size() - 1));
            for (long i = 0; i < messages; i++)
            {
                final int count = counts.getOrDefault(i, 0);
                assertTrue(count == 1 || count == 2 && i == lastReported,
                    "message " + i + " delivered " + count + " times (last reported by the killed one: " +
                    lastReported + ")");
            }
            queue.unlink();
        }
    }

    /** Writes 0, 1, 2... until killed. Argument: space directory. */
    public static final class Write
    {
        /**
         * @param args see the class comment.
         */
        public static void main(final String[] args)
        {
            final DurableQueue<Long> queue = DurableQueue.open(Space.at(Path.of(args[0])), "q",
                DurableQueueOptions.defaults(), Codecs.longs());
            for (long i = 0; ; i++)
            {
                queue.put(i);
                if (i == 1000)
                {
                    ChildPoints.reached("writing");
                }
            }
        }
    }

    /**
     * Consumes from group "g", reporting each message; after {@code n} messages parks holding the last (n &lt; 0:
     * consumes until killed). Arguments: space directory, n.
     */
    public static final class Consume
    {
        /**
         * @param args see the class comment.
         */
        public static void main(final String[] args)
        {
            final int n = Integer.parseInt(args[1]);
            final DurableQueue<Long> queue = DurableQueue.open(Space.at(Path.of(args[0])), "q",
                DurableQueueOptions.defaults(), Codecs.longs());
            final DurableConsumer<Long> consumer = queue.consumer("g");
            for (int i = 0; n < 0 || i < n; i++)
            {
                ChildPoints.report("took", consumer.take(WAIT));
                if (i == 10)
                {
                    ChildPoints.reached("consuming");
                }
            }
            ChildPoints.parkAt("holding");
        }
    }
}
