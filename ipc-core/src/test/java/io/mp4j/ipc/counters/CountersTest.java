package io.mp4j.ipc.counters;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.layout.CountersDescriptor;
import io.mp4j.ipc.liveness.ProcessIdentity;
import io.mp4j.ipc.region.RegionFiles;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class CountersTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAllocateReadAndFree()
    {
        try (Counters counters = Space.at(dir).counters(); Counters other = Space.at(dir).counters())
        {
            final Counter a = counters.allocate("requests", 7);
            final Counter b = counters.allocate("errors");
            a.increment();
            a.getAndAdd(4);
            b.set(3);
            assertTrue(b.compareAndSet(3, 4));

            final List<CounterSnapshot> seen = other.snapshot();
            assertEquals(2, seen.size());
            assertEquals(new CounterSnapshot(a.id(), 7, "requests", 5, ProcessIdentity.current(), true), seen.get(0));
            assertEquals("errors", seen.get(1).label());
            assertEquals(4, seen.get(1).value());
            assertEquals(ProcessHandle.current().pid(), other.reader().getCounterOwnerId(a.id()),
                "Agrona's owner id field holds the owner's pid");
            assertEquals("requests", other.find("requests").label());
            assertNull(other.find("nothing"));

            a.close();
            a.close();
            assertTrue(a.isClosed());
            assertEquals(List.of("errors"), other.snapshot().stream().map(CounterSnapshot::label).toList());
            final Counter c = counters.allocate("later");
            assertNotEquals(a.id(), c.id(), "a freed id waits out the reuse timeout");
            assertEquals(0, c.get());
        }
    }

    @Test
    void shouldHandOutDistinctIdsFromManyThreads() throws Exception
    {
        try (Counters counters = Space.at(dir).counters("many", 400))
        {
            final Set<Integer> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
            final Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++)
            {
                final int tn = t;
                threads[t] = new Thread(() ->
                {
                    for (int i = 0; i < 100; i++)
                    {
                        ids.add(counters.allocate("t" + tn + "-" + i).id());
                    }
                });
                threads[t].start();
            }
            for (final Thread t : threads)
            {
                t.join();
            }
            assertEquals(400, ids.size());
            final Set<String> labels = new HashSet<>();
            counters.snapshot().forEach(c -> labels.add(c.label()));
            assertEquals(400, labels.size());
            final Mp4jException ex = assertThrows(Mp4jException.class, () -> counters.allocate("one too many"));
            assertTrue(ex.getMessage().contains("full"), ex.getMessage());
        }
    }

    @Test
    @Timeout(30)
    void shouldReclaimClaimAndCountersOfDeadProcess() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        final ProcessIdentity dead = ProcessIdentity.of(process.toHandle());
        process.waitFor();
        assertFalse(dead.isAlive());

        try (Counters counters = Space.at(dir).counters("dead", 4))
        {
            // A process that died between claiming record 0 and publishing it.
            final var region = RegionFiles.attach(dir, "dead", null, 1000);
            try
            {
                region.body().putIntVolatile(CountersReader.metaDataOffset(0),
                    CountersDescriptor.claimingState(dead.pid()));
            }
            finally
            {
                region.close();
            }
            assertTrue(counters.snapshot().isEmpty(), "a claim is not listed");
            assertEquals(0, counters.allocate("after").id(), "the dead claim is reclaimed");

            // A counter whose owner died: listed with its owner dead, freed by freeDeadOwners.
            final Counter orphan = counters.allocate("orphan");
            final int offset = CountersReader.metaDataOffset(orphan.id()) + CountersReader.KEY_OFFSET;
            final var raw = RegionFiles.attach(dir, "dead", null, 1000);
            try
            {
                raw.body().putLong(offset + CountersDescriptor.KEY_OWNER_PID_OFFSET, dead.pid());
                raw.body().putLong(offset + CountersDescriptor.KEY_OWNER_START_TIME_OFFSET, dead.startTimeMs());
            }
            finally
            {
                raw.close();
            }
            assertFalse(counters.snapshot().get(1).ownerAlive());
            assertEquals(1, counters.freeDeadOwners());
            assertEquals(List.of("after"), counters.snapshot().stream().map(CounterSnapshot::label).toList());
        }
    }

    @Test
    void shouldCutLongLabelsOnCharacterBoundary()
    {
        try (Counters counters = Space.at(dir).counters())
        {
            final String label = "é".repeat(300);
            final Counter counter = counters.allocate(label);
            final String stored = counter.label();
            assertTrue(stored.length() == 190 && label.startsWith(stored), stored);
        }
    }

    @Test
    void shouldRejectBadArguments()
    {
        final Space space = Space.at(dir);
        assertThrows(IllegalArgumentException.class, () -> space.counters("c", 0));
        try (Counters counters = space.counters("c", 2))
        {
            assertThrows(IllegalArgumentException.class, () -> counters.free(2));
            assertFalse(counters.free(0), "freeing an unused record does nothing");
        }
    }
}
