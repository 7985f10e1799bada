package io.mp4j.launcher.memory;

import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.Task;

import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * joblib's {@code Memory}: a directory of function results on disk, keyed on the function, its code and its
 * arguments, shared by every JVM that uses the directory, and kept across runs.
 *
 * <pre>{@code
 * Memory memory = new Memory(Path.of("cache"));
 * CachedTask<Integer, Integer> cube = memory.cache(Cube::cube);
 * cube.call(3);   // computes and stores 27
 * cube.call(3);   // loads 27 from disk
 * }</pre>
 *
 * <p>A function's entries belong to the version of its code that made them: a change to the bytecode of the
 * function or of an application method it calls, transitively, makes its old entries unreachable, and they are
 * removed the first time the new code stores a result; a change to line numbers or debug information alone keeps
 * them ({@link FunctionCode}). Arguments are hashed by content ({@link ArgumentHasher}); an argument that cannot be
 * hashed is an {@link UnhashableArgumentException}.
 *
 * <p>With a {@linkplain #bytesLimit(long) size limit}, every write that takes the cache over it removes entries, least
 * recently used first (a read marks an entry used), until the cache fits; the total is kept in a small file of the
 * directory that all JVMs update, so the limit holds across JVMs. {@link #reduceSize()} does the same on demand.
 *
 * <p>Many JVMs may read and write one directory at once: entries are written under a temporary name and renamed into
 * place, so a reader sees a whole entry or none; a torn, truncated or foreign entry file fails its checksum and the
 * result is computed again and rewritten, never returned. Large results are read through a mapping of their file.
 *
 * <p>A {@code Memory} is immutable and serializable: cached functions travel to worker JVMs with it, and each JVM
 * opens the directory on first use. Threading: every method is thread-safe.
 */
public final class Memory implements Serializable
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final String location;
    private final int verbose;
    private final long bytesLimit;
    private final String[] trackedPackages;

    /**
     * A cache at a directory, made (owner only) when first used.
     *
     * @param location the directory.
     * @throws IllegalArgumentException if it exists and is not a directory.
     */
    public Memory(final Path location)
    {
        this(location.toAbsolutePath().normalize().toString(), 0, 0, List.of());
    }

    /**
     * @param location the directory, as a path string.
     * @see #Memory(Path)
     */
    public Memory(final String location)
    {
        this(Path.of(location));
    }

    private Memory(final String location, final int verbose, final long bytesLimit, final List<String> trackedPackages)
    {
        if (Files.exists(Path.of(location)) && !Files.isDirectory(Path.of(location)))
        {
            throw new IllegalArgumentException("cache location is not a directory: location=" + location);
        }
        if (verbose < 0)
        {
            throw new IllegalArgumentException("verbose must be 0 or more: verbose=" + verbose);
        }
        if (bytesLimit < 0)
        {
            throw new IllegalArgumentException("bytesLimit must be 0 (none) or positive: bytesLimit=" + bytesLimit);
        }
        this.location = location;
        this.verbose = verbose;
        this.bytesLimit = bytesLimit;
        this.trackedPackages = trackedPackages.toArray(String[]::new);
    }

    /**
     * @param level 0 silent; 1 a line on stderr for each result computed and stored, each eviction and each change
     *              of a function's code; 2 also a line for each result loaded.
     * @return a copy with it.
     */
    public Memory verbose(final int level)
    {
        return new Memory(location, level, bytesLimit, trackedPackages());
    }

    /**
     * @param bytes the most the cache's entries may take on disk, enforced on every write; 0 for no limit.
     * @return a copy with it.
     */
    public Memory bytesLimit(final long bytes)
    {
        return new Memory(location, verbose, bytes, trackedPackages());
    }

    /**
     * Widens what counts as the application's code when a function's code is digested: by default the classes of the
     * function's own class-path entry (its directory or jar); classes in these packages are followed too.
     *
     * @param packagePrefixes package name prefixes, such as {@code "com.example."}.
     * @return a copy with them.
     */
    public Memory trackPackages(final String... packagePrefixes)
    {
        return new Memory(location, verbose, bytesLimit, List.of(packagePrefixes));
    }

    /**
     * @return the directory.
     */
    public Path location()
    {
        return Path.of(location);
    }

    /**
     * @return the verbosity level.
     */
    public int verbose()
    {
        return verbose;
    }

    /**
     * @return the size limit in bytes, or 0 for none.
     */
    public long bytesLimit()
    {
        return bytesLimit;
    }

    /**
     * @return the package prefixes followed beyond the function's own class-path entry.
     */
    public List<String> trackedPackages()
    {
        return List.of(trackedPackages);
    }

    /**
     * Caches a one-argument function (joblib's {@code memory.cache(f)}).
     *
     * @param function a serializable lambda, a method reference or a class implementing {@link Task}.
     * @param <T>      the argument type.
     * @param <R>      the result type.
     * @return the cached function: a {@link Task} itself, usable in pools and {@code Parallel}.
     * @throws IllegalArgumentException if the function's code cannot be found or its state cannot be hashed.
     */
    public <T, R> CachedTask<T, R> cache(final Task<T, R> function)
    {
        return new CachedTask<>(new CachedFunction(this, Objects.requireNonNull(function, "function"), 1));
    }

    /**
     * Caches a two-argument function.
     *
     * @param function a serializable lambda, a method reference or a class implementing {@link BiTask}.
     * @param <A>      the first argument type.
     * @param <B>      the second argument type.
     * @param <R>      the result type.
     * @return the cached function, a {@link BiTask} itself.
     * @throws IllegalArgumentException if the function's code cannot be found or its state cannot be hashed.
     */
    public <A, B, R> CachedBiTask<A, B, R> cache(final BiTask<A, B, R> function)
    {
        return new CachedBiTask<>(new CachedFunction(this, Objects.requireNonNull(function, "function"), 2));
    }

    /**
     * Removes every entry of the cache, from this and any other JVM's functions. Waits for an eviction running in
     * another JVM.
     */
    public void clear()
    {
        store().clear();
    }

    /**
     * @return the bytes the cache's entries take on disk, as every JVM's writes and removals have counted them.
     */
    public long sizeBytes()
    {
        return store().sizeBytes();
    }

    /**
     * Removes entries, least recently used first, until the cache fits its {@linkplain #bytesLimit(long) limit}, and
     * temporary files that writers which died left behind (joblib's {@code reduce_size}).
     *
     * @return the number of entries removed.
     * @throws IllegalStateException if this Memory has no size limit.
     */
    public long reduceSize()
    {
        if (bytesLimit == 0)
        {
            throw new IllegalStateException("no size limit set: use bytesLimit(bytes) or reduceSize(bytesLimit)");
        }
        return reduceSize(bytesLimit);
    }

    /**
     * Removes entries, least recently used first, until the cache takes at most {@code bytesLimit} bytes.
     *
     * @param bytesLimit the most the entries may take.
     * @return the number of entries removed.
     */
    public long reduceSize(final long bytesLimit)
    {
        if (bytesLimit < 0)
        {
            throw new IllegalArgumentException("bytesLimit is negative: bytesLimit=" + bytesLimit);
        }
        return store().reduceTo(bytesLimit, true).entries();
    }

    CacheStore store()
    {
        return CacheStore.at(Path.of(location));
    }

    @Override
    public String toString()
    {
        return "Memory(location=" + location + (bytesLimit > 0 ? ", bytesLimit=" + bytesLimit : "") + ")";
    }
}
