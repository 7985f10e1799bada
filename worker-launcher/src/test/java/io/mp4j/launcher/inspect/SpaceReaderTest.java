package io.mp4j.launcher.inspect;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.pipe.Connection;
import io.mp4j.ipc.pipe.Pipe;
import io.mp4j.ipc.queue.QueueOptions;
import io.mp4j.ipc.queue.SharedQueue;
import io.mp4j.ipc.region.RegionKind;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedBoolean;
import io.mp4j.ipc.values.SharedDouble;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.ipc.values.SharedLongArray;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link SpaceReader} reads of each kind of region, through read-only mappings, while the objects stay in use;
 * and that files it cannot read, or a space that is gone, are problems and not failures.
 */
@NoLeaks
class SpaceReaderTest
{
    @Test
    void shouldReadCountersQueuesPipesValuesAndOthersWithoutDisturbingThem(final Space space) throws IOException
    {
        try (Counters counters = space.counters();
             SharedQueue<String> queue = SharedQueue.open(space, "jobs", QueueOptions.defaults(), Codecs.strings());
             SharedLong total = space.sharedLong("total", 7);
             SharedDouble ratio = space.sharedDouble("ratio", 0.25);
             SharedBoolean flag = space.sharedBoolean("flag", true);
             SharedLongArray array = space.sharedLongArray("array", 4))
        {
            counters.allocate("requests").set(42);
            queue.put("a");
            queue.put("b");
            final Pipe pipe = Pipe.create(space, "chan");
            try (Connection a = pipe.open(Pipe.End.A))
            {
                a.sendBytes(new byte[100]);
                Files.write(space.directory().resolve("junk"), new byte[300]);

                final SpaceReading reading = SpaceReader.read(space.directory());

                assertTrue(reading.exists());
                assertEquals(List.of(new CounterRow("counters", 0, Counters.DEFAULT_TYPE_ID, "requests", 42,
                    ProcessHandle.current().pid(), true)), reading.counters());
                assertEquals(List.of(new QueueRow("jobs", 2, QueueOptions.defaults().slots(),
                    QueueOptions.defaults().maxMessageLength(), false, false, 0)), reading.queues());
                assertEquals(1, reading.pipes().size());
                final PipeRow chan = reading.pipes().get(0);
                assertEquals(0, chan.pendingToA());
                assertTrue(chan.pendingToB() >= 100, "a record of 100 bytes and its header: " + chan);
                assertEquals(new PipeRow.End("open", ProcessHandle.current().pid(), true), chan.endA());
                assertEquals(new PipeRow.End("unopened", 0, false), chan.endB());
                assertEquals(List.of(new ValueRow("flag", RegionKind.BOOLEAN_VALUE, "true"),
                    new ValueRow("ratio", RegionKind.DOUBLE_VALUE, "0.25"),
                    new ValueRow("total", RegionKind.LONG_VALUE, "7")), reading.values());
                assertEquals(List.of(new OtherRow("array", RegionKind.LONG_ARRAY, array.file().toFile().length())),
                    reading.others());
                assertEquals(1, reading.problems().size());
                assertEquals("junk", reading.problems().get(0).name());
                assertTrue(reading.problems().get(0).detail().startsWith("magic: "), reading.problems().toString());
                assertEquals(List.of(), reading.workers(), "status arrays are read in launcher spaces only");

                assertEquals(2, queue.size(), "untouched by the reader");
                Files.delete(space.directory().resolve("junk"));
            }
            finally
            {
                pipe.unlink();
            }
            counters.unlink();
            queue.unlink();
            total.unlink();
            ratio.unlink();
            flag.unlink();
            array.unlink();
        }
    }

    @Test
    void shouldReportASpaceThatIsGone(final Space space)
    {
        final Path gone = space.directory().resolveSibling(space.name() + "-gone");
        final SpaceReading reading = SpaceReader.read(gone);
        assertFalse(reading.exists());
        assertEquals(List.of(new Problem(gone.getFileName().toString(), "the space is gone (removed)")),
            reading.problems());
    }
}
