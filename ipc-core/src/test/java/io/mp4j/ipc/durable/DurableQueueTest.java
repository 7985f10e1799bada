package io.mp4j.ipc.durable;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.queue.QueueEmptyException;
import io.mp4j.ipc.region.RegionInfo;
import io.mp4j.ipc.region.RegionKind;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Durable queues in one JVM: put and replay, consumer groups sharing work, persistence across close and reopen,
 * retention of cycle files, and where the files live.
 */
@NoLeaks
@Timeout(60)
class DurableQueueTest
{
    @Test
    void shouldReplayFromAnyIndexAndSurviveReopening(final Space space)
    {
        final List<Long> indexes = new ArrayList<>();
        try (DurableQueue<String> queue = DurableQueue.open(space, "log", DurableQueueOptions.defaults(),
            Codecs.strings()))
        {
            assertEquals(-1, queue.lastIndex());
            for (int i = 0; i < 10; i++)
            {
                indexes.add(queue.put("m" + i));
            }
            assertEquals(indexes.get(9), queue.lastIndex());
            assertEquals(indexes.get(0), queue.firstIndex());
        }
        try (DurableQueue<String> queue = DurableQueue.open(space, "log", DurableQueueOptions.defaults(),
            Codecs.strings());
             DurableReader<String> all = queue.reader(DurableQueue.START);
             DurableReader<String> fromFive = queue.reader(indexes.get(5)))
        {
            for (int i = 0; i < 10; i++)
            {
                assertEquals("m" + i, all.poll());
                assertEquals(indexes.get(i), all.lastIndex());
            }
            assertNull(all.poll());
            assertEquals("m5", fromFive.poll());
            assertTrue(fromFive.moveTo(indexes.get(2)));
            assertEquals("m2", fromFive.take(Duration.ofSeconds(1)));
            assertThrows(QueueEmptyException.class, () -> all.take(Duration.ofMillis(20)));
            queue.put("m10");
            assertEquals("m10", all.take(Duration.ofSeconds(5)));
            queue.unlink();
        }
    }

    @Test
    void shouldHandEachMessageToOneConsumerOfAGroupAndKeepTheCursorAcrossReopening(final Space space)
    {
        try (DurableQueue<Long> queue = DurableQueue.open(space, "work", DurableQueueOptions.defaults(),
            Codecs.longs()))
        {
            for (long i = 0; i < 100; i++)
            {
                queue.put(i);
            }
            final List<Long> seen = new ArrayList<>();
            try (DurableConsumer<Long> a = queue.consumer("g");
                 DurableConsumer<Long> b = queue.consumer("g");
                 DurableConsumer<Long> other = queue.consumer("other"))
            {
                for (int i = 0; i < 30; i++)
                {
                    seen.add(a.poll());
                    seen.add(b.poll());
                }
                assertEquals(0L, other.poll(), "another group has a cursor of its own");
                assertFalse(a.lastRedelivered());
            }
            try (DurableConsumer<Long> c = queue.consumer("g"))
            {
                Long value;
                while ((value = c.poll()) != null)
                {
                    seen.add(value);
                }
            }
            assertEquals(Stream.iterate(0L, i -> i + 1).limit(100).toList(), seen);
        }
        try (DurableQueue<Long> queue = DurableQueue.open(space, "work", DurableQueueOptions.defaults(),
            Codecs.longs());
             DurableConsumer<Long> again = queue.consumer("g"))
        {
            assertNull(again.poll(), "the group's cursor survived closing every consumer and the queue");
            queue.put(100L);
            assertEquals(100L, again.take(Duration.ofSeconds(5)));
            queue.unlink();
        }
    }

    @Test
    void shouldDeleteOldCycleFilesPastTheRetention(final Space space) throws Exception
    {
        final DurableQueueOptions options = DurableQueueOptions.defaults().withRoll(DurableQueueOptions.Roll.SECONDLY)
            .withRetainCycles(2);
        try (DurableQueue<Long> queue = DurableQueue.open(space, "kept", options, Codecs.longs()))
        {
            long previousCycleFiles = 0;
            for (long i = 0; i < 4; i++)
            {
                queue.put(i);
                final long files = cycleFiles(queue.directory());
                assertTrue(files <= 2, "at most 2 cycle files kept: " + files);
                final long second = System.currentTimeMillis() / 1000;
                Await.until(() -> "the next second", Duration.ofSeconds(5),
                    () -> System.currentTimeMillis() / 1000 != second);
                previousCycleFiles = files;
            }
            queue.put(4L);
            assertEquals(2, cycleFiles(queue.directory()), "after " + previousCycleFiles);
            try (DurableReader<Long> reader = queue.reader(DurableQueue.START))
            {
                assertEquals(3L, reader.poll(), "the first message kept");
                assertEquals(4L, reader.poll());
            }
            final List<RegionInfo> infos = space.list();
            assertEquals(List.of("kept~queue"), infos.stream().map(RegionInfo::name).toList());
            assertEquals(RegionKind.DURABLE_QUEUE, infos.get(0).kind());
        }
        assertTrue(space.remove("kept"));
        assertEquals(List.of(), space.list());
    }

    private static long cycleFiles(final Path directory) throws Exception
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(".cq4")).count();
        }
    }
}
