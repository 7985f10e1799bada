package io.mp4j.ipc.collections;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.region.RegionInfo;
import io.mp4j.ipc.region.RegionKind;
import io.mp4j.ipc.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Shared maps, lists and namespaces in one JVM: every operation, iteration, sizing errors, file locations.
 */
@NoLeaks
@Timeout(120)
class SharedMapTest
{
    @Test
    void shouldDoEveryMapOperation(final Space space)
    {
        try (SharedMap<String, Long> map = SharedMap.open(space, "m", SharedMapOptions.defaults(), Codecs.strings(),
            Codecs.longs()))
        {
            assertNull(map.put("a", 1L));
            assertEquals(1L, map.put("a", 2L));
            assertEquals(2L, map.get("a"));
            assertNull(map.get("zz"));
            assertNull(map.putIfAbsent("b", 10L));
            assertEquals(10L, map.putIfAbsent("b", 11L));
            assertEquals(12L, map.compute("b", (k, v) -> v + 2));
            assertEquals(5L, map.compute("c", (k, v) -> v == null ? 5L : v));
            assertEquals(6L, map.merge("c", 1L, Long::sum));
            assertEquals(1L, map.merge("d", 1L, Long::sum));
            assertEquals(7L, map.computeIfAbsent("e", k -> 7L));
            assertEquals(7L, map.computeIfAbsent("e", k -> 8L));
            assertNull(map.computeIfPresent("zz", (k, v) -> 1L));
            assertEquals(8L, map.computeIfPresent("e", (k, v) -> v + 1));
            assertNull(map.compute("e", (k, v) -> null), "null removes");
            assertFalse(map.containsKey("e"));
            assertTrue(map.replace("a", 2L, 3L));
            assertFalse(map.replace("a", 2L, 4L));
            assertEquals(3L, map.replace("a", 4L));
            assertFalse(map.remove("a", 3L));
            assertTrue(map.remove("a", 4L));
            assertTrue(map.delete("d"));
            assertFalse(map.delete("d"));
            map.set("x", 42L);
            assertEquals(42L, map.remove("x"));
            assertEquals(Map.of("b", 12L, "c", 6L), new HashMap<>(map));
            assertEquals(2, map.size());
            assertEquals(new TreeMap<>(Map.of("b", 12L, "c", 6L)).keySet(), new java.util.TreeSet<>(map.keySet()));
            assertThrows(RuntimeException.class, () -> map.compute("b", (k, v) ->
            {
                throw new ArithmeticException("boom");
            }));
            assertEquals(12L, map.get("b"), "a function that throws changes nothing");
            final IllegalStateException nested = assertThrows(IllegalStateException.class,
                () -> map.compute("b", (k, v) -> map.get("c")));
            assertTrue(nested.getMessage().contains("must not use"), nested.getMessage());
            assertEquals(12L, map.get("b"), "the stripe was released");
            map.clear();
            assertTrue(map.isEmpty());
            map.unlink();
        }
    }

    @Test
    void shouldIterateWeaklyAndRemoveThroughTheIterator(final Space space)
    {
        try (SharedMap<Object, Object> map = SharedMap.open(space, "m"))
        {
            for (int i = 0; i < 1000; i++)
            {
                map.put(i, "v" + i);
            }
            map.put("null-value", null);
            assertTrue(map.containsKey("null-value"));
            assertNull(map.get("null-value"));
            assertEquals(1001, map.size());
            int seen = 0;
            for (final java.util.Iterator<Map.Entry<Object, Object>> it = map.entrySet().iterator(); it.hasNext(); )
            {
                final Map.Entry<Object, Object> entry = it.next();
                if (entry.getKey() instanceof Integer i)
                {
                    assertEquals("v" + i, entry.getValue());
                    if (i % 2 == 0)
                    {
                        it.remove();
                    }
                }
                seen++;
            }
            assertEquals(1001, seen);
            assertEquals(501, map.size());
            map.unlink();
        }
    }

    @Test
    void shouldSayWhatToDoWhenTheMapIsFull(final Space space)
    {
        final SharedMapOptions tiny = SharedMapOptions.defaults().withEntries(100).withAverageKeyBytes(8)
            .withAverageValueBytes(8).withMaxBloatFactor(1);
        try (SharedMap<Long, Long> map = SharedMap.open(space, "tiny", tiny, Codecs.longs(), Codecs.longs()))
        {
            final MapFullException full = assertThrows(MapFullException.class, () ->
            {
                for (long i = 0; i < 1_000_000; i++)
                {
                    map.put(i, i);
                }
            });
            assertTrue(full.getMessage().contains("entries=100"), full.getMessage());
            assertTrue(full.getMessage().contains("SharedMapOptions"), full.getMessage());
            final long size = map.size();
            assertTrue(size >= 100, "holds at least what it was sized for: " + size);
            map.remove(0L);
            map.put(0L, 0L);
            assertEquals(size, map.size(), "usable after the exception");
            map.unlink();
        }
    }

    @Test
    void shouldKeepFilesInTheSpaceWhereListAndRemoveFindThem(final Space space) throws Exception
    {
        try (SharedMap<Object, Object> map = SharedMap.open(space, "files"))
        {
            map.put("k", "v");
            assertEquals(space.directory().resolve("files~map"), map.file());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(map.file())));
            final List<RegionInfo> infos = space.list();
            assertEquals(List.of("files", "files~map"), infos.stream().map(RegionInfo::name).toList());
            assertEquals(RegionKind.LOCK_TABLE, infos.get(0).kind());
            assertEquals(RegionKind.CHRONICLE_MAP, infos.get(1).kind());
            assertTrue(infos.stream().allMatch(RegionInfo::isSound), infos.toString());
        }
        try (SharedMap<Object, Object> again = SharedMap.open(space, "files"))
        {
            assertEquals("v", again.get("k"), "persisted in the files");
        }
        assertTrue(space.remove("files"));
        assertEquals(List.of(), space.list());
    }

    @Test
    void shouldAppendGetSetPopAndIterateAList(final Space space)
    {
        try (SharedList<Object> list = SharedList.open(space, "l"))
        {
            assertTrue(list.isEmpty());
            list.add("a");
            list.add(2);
            list.addAll(List.of(3.0, "d"));
            assertEquals(List.of("a", 2, 3.0, "d"), list);
            assertEquals(2, list.set(1, "b"));
            assertEquals("b", list.get(1));
            assertThrows(IndexOutOfBoundsException.class, () -> list.get(4));
            assertThrows(IndexOutOfBoundsException.class, () -> list.set(4, "x"));
            assertThrows(UnsupportedOperationException.class, () -> list.add(0, "x"));
            assertThrows(UnsupportedOperationException.class, () -> list.remove(0));
            assertEquals("d", list.pop());
            assertEquals(3.0, list.remove(2));
            assertEquals(List.of("a", "b"), List.copyOf(list));
            list.clear();
            assertEquals(0, list.size());
            assertThrows(IndexOutOfBoundsException.class, list::pop);
            list.add("again");
            assertEquals(List.of("again"), list);
            list.unlink();
        }
    }

    @Test
    void shouldSetGetAndUpdateNamespaceAttributes(final Space space)
    {
        try (SharedNamespace ns = SharedNamespace.open(space, "ns"))
        {
            ns.set("x", 1);
            ns.set("name", "job");
            ns.set("nothing", null);
            assertEquals(1, ns.get("x"));
            assertNull(ns.get("nothing"));
            assertTrue(ns.has("nothing"));
            assertThrows(NoSuchElementException.class, () -> ns.get("missing"));
            assertEquals("fallback", ns.get("missing", "fallback"));
            assertEquals(3, ns.update("x", 2, (a, b) -> (Integer)a + (Integer)b));
            assertEquals(java.util.Set.of("name", "nothing", "x"), ns.names());
            assertTrue(ns.delete("name"));
            assertFalse(ns.delete("name"));
            assertThrows(IllegalArgumentException.class, () -> ns.set("not/valid", 1));
            ns.unlink();
        }
    }
}
