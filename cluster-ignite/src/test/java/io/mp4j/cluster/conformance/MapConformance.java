package io.mp4j.cluster.conformance;

import io.mp4j.launcher.objects.SharedObjects;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared map: a {@link ConcurrentMap} whose atomic operations hold across processes, alike on every backend.
 */
public abstract class MapConformance extends ObjectsConformance
{
    private static final int MERGES = 100;

    /**
     * A value of the application's own type.
     *
     * @param name  a name.
     * @param score a score.
     */
    public record Score(String name, int score)
    {
    }

    @Test
    void shouldPutGetAndRemove()
    {
        final ConcurrentMap<String, Integer> map = objects().map(unique("map"), String.class, Integer.class);
        assertNull(map.get("a"));
        assertNull(map.put("a", 1));
        assertEquals(1, map.put("a", 2));
        assertEquals(2, map.get("a"));
        assertTrue(map.containsKey("a"));
        assertEquals(2, map.putIfAbsent("a", 3));
        assertNull(map.putIfAbsent("b", 3));
        assertEquals(2, map.size());
        assertEquals(3, map.remove("b"));
        assertNull(map.remove("b"));
        assertFalse(map.containsKey("b"));
        assertEquals(1, map.size());
    }

    @Test
    void shouldReplaceAndRemoveOnlyTheExpectedValue()
    {
        final ConcurrentMap<String, Integer> map = objects().map(unique("map"), String.class, Integer.class);
        map.put("k", 1);
        assertFalse(map.replace("k", 2, 3));
        assertTrue(map.replace("k", 1, 3));
        assertEquals(3, map.replace("k", 4));
        assertNull(map.replace("absent", 4));
        assertFalse(map.remove("k", 3));
        assertTrue(map.remove("k", 4));
        assertTrue(map.isEmpty());
    }

    @Test
    void shouldComputeAndIterate()
    {
        final ConcurrentMap<String, Score> map = objects().map(unique("map"), String.class, Score.class);
        map.put("alice", new Score("alice", 1));
        map.computeIfAbsent("bob", name -> new Score(name, 2));
        map.compute("alice", (name, old) -> new Score(name, old.score() + 10));
        map.merge("carol", new Score("carol", 3), (old, update) -> old);
        assertEquals(new Score("alice", 11), map.get("alice"));
        assertEquals(Set.of("alice", "bob", "carol"), Set.copyOf(map.keySet()));
        assertEquals(Map.of("alice", new Score("alice", 11), "bob", new Score("bob", 2), "carol",
            new Score("carol", 3)), new HashMap<>(map));
        map.clear();
        assertTrue(map.isEmpty());
    }

    @Test
    void shouldMergeExactlyAcrossProcesses()
    {
        final String backend = objects().backend();
        final String namespace = objects().namespace();
        final String name = unique("map");
        final ConcurrentMap<String, Integer> map = objects().map(name, String.class, Integer.class);
        final List<Integer> done = pool().map(task ->
        {
            try (SharedObjects objects = remote(backend, namespace))
            {
                final ConcurrentMap<String, Integer> shared = objects.map(name, String.class, Integer.class);
                for (int i = 0; i < MERGES; i++)
                {
                    shared.merge("total", 1, Integer::sum);
                    shared.merge("task-" + task, 1, Integer::sum);
                }
                return task;
            }
        }, REMOTE_TASKS);
        assertEquals(REMOTE_TASKS, done);
        assertEquals(MERGES * REMOTE_TASKS.size(), map.get("total"));
        for (final int task : REMOTE_TASKS)
        {
            assertEquals(MERGES, map.get("task-" + task));
        }
    }
}
