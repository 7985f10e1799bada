package io.mp4j.ipc.crossjvm;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.counters.Counter;
import io.mp4j.ipc.counters.CounterSnapshot;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedBoolean;
import io.mp4j.ipc.values.SharedInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Counters allocated in child JVMs are read with their labels by the parent; a dead owner is seen as dead and its
 * counters freed; two JVMs allocating at once never share an id.
 */
@NoLeaks
class CountersAcrossJvmsTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String REGISTRY = "registry";
    private static final int SMALL_REGISTRY = 16;
    private static final int LARGE_REGISTRY = 512;
    private static final int ALLOCATIONS_PER_CHILD = 200;
    private static final String CHILD_LABEL = "child requests";
    private static final int CHILD_TYPE_ID = 7;
    private static final long CHILD_VALUE = 42;

    @Test
    @Timeout(120)
    void shouldReadAChildsCounterAndFreeItOnceTheChildIsKilled(final Space space)
    {
        try (Counters counters = space.counters(REGISTRY, SMALL_REGISTRY);
             ChildJvm child = ChildJvm.start(AllocatesAndParks.class, space.directory().toString()))
        {
            final Counter own = counters.allocate("parent's own");
            own.set(5);
            child.awaitPoint("allocated", TIMEOUT);
            final int id = Integer.parseInt(child.awaitValue("id", TIMEOUT));

            final CounterSnapshot alive = find(counters, CHILD_LABEL).orElseThrow(() ->
                new AssertionError("no counter '" + CHILD_LABEL + "' in " + counters.snapshot()));
            assertEquals(id, alive.id());
            assertEquals(CHILD_TYPE_ID, alive.typeId());
            assertEquals(CHILD_VALUE, alive.value());
            assertEquals(child.pid(), alive.owner().pid());
            assertTrue(alive.ownerAlive());
            assertEquals(0, counters.freeDeadOwners(), "nothing to free while every owner lives");

            child.kill();

            final CounterSnapshot dead = find(counters, CHILD_LABEL).orElseThrow();
            assertEquals(id, dead.id());
            assertEquals(CHILD_VALUE, dead.value(), "the value outlives its owner");
            assertFalse(dead.ownerAlive());
            assertEquals(1, counters.freeDeadOwners());
            assertEquals(Optional.empty(), find(counters, CHILD_LABEL));
            final CounterSnapshot parent = find(counters, "parent's own").orElseThrow();
            assertEquals(5, parent.value());
            assertTrue(parent.ownerAlive());
            own.close();
            assertTrue(counters.snapshot().isEmpty());
            counters.unlink();
        }
    }

    @Test
    @Timeout(120)
    void shouldGiveDistinctIdsToTwoJvmsAllocatingAtOnce(final Space space)
    {
        try (Counters counters = space.counters(REGISTRY, LARGE_REGISTRY);
             SharedInt ready = space.sharedInt("ready");
             SharedBoolean go = space.sharedBoolean("go");
             ChildJvm first = ChildJvm.start(AllocatesMany.class, space.directory().toString(), "a");
             ChildJvm second = ChildJvm.start(AllocatesMany.class, space.directory().toString(), "b"))
        {
            Await.until(() -> "both children at the start line; ready=" + ready.get(), TIMEOUT,
                () -> ready.get() == 2);
            go.set(true);
            first.awaitSuccess(TIMEOUT);
            second.awaitSuccess(TIMEOUT);

            final Map<String, Integer> reported = new HashMap<>();
            for (final ChildJvm child : List.of(first, second))
            {
                for (final String entry : child.awaitValue("ids", TIMEOUT).split(","))
                {
                    final String[] labelAndId = entry.split(":");
                    assertNull(reported.put(labelAndId[0], Integer.parseInt(labelAndId[1])), entry);
                }
            }
            assertEquals(2 * ALLOCATIONS_PER_CHILD, reported.size());
            assertEquals(2 * ALLOCATIONS_PER_CHILD, new HashSet<>(reported.values()).size(), "ids are distinct");

            final List<CounterSnapshot> snapshot = counters.snapshot();
            assertEquals(2 * ALLOCATIONS_PER_CHILD, snapshot.size());
            final Set<Integer> ids = new HashSet<>();
            for (final CounterSnapshot counter : snapshot)
            {
                assertTrue(ids.add(counter.id()), "id " + counter.id() + " listed twice");
                assertEquals(reported.get(counter.label()), counter.id(), "label intact: " + counter);
                assertEquals(Long.parseLong(counter.label().substring(counter.label().indexOf('-') + 1)),
                    counter.value(), "value intact: " + counter);
                final long owner = counter.label().startsWith("a-") ? first.pid() : second.pid();
                assertEquals(owner, counter.owner().pid(), counter.toString());
                assertFalse(counter.ownerAlive());
            }
            assertEquals(2 * ALLOCATIONS_PER_CHILD, counters.freeDeadOwners());
            assertTrue(counters.snapshot().isEmpty());
            counters.unlink();
            ready.unlink();
            go.unlink();
        }
    }

    private static Optional<CounterSnapshot> find(final Counters counters, final String label)
    {
        return counters.snapshot().stream().filter(counter -> counter.label().equals(label)).findFirst();
    }

    public static final class AllocatesAndParks
    {
        public static void main(final String[] args)
        {
            final Counters counters = Space.at(Path.of(args[0])).counters(REGISTRY, SMALL_REGISTRY);
            final Counter counter = counters.allocate(CHILD_LABEL, CHILD_TYPE_ID);
            counter.set(CHILD_VALUE);
            ChildPoints.report("id", counter.id());
            ChildPoints.parkAt("allocated");
        }
    }

    public static final class AllocatesMany
    {
        public static void main(final String[] args)
        {
            final Space space = Space.at(Path.of(args[0]));
            final String prefix = args[1];
            final StringBuilder ids = new StringBuilder();
            try (Counters counters = space.counters(REGISTRY, LARGE_REGISTRY);
                 SharedInt ready = space.sharedInt("ready");
                 SharedBoolean go = space.sharedBoolean("go"))
            {
                ready.incrementAndGet();
                Await.until("both children at the start line", TIMEOUT, () -> ready.get() == 2);
                Await.spinUntil("the go flag", TIMEOUT, go::get);
                for (int i = 0; i < ALLOCATIONS_PER_CHILD; i++)
                {
                    final Counter counter = counters.allocate(prefix + "-" + i);
                    counter.set(i);
                    ids.append(ids.length() == 0 ? "" : ",").append(prefix).append('-').append(i).append(':')
                        .append(counter.id());
                }
            }
            ChildPoints.report("ids", ids);
        }
    }
}
