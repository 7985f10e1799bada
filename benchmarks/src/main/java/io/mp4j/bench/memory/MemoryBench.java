package io.mp4j.bench.memory;

import io.mp4j.bench.Cli;
import io.mp4j.bench.ResultLines;
import io.mp4j.launcher.memory.ArgumentHasher;
import io.mp4j.launcher.memory.CachedTask;
import io.mp4j.launcher.memory.Memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The Memory cache's figures beside joblib's {@code bench_joblib.py} (same scenarios, same sizes): a trivial function's
 * miss and hit per call, a function returning 1e6 longs (8 MB) on its first and its cached call, hashing a 1e6-element
 * argument, and a hit whose argument is a 1e6-element array. JSON lines on stdout (value = median of the runs), human
 * lines on stderr.
 *
 * <pre>
 * java $(java -cp benchmarks.jar io.mp4j.bench.PrintJvmFlags) -cp benchmarks.jar io.mp4j.bench.memory.MemoryBench \
 *     [--runs 5] [--calls 200] [--n 1000000] [--dir /tmp]
 * </pre>
 */
public final class MemoryBench
{
    private static final String USAGE = "MemoryBench [--runs R] [--calls K] [--n N] [--dir DIR]";
    private static final Map<String, Object> NONE = Map.of();

    private MemoryBench()
    {
    }

    static long triv(final long x)
    {
        return x + 1;
    }

    static long[] bigArray(final int n)
    {
        return LongStream.range(0, n).toArray();
    }

    static List<Long> bigList(final int n)
    {
        final List<Long> list = new ArrayList<>(n);
        for (long i = 0; i < n; i++)
        {
            list.add(i);
        }
        return list;
    }

    static long takesArray(final long[] a)
    {
        return a[a.length - 1];
    }

    /**
     * @param args see the class comment.
     * @throws Exception if a step fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Cli cli = new Cli(args, USAGE, "runs", "calls", "n", "dir");
        final int runs = cli.intValue("runs", 5);
        final int calls = cli.intValue("calls", 200);
        final int n = cli.intValue("n", 1_000_000);
        final Path base = Files.createTempDirectory(Path.of(cli.string("dir", System.getProperty("java.io.tmpdir"))),
            "mp4j-memory-bench-");
        final ResultLines out = new ResultLines(System.out, System.err);
        try
        {
            trivial(out, base, runs, calls);
            large(out, base, runs, n);
            hashing(out, base, runs, n);
        }
        finally
        {
            delete(base);
        }
    }

    private static void trivial(final ResultLines out, final Path base, final int runs, final int calls)
        throws Exception
    {
        // warm the code paths in a directory of its own, as the Python script's first repetition warms its own
        runTrivial(base.resolve("warm"), calls * 20, new double[1], new double[1], 0);
        final double[] miss = new double[runs];
        final double[] hit = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            runTrivial(base.resolve("triv" + r), calls, miss, hit, r);
        }
        final Map<String, Object> info = Map.of("calls", calls);
        out.emit("mp4j.Memory.trivial", "miss_call_ms", "ms", miss, NONE, info);
        out.emit("mp4j.Memory.trivial", "hit_call_ms", "ms", hit, NONE, info);
        out.emit("mp4j.Memory.trivial", "cache_dir_bytes", "bytes", new double[] {bytes(base.resolve("triv0"))},
            NONE, info);
    }

    private static void runTrivial(final Path dir, final int calls, final double[] miss, final double[] hit,
        final int run) throws Exception
    {
        final CachedTask<Long, Long> f = new Memory(dir).cache(MemoryBench::triv);
        long t = System.nanoTime();
        for (long i = 0; i < calls; i++)
        {
            f.call(i);
        }
        miss[run] = (System.nanoTime() - t) / 1e6 / calls;
        t = System.nanoTime();
        for (long i = 0; i < calls; i++)
        {
            f.call(i);
        }
        hit[run] = (System.nanoTime() - t) / 1e6 / calls;
    }

    private static void large(final ResultLines out, final Path base, final int runs, final int n) throws Exception
    {
        final String label = "long_array_" + exponent(n);
        final double[] plain = new double[runs];
        final double[] first = new double[runs];
        final double[] cached = new double[runs];
        final double[] sizes = new double[runs];
        bigArray(n);
        for (int r = -1; r < runs; r++)
        {
            final Path dir = base.resolve(label + r);
            final CachedTask<Integer, long[]> f = new Memory(dir).cache(MemoryBench::bigArray);
            long t = System.nanoTime();
            bigArray(n);
            final double plainMs = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            f.call(n);
            final double firstMs = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            final long[] loaded = f.call(n);
            final double cachedMs = (System.nanoTime() - t) / 1e6;
            if (loaded.length != n || loaded[n - 1] != n - 1)
            {
                throw new IllegalStateException("wrong cached array");
            }
            if (r >= 0)
            {
                plain[r] = plainMs;
                first[r] = firstMs;
                cached[r] = cachedMs;
                sizes[r] = bytes(dir);
            }
        }
        out.emit("mp4j.Memory." + label, "uncached_call_ms", "ms", plain, NONE, NONE);
        out.emit("mp4j.Memory." + label, "first_call_ms", "ms", first, NONE, NONE);
        out.emit("mp4j.Memory." + label, "cached_call_ms", "ms", cached, NONE, NONE);
        out.emit("mp4j.Memory." + label, "cache_dir_bytes", "bytes", sizes, NONE, NONE);

        final String listLabel = "list_" + exponent(n);
        final double[] listFirst = new double[runs];
        final double[] listCached = new double[runs];
        for (int r = -1; r < runs; r++)
        {
            final CachedTask<Integer, List<Long>> f = new Memory(base.resolve(listLabel + r)).cache(MemoryBench::bigList);
            long t = System.nanoTime();
            f.call(n);
            final double firstMs = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            final List<Long> loaded = f.call(n);
            final double cachedMs = (System.nanoTime() - t) / 1e6;
            if (loaded.size() != n)
            {
                throw new IllegalStateException("wrong cached list");
            }
            if (r >= 0)
            {
                listFirst[r] = firstMs;
                listCached[r] = cachedMs;
            }
        }
        out.emit("mp4j.Memory." + listLabel, "first_call_ms", "ms", listFirst, NONE, NONE);
        out.emit("mp4j.Memory." + listLabel, "cached_call_ms", "ms", listCached, NONE, NONE);
    }

    private static void hashing(final ResultLines out, final Path base, final int runs, final int n) throws Exception
    {
        final long[] array = bigArray(n);
        final List<Long> list = bigList(n);
        final ArgumentHasher hasher = new ArgumentHasher();
        for (int warm = 0; warm < 5; warm++)
        {
            hasher.add(array).digest();
            hasher.add(list).digest();
        }
        final double[] arrayMs = new double[runs];
        final double[] listMs = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            long t = System.nanoTime();
            hasher.add(array).digest();
            arrayMs[r] = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            hasher.add(list).digest();
            listMs[r] = (System.nanoTime() - t) / 1e6;
        }
        out.emit("mp4j.hash", "ms", "ms", arrayMs, ResultLines.params("arg", "long_array_" + exponent(n)), NONE);
        out.emit("mp4j.hash", "ms", "ms", listMs, ResultLines.params("arg", "list_" + exponent(n)), NONE);

        final CachedTask<long[], Long> f = new Memory(base.resolve("arg")).cache(MemoryBench::takesArray);
        f.call(array);
        for (int warm = 0; warm < 5; warm++)
        {
            f.call(array);
        }
        final double[] hit = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            final long t = System.nanoTime();
            f.call(array);
            hit[r] = (System.nanoTime() - t) / 1e6;
        }
        out.emit("mp4j.Memory.arg_long_array_" + exponent(n), "hit_call_ms", "ms", hit, NONE, NONE);
    }

    private static String exponent(final int n)
    {
        final int e = (int)Math.round(Math.log10(n));
        return Math.pow(10, e) == n ? "1e" + e : Integer.toString(n);
    }

    private static long bytes(final Path dir)
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.filter(Files::isRegularFile).mapToLong(p ->
            {
                try
                {
                    return Files.size(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }).sum();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path p : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
    }
}
