package io.mp4j.launcher.memory;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.launcher.process.WorkerProcess;
import io.mp4j.launcher.pool.Pool;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.ProcessPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One cache directory used by several JVMs at once: worker JVMs of a pool reading and writing under eviction, and a
 * writer killed with SIGKILL in the middle of its writes.
 */
@Timeout(180)
class MemoryAcrossJvmsTest
{
    @TempDir
    Path dir;

    /**
     * A call whose computations are counted in a shared long of the space at {@code space}; the space's path is left
     * out of the key.
     *
     * @param space where the count is.
     * @param x     the argument that matters.
     */
    record Counted(String space, int x)
    {
    }

    static byte[] payload(final Counted call)
    {
        try (SharedLong computed = Space.at(Path.of(call.space())).sharedLong("computed"))
        {
            computed.incrementAndGet();
        }
        return expected(call.x(), 2000);
    }

    static byte[] expected(final int x, final int size)
    {
        final byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++)
        {
            bytes[i] = (byte)(x * 131 + i);
        }
        return bytes;
    }

    static byte[] large(final int x)
    {
        return expected(x, 8 << 20);
    }

    @Test
    void shouldShareOneCacheAmongWorkerJvmsAndKeepItsLimitUnderEviction() throws Exception
    {
        final Path space = Files.createDirectories(dir.resolve("space"));
        final Path cacheDir = dir.resolve("cache");
        final CachedTask<Counted, byte[]> cached =
            new Memory(cacheDir).cache(MemoryAcrossJvmsTest::payload).ignoreComponents("space");
        final List<Counted> calls = new ArrayList<>();
        for (int round = 0; round < 2; round++)
        {
            IntStream.range(0, 200).forEach(x -> calls.add(new Counted(space.toString(), x)));
        }
        Collections.shuffle(calls, new Random(42));

        try (SharedLong computed = Space.at(space).sharedLong("computed");
             Pool pool = new ProcessPool(PoolOptions.defaults().withWorkers(4).withKeepAlive(Duration.ZERO)))
        {
            checkResults(calls, pool.map(cached, calls, 1));
            final long firstPass = computed.get();
            assertTrue(firstPass >= 200 && firstPass <= 400, "each argument computed once, or twice in a race: " +
                firstPass);

            checkResults(calls, pool.map(cached, calls, 1));
            assertEquals(firstPass, computed.get(), "second pass: all hits from the other JVMs' writes");

            final long entryBytes = Files.size(cached.callAndShelve(calls.get(0)).path());
            final long limit = 40 * entryBytes;
            final CachedTask<Counted, byte[]> limited = new Memory(cacheDir).bytesLimit(limit)
                .cache(MemoryAcrossJvmsTest::payload).ignoreComponents("space");
            final List<Counted> more = new ArrayList<>(calls);
            IntStream.range(200, 400).forEach(x -> more.add(new Counted(space.toString(), x)));
            Collections.shuffle(more, new Random(7));
            checkResults(more, pool.map(limited, more, 1));
        }

        final List<Path> entries = entries(cacheDir);
        final long onDisk = entries.stream().mapToLong(MemoryAcrossJvmsTest::size).sum();
        final long oneEntry = size(entries.get(0));
        assertTrue(onDisk <= 40 * oneEntry, "within the limit once the writes stopped: " + entries.size());
        for (final Path entry : entries)
        {
            assertTrue(EntryFile.read(entry, buffer -> Boolean.TRUE) == Boolean.TRUE, "whole entry " + entry);
        }
    }

    @Test
    void shouldNeverReturnAnEntryHalfWrittenByAKilledWriter() throws Exception
    {
        final Path space = Files.createDirectories(dir.resolve("space"));
        final Path cacheDir = dir.resolve("cache");
        final CachedTask<Integer, byte[]> cached = new Memory(cacheDir).cache(MemoryAcrossJvmsTest::large);
        final String spaceName = space.toString();

        try (SharedLong written = Space.at(space).sharedLong("written");
             WorkerProcess writer = WorkerProcess.start(() ->
             {
                 try (SharedLong count = Space.at(Path.of(spaceName)).sharedLong("written"))
                 {
                     for (int x = 0; ; x++)
                     {
                         cached.call(x);
                         count.incrementAndGet();
                     }
                 }
             }))
        {
            final long deadlineNs = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (written.get() < 3)
            {
                assertTrue(writer.isAlive(), writer.describeExit() + writer.stderr());
                assertTrue(System.nanoTime() - deadlineNs < 0, "writer made 3 entries in time");
                Thread.onSpinWait();
            }
            writer.kill();
            writer.join();

            final long made = written.get();
            for (int x = 0; x <= made + 1; x++)
            {
                assertArrayEquals(large(x), cached.call(x), "entry " + x + " whole or recomputed");
            }
            new Memory(cacheDir).reduceSize(Long.MAX_VALUE);
            try (Stream<Path> files = Files.walk(cacheDir))
            {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(EntryFile.TEMP_PREFIX +
                    writer.pid() + "-")), "the dead writer's temporary files are gone");
            }
        }
    }

    private static void checkResults(final List<Counted> calls, final List<byte[]> results)
    {
        assertEquals(calls.size(), results.size());
        for (int i = 0; i < calls.size(); i++)
        {
            assertArrayEquals(expected(calls.get(i).x(), 2000), results.get(i), "call " + i);
        }
    }

    private static List<Path> entries(final Path cacheDir) throws IOException
    {
        try (Stream<Path> files = Files.walk(cacheDir))
        {
            return files.filter(p -> p.toString().endsWith(EntryFile.SUFFIX)).toList();
        }
    }

    private static long size(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
