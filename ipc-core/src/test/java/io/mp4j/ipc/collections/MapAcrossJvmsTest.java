package io.mp4j.ipc.collections;

import io.mp4j.ipc.Mp4jException;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Shared maps and lists between this JVM and child JVMs: exact merges from four JVMs, a holder killed (SIGKILL)
 * inside a Chronicle update, a live holder that times others out, an appender killed mid-stream.
 */
@NoLeaks
@Timeout(120)
class MapAcrossJvmsTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The repair after a dead holder must take well under a second; the bound leaves slack for a busy host. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(5);
    private static final SharedMapOptions OPTIONS = SharedMapOptions.defaults().withEntries(10_000);

    @TempDir
    Path dir;

    private Space space;

    @BeforeEach
    void setUp()
    {
        space = Space.at(dir);
    }

    @Test
    void shouldMergeToTheExactTotalFromFourJvms()
    {
        final int rounds = 20_000;
        final int keys = 64;
        try (SharedMap<Integer, Long> map = SharedMap.open(space, "counts", OPTIONS, Codecs.ints(), Codecs.longs()))
        {
            final List<ChildJvm> children = new ArrayList<>();
            try
            {
                for (int i = 0; i < 4; i++)
                {
                    children.add(ChildJvm.of(Merge.class).arguments(dir.toString(), Integer.toString(rounds),
                        Integer.toString(keys)).timeout(WAIT.multipliedBy(2)).start());
                }
                for (final ChildJvm child : children)
                {
                    child.awaitSuccess(WAIT.multipliedBy(2));
                }
            }
            finally
            {
                children.forEach(ChildJvm::close);
            }
            long total = 0;
            for (int key = 0; key < keys; key++)
            {
                final long perChild = rounds / keys + (key < rounds % keys ? 1 : 0);
                assertEquals(4L * perChild, map.get(key), "key " + key);
                total += map.get(key);
            }
            assertEquals(4L * rounds, total);
            assertEquals(0, map.recoveries());
        }
    }

    @Test
    void shouldRepairWithinABoundWhenAHolderIsKilledInsideAnUpdate() throws Exception
    {
        try (SharedMap<Integer, Long> map = SharedMap.open(space, "m", OPTIONS, Codecs.ints(), Codecs.longs());
             ChildJvm holder = ChildJvm.of(ParkInsideCompute.class).arguments(dir.toString(), "7").timeout(WAIT)
                 .start())
        {
            for (int key = 0; key < 1000; key++)
            {
                map.put(key, (long)key);
            }
            holder.awaitPoint("inside", WAIT);
            try (SharedMap<Integer, Long> impatient = SharedMap.open(space, "m",
                OPTIONS.withLockTimeout(Duration.ofMillis(300)), Codecs.ints(), Codecs.longs()))
            {
                final Mp4jException timedOut = assertThrows(Mp4jException.class, () -> impatient.get(7));
                assertTrue(timedOut.getMessage().contains("(alive)"), timedOut.getMessage());
            }
            holder.kill();
            final long startNs = System.nanoTime();
            assertEquals(8L, map.merge(7, 1L, Long::sum));
            final Duration took = Duration.ofNanos(System.nanoTime() - startNs);
            System.out.println("map: first merge after the holder was killed inside compute took " +
                took.toMillis() + " ms (repair included)");
            assertTrue(took.compareTo(RECOVERY_BOUND) < 0, "took " + took);
            assertEquals(1, map.recoveries());
            for (int key = 0; key < 1000; key++)
            {
                assertEquals(key == 7 ? 8L : key, map.get(key), "key " + key);
            }
            assertEquals(1000, map.size());
            map.put(5000, 1L);
            assertEquals(1001, map.size());
            map.unlink();
        }
    }

    @Test
    void shouldKeepAListWholeWhenItsAppenderIsKilled() throws Exception
    {
        try (SharedList<Integer> list = SharedList.open(space, "l", OPTIONS, Codecs.ints());
             ChildJvm appender = ChildJvm.of(Append.class).arguments(dir.toString()).timeout(WAIT).start())
        {
            appender.awaitPoint("appending", WAIT);
            appender.kill();
            final int size = list.size();
            assertTrue(size >= 100, "size " + size);
            for (int i = 0; i < size; i++)
            {
                assertEquals(i, list.get(i));
            }
            final long startNs = System.nanoTime();
            list.add(size);
            assertTrue(Duration.ofNanos(System.nanoTime() - startNs).compareTo(RECOVERY_BOUND) < 0);
            assertEquals(size + 1, list.size());
            assertEquals(size, list.get(size));
            list.unlink();
        }
    }

    /** Merges 1 into {@code keys} keys, round robin. Arguments: space directory, rounds, keys. */
    public static final class Merge
    {
        /**
         * @param args see the class comment.
         */
        public static void main(final String[] args)
        {
            final int rounds = Integer.parseInt(args[1]);
            final int keys = Integer.parseInt(args[2]);
            try (SharedMap<Integer, Long> map = SharedMap.open(Space.at(Path.of(args[0])), "counts", OPTIONS,
                Codecs.ints(), Codecs.longs()))
            {
                for (int i = 0; i < rounds; i++)
                {
                    map.merge(i % keys, 1L, Long::sum);
                }
            }
        }
    }

    /** Enters compute on a key and parks inside it until killed. Arguments: space directory, key. */
    public static final class ParkInsideCompute
    {
        /**
         * @param args see the class comment.
         */
        public static void main(final String[] args)
        {
            final SharedMap<Integer, Long> map = SharedMap.open(Space.at(Path.of(args[0])), "m", OPTIONS,
                Codecs.ints(), Codecs.longs());
            final int key = Integer.parseInt(args[1]);
            while (map.get(key) == null)
            {
                Thread.onSpinWait(); // the parent fills the map first
            }
            map.compute(key, (k, v) ->
            {
                ChildPoints.parkAt("inside");
                return v;
            });
        }
    }

    /** Appends 0, 1, 2... until killed. Argument: space directory. */
    public static final class Append
    {
        /**
         * @param args see the class comment.
         */
        public static void main(final String[] args)
        {
            final SharedList<Integer> list = SharedList.open(Space.at(Path.of(args[0])), "l", OPTIONS,
                Codecs.ints());
            for (int i = 0; ; i++)
            {
                list.add(i);
                if (i == 100)
                {
                    ChildPoints.reached("appending");
                }
            }
        }
    }
}
