package io.mp4j.launcher.memory;

import io.mp4j.launcher.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Memory cache in one JVM: hits and misses, joblib's API (check, shelve, clear, reduce size, ignore), the size
 * limit, damaged entries, and what cannot be cached.
 */
@Timeout(60)
class MemoryTest
{
    private static final AtomicInteger CALLS = new AtomicInteger();

    @TempDir
    Path dir;

    record Query(int x, String label)
    {
    }

    static int cube(final int x)
    {
        CALLS.incrementAndGet();
        return x * x * x;
    }

    static int labelled(final Query query)
    {
        CALLS.incrementAndGet();
        return query.x() * 2;
    }

    static int add(final int a, final int b)
    {
        CALLS.incrementAndGet();
        return a + b;
    }

    static byte[] bytes(final int size)
    {
        CALLS.incrementAndGet();
        final byte[] result = new byte[size];
        for (int i = 0; i < size; i++)
        {
            result[i] = (byte)(i * 31 + size);
        }
        return result;
    }

    static int priorityOf(final Thread thread)
    {
        return thread.getPriority();
    }

    static double[] array(final int n)
    {
        CALLS.incrementAndGet();
        return IntStream.range(0, n).mapToDouble(i -> i * 0.5).toArray();
    }

    @BeforeEach
    void resetCalls()
    {
        CALLS.set(0);
    }

    @Test
    void shouldComputeTheSeedCubesOnceAndLoadThemAfter() throws Exception
    {
        final CachedTask<Integer, Integer> cube = new Memory(dir).cache(MemoryTest::cube);
        final List<Integer> first = callAll(cube, 7);
        final List<Integer> second = callAll(cube, 7);

        assertEquals(List.of(0, 1, 8, 27, 64, 125, 216), first);
        assertEquals(first, second);
        assertEquals(7, CALLS.get(), "computed once per argument");
    }

    @Test
    void shouldHitFromAnotherMemoryOnTheSameDirectory() throws Exception
    {
        new Memory(dir).cache(MemoryTest::cube).call(5);
        assertEquals(125, new Memory(dir.toString()).cache(MemoryTest::cube).call(5));
        assertEquals(1, CALLS.get());
    }

    @Test
    void shouldTellWhetherACallIsCached() throws Exception
    {
        final CachedTask<Integer, Integer> cube = new Memory(dir).cache(MemoryTest::cube);
        assertFalse(cube.isCached(3));
        cube.call(3);
        assertTrue(cube.isCached(3));
        assertFalse(cube.isCached(4));
    }

    @Test
    void shouldShelveAndLoadOnDemand() throws Exception
    {
        final CachedTask<Integer, Integer> cube = new Memory(dir).cache(MemoryTest::cube);
        final MemorizedResult<Integer> shelved = cube.callAndShelve(4);
        assertEquals(1, CALLS.get());
        assertEquals(64, shelved.get());
        assertEquals(64, cube.call(4));
        assertEquals(1, CALLS.get());

        shelved.clear();
        final NoSuchElementException gone = assertThrows(NoSuchElementException.class, shelved::get);
        assertTrue(gone.getMessage().contains("cube(4)"), gone.getMessage());
    }

    @Test
    void shouldClearOneFunctionOrAll() throws Exception
    {
        final Memory memory = new Memory(dir);
        final CachedTask<Integer, Integer> cube = memory.cache(MemoryTest::cube);
        final CachedTask<Integer, byte[]> bytes = memory.cache(MemoryTest::bytes);
        cube.call(1);
        cube.call(2);
        bytes.call(10);

        assertEquals(2, cube.clear());
        assertFalse(cube.isCached(1));
        assertTrue(bytes.isCached(10));

        memory.clear();
        assertFalse(bytes.isCached(10));
        assertEquals(0, memory.sizeBytes());
    }

    @Test
    void shouldCountSizeAndKeepTheLimitEvictingLeastRecentlyUsed() throws Exception
    {
        final long entryBytes = EntryFile.HEADER_LENGTH + 1 + 4 + 1000;
        final Memory memory = new Memory(dir).bytesLimit(3 * entryBytes + 10);
        final CachedTask<Integer, byte[]> bytes = memory.cache(MemoryTest::bytes);
        final Path first = bytes.callAndShelve(1000).path();
        assertEquals(entryBytes, memory.sizeBytes(), "header + tag + count + bytes");
        setUsed(first, 1_000);
        setUsed(bytes.callAndShelve(1001).path(), 2_000);
        setUsed(bytes.callAndShelve(1002).path(), 3_000);
        bytes.call(1000);
        assertEquals(3, CALLS.get(), "a hit");
        assertTrue(Files.getLastModifiedTime(first).toMillis() > 3_000, "a read marks the entry used");

        bytes.call(1003);

        assertTrue(memory.sizeBytes() <= 3 * entryBytes + 10, "size " + memory.sizeBytes());
        assertTrue(bytes.isCached(1000), "recently read: kept");
        assertFalse(bytes.isCached(1001), "least recently used: evicted");
        assertTrue(bytes.isCached(1003), "just written: kept");
    }

    @Test
    void shouldReduceSizeOnDemand() throws Exception
    {
        final Memory memory = new Memory(dir);
        final CachedTask<Integer, byte[]> bytes = memory.cache(MemoryTest::bytes);
        for (int i = 0; i < 10; i++)
        {
            bytes.call(500 + i);
            setUsed(entryOf(bytes, 500 + i), 1_000L * (i + 1));
        }
        assertThrows(IllegalStateException.class, memory::reduceSize, "no limit set");

        assertEquals(7, memory.reduceSize(3 * 600));

        assertEquals(3, IntStream.range(0, 10).filter(i -> bytes.isCached(500 + i)).count());
        assertTrue(bytes.isCached(509), "the newest stay");
        assertEquals(entriesOnDisk(), memory.sizeBytes());
    }

    @Test
    void shouldRecomputeTruncatedFlippedAndForeignEntries() throws Exception
    {
        final CachedTask<Integer, byte[]> bytes = new Memory(dir).cache(MemoryTest::bytes);
        final byte[] expected = bytes.call(100);
        final Path entry = entryOf(bytes, 100);
        final byte[] good = Files.readAllBytes(entry);

        final byte[] truncated = java.util.Arrays.copyOf(good, good.length - 7);
        final byte[] flipped = good.clone();
        flipped[good.length - 3] ^= 0x40;
        final byte[] foreign = "not an entry at all, but long enough to have a header".getBytes(StandardCharsets.UTF_8);
        for (final byte[] damaged : List.of(truncated, flipped, foreign, new byte[0]))
        {
            Files.write(entry, damaged);
            assertFalse(bytes.isCached(100));
            final int before = CALLS.get();
            assertArrayEquals(expected, bytes.call(100), "recomputed, never the damaged bytes");
            assertEquals(before + 1, CALLS.get());
            assertArrayEquals(good, Files.readAllBytes(entry), "rewritten whole");
        }
    }

    @Test
    void shouldStoreAndMapALargeArray() throws Exception
    {
        final int n = 1_000_000;
        final CachedTask<Integer, double[]> array = new Memory(dir).cache(MemoryTest::array);
        final double[] computed = array.call(n);
        final double[] loaded = array.call(n);

        assertEquals(1, CALLS.get());
        assertArrayEquals(computed, loaded);
        assertTrue(Files.size(entryOf(array, n)) > EntryFile.MAP_ABOVE_BYTES, "read through a mapping");
    }

    @Test
    void shouldIgnoreChosenArgumentsAndComponents() throws Exception
    {
        final Memory memory = new Memory(dir);
        final CachedBiTask<Integer, Integer, Integer> add = memory.cache(MemoryTest::add).ignoreArguments(1);
        assertEquals(3, add.call(1, 2));
        assertEquals(3, add.call(1, 99), "the second argument is not in the key");
        assertEquals(1, CALLS.get());

        final CachedTask<Query, Integer> labelled = memory.cache(MemoryTest::labelled).ignoreComponents("label");
        assertEquals(10, labelled.call(new Query(5, "first run")));
        assertEquals(10, labelled.call(new Query(5, "second run")));
        assertEquals(2, CALLS.get());
        assertEquals(12, labelled.call(new Query(6, "first run")));
        assertEquals(3, CALLS.get());

        final CachedTask<Query, Integer> wrong = memory.cache(MemoryTest::labelled).ignoreComponents("lable");
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> wrong.call(new Query(1, "x")));
        assertTrue(error.getMessage().contains("lable"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> memory.cache(MemoryTest::add).ignoreArguments(2));
    }

    @Test
    void shouldRefuseAnUnhashableArgumentAndAnUnstorableResult()
    {
        final Memory memory = new Memory(dir);
        final CachedTask<Thread, Integer> threads = memory.cache(MemoryTest::priorityOf);
        final UnhashableArgumentException unhashable = assertThrows(UnhashableArgumentException.class,
            () -> threads.call(Thread.currentThread()));
        assertTrue(unhashable.getMessage().contains("java.lang.Thread"), unhashable.getMessage());

        final CachedTask<Integer, Object> unstorable = memory.cache(x -> new Object());
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> unstorable.call(1));
        assertTrue(error.getMessage().contains("cannot store the result"), error.getMessage());
        assertTrue(error.getMessage().contains("java.lang.Object"), error.getMessage());
    }

    @Test
    void shouldNotStoreWhatTheFunctionThrew()
    {
        final CachedTask<Integer, Integer> failing = new Memory(dir).cache(x ->
        {
            CALLS.incrementAndGet();
            throw new IllegalStateException("no " + x);
        });
        assertThrows(IllegalStateException.class, () -> failing.call(1));
        assertThrows(IllegalStateException.class, () -> failing.call(1));
        assertEquals(2, CALLS.get());
        assertFalse(failing.isCached(1));
    }

    @Test
    void shouldPrintMissesAtVerbose1AndHitsAt2() throws Exception
    {
        final String one = stderrOf(() -> new Memory(dir).verbose(1).cache(MemoryTest::cube).call(3));
        assertTrue(one.contains("[Memory] Calling MemoryTest.cube(3)"), one);
        assertTrue(one.contains("stored"), one);

        final String hitQuiet = stderrOf(() -> new Memory(dir).verbose(1).cache(MemoryTest::cube).call(3));
        assertEquals("", hitQuiet);
        final String hitLoud = stderrOf(() -> new Memory(dir).verbose(2).cache(MemoryTest::cube).call(3));
        assertTrue(hitLoud.contains("[Memory] loaded"), hitLoud);
    }

    @Test
    void shouldRemoveTemporaryFilesOfDeadWritersOnly() throws Exception
    {
        final Memory memory = new Memory(dir);
        final CachedTask<Integer, Integer> cube = memory.cache(MemoryTest::cube);
        cube.call(2);
        final Path versionDir = entryOf(cube, 2).getParent();
        final long deadPid = deadPid();
        final Path dead = versionDir.resolve(EntryFile.TEMP_PREFIX + deadPid + "-1");
        final Path live = versionDir.resolve(EntryFile.TEMP_PREFIX + ProcessHandle.current().pid() + "-999999");
        Files.write(dead, new byte[10]);
        Files.write(live, new byte[10]);

        memory.reduceSize(Long.MAX_VALUE);

        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(live));
        assertTrue(cube.isCached(2));
    }

    @Test
    void shouldReplaceAForeignSizeLedger() throws Exception
    {
        final CachedTask<Integer, Integer> cube = new Memory(dir).cache(MemoryTest::cube);
        cube.call(2);
        final long size = entriesOnDisk();

        final Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.write(other.resolve(SizeLedger.FILE_NAME), "garbage".getBytes(StandardCharsets.UTF_8));
        final Memory fresh = new Memory(other);
        assertEquals(0, fresh.sizeBytes());
        assertEquals(SizeLedger.LENGTH, Files.size(other.resolve(SizeLedger.FILE_NAME)));
        assertEquals(size, new Memory(dir).sizeBytes());
    }

    @Test
    void shouldRefuseALocationThatIsAFile() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("file"), "x");
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Memory(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    private static List<Integer> callAll(final CachedTask<Integer, Integer> task, final int n) throws Exception
    {
        final List<Integer> results = new java.util.ArrayList<>();
        for (int x = 0; x < n; x++)
        {
            results.add(task.call(x));
        }
        return results;
    }

    private static Path entryOf(final CachedTask<Integer, ?> task, final int argument) throws Exception
    {
        final Path entry = task.callAndShelve(argument).path();
        assertTrue(Files.exists(entry), entry.toString());
        return entry;
    }

    private static void setUsed(final Path entry, final long millis) throws IOException
    {
        Files.setLastModifiedTime(entry, FileTime.fromMillis(millis));
    }

    private long entriesOnDisk() throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.filter(p -> p.toString().endsWith(EntryFile.SUFFIX)).mapToLong(p ->
            {
                try
                {
                    return Files.size(p);
                }
                catch (final IOException ex)
                {
                    throw new java.io.UncheckedIOException(ex);
                }
            }).sum();
        }
    }

    private static long deadPid() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    private interface Action
    {
        void run() throws Exception;
    }

    private static String stderrOf(final Action action) throws Exception
    {
        final PrintStream saved = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            action.run();
        }
        finally
        {
            System.setErr(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
