package io.mp4j.ipc.chronicle;

import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import net.openhft.chronicle.hash.locks.InterProcessDeadLockException;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The problem mp4j's stripes solve, measured on raw Chronicle Map: a process killed while it holds a segment's write
 * lock blocks every other process on that segment for Chronicle's lock timeout (60 s), which then throws
 * {@link InterProcessDeadLockException}; only {@code recoverPersistedTo}, with no other process having the map open,
 * clears it. Runs with {@code -Psoak} (it waits a minute): the figures go to docs/COLLECTIONS.md.
 */
@NoLeaks
@Timeout(300)
@EnabledIfSystemProperty(named = "mp4j.stress.messages", matches = ".+")
class DeadHolderBaselineTest
{
    @TempDir
    Path dir;

    @Test
    void shouldBlockForChronicleTimeoutThenNeedExclusiveRecovery() throws Exception
    {
        final File file = dir.resolve("raw.cmap").toFile();
        final ChronicleMap<Long, Long> map = builder().createPersistedTo(file);
        map.put(1L, 1L);
        try (ChildJvm holder = ChildJvm.of(HoldSegmentLock.class).arguments(file.toString())
            .timeout(Duration.ofSeconds(200)).start())
        {
            holder.awaitPoint("holding", Duration.ofSeconds(60));
            holder.kill();
            final long startNs = System.nanoTime();
            assertThrows(InterProcessDeadLockException.class, () -> map.put(1L, 2L));
            final Duration blocked = Duration.ofNanos(System.nanoTime() - startNs);
            System.out.println("raw Chronicle Map: put blocked " + blocked.toMillis() +
                " ms after the holder was killed, then InterProcessDeadLockException");
            map.close();
            final long recoverNs = System.nanoTime();
            try (ChronicleMap<Long, Long> recovered = builder().recoverPersistedTo(file, true))
            {
                System.out.println("raw Chronicle Map: recoverPersistedTo with exclusive access took " +
                    Duration.ofNanos(System.nanoTime() - recoverNs).toMillis() + " ms");
                recovered.put(1L, 3L);
                assertEquals(3L, recovered.get(1L));
            }
            assertTrue(blocked.toSeconds() >= 55, "Chronicle's timeout is 60 s: " + blocked);
        }
        finally
        {
            map.close();
        }
    }

    private static ChronicleMapBuilder<Long, Long> builder()
    {
        return ChronicleMapBuilder.of(Long.class, Long.class).entries(10_000);
    }

    /** Takes the write lock of key 1's segment and parks until killed. Argument: the map file. */
    public static final class HoldSegmentLock
    {
        /**
         * @param args see the class comment.
         * @throws Exception never.
         */
        public static void main(final String[] args) throws Exception
        {
            final ChronicleMap<Long, Long> map = builder().createPersistedTo(new File(args[0]));
            final ExternalMapQueryContext<Long, Long, ?> context = map.queryContext(1L);
            context.writeLock().lock();
            ChildPoints.parkAt("holding");
        }
    }
}
