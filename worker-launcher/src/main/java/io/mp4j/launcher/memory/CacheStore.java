package io.mp4j.launcher.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A cache directory as one JVM uses it: entries at {@code <function id>/<code version>/<argument digest>.entry},
 * the {@link SizeLedger}, and a lock file that makes evictions and clears one at a time across JVMs. One instance
 * per directory per JVM.
 *
 * <p>Threading: thread-safe, and safe with other JVMs using the same directory: entries are written whole
 * ({@link EntryFile}), a reader that loses a race with an eviction sees a miss, and evictions and clears hold an OS
 * file lock (released by the OS if the holder dies) plus an in-JVM lock (a file lock is per JVM).
 */
final class CacheStore
{
    static final String LOCK_FILE_NAME = ".mp4j-memory-lock";
    static final long TOUCH_GRANULARITY_MS = 1000;
    private static final int MAX_TOUCHED = 1 << 16;
    private static final int MAX_EVICTION_ROUNDS = 16;
    private static final Map<Path, CacheStore> STORES = new ConcurrentHashMap<>();

    private final Path directory;
    private final SizeLedger ledger;
    private final ReentrantLock exclusive = new ReentrantLock();
    private final Map<Path, Long> touched = new ConcurrentHashMap<>();

    private CacheStore(final Path directory) throws IOException
    {
        this.directory = directory;
        this.ledger = SizeLedger.open(directory, () -> scan(directory, false).stream().mapToLong(Item::bytes).sum());
    }

    /**
     * @param directory a cache directory; made (owner only) if missing.
     * @return this JVM's store for it.
     * @throws UncheckedIOException if the directory cannot be made or its ledger opened.
     */
    static CacheStore at(final Path directory)
    {
        final Path key = directory.toAbsolutePath().normalize();
        return STORES.computeIfAbsent(key, CacheStore::open);
    }

    private static CacheStore open(final Path directory)
    {
        try
        {
            makeDirectories(directory);
            return new CacheStore(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot use cache directory " + directory + ": " + ex, ex);
        }
    }

    Path directory()
    {
        return directory;
    }

    Path functionDirectory(final FunctionCode code)
    {
        return directory.resolve(code.id());
    }

    /**
     * Marks an entry as just used, for least-recently-used eviction: sets its modification time to now, unless this
     * JVM did so less than {@value #TOUCH_GRANULARITY_MS} ms ago (a hit then costs no write). A missing entry is
     * ignored.
     *
     * @param entry the entry.
     */
    void touch(final Path entry)
    {
        final long nowMs = System.currentTimeMillis();
        final Long touchedMs = touched.get(entry);
        if (touchedMs != null && nowMs - touchedMs < TOUCH_GRANULARITY_MS)
        {
            return;
        }
        if (touched.size() >= MAX_TOUCHED)
        {
            touched.clear();
        }
        touched.put(entry, nowMs);
        try
        {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(nowMs));
        }
        catch (final IOException ex)
        {
            // evicted or cleared since it was read: nothing to mark
        }
    }

    /**
     * Writes an entry, counts it, and evicts if the total passes {@code bytesLimit}.
     *
     * @param entry      the entry's path.
     * @param payload    the encoded result.
     * @param length     its length.
     * @param bytesLimit the cache's limit, or 0 for none.
     * @return what an eviction removed, or null if none ran.
     * @throws IOException if it cannot be written.
     */
    Eviction put(final Path entry, final byte[] payload, final int length, final long bytesLimit)
        throws IOException
    {
        makeDirectories(entry.getParent());
        long bytes;
        try
        {
            bytes = EntryFile.write(entry, payload, length);
        }
        catch (final NoSuchFileException ex)
        {
            // a clear removed the directory between making it and writing: once more
            makeDirectories(entry.getParent());
            bytes = EntryFile.write(entry, payload, length);
        }
        final long total = ledger.add(bytes);
        return bytesLimit > 0 && total > bytesLimit ? evictOverLimit(bytesLimit) : null;
    }

    /**
     * Evicts until the ledger is within the limit, or leaves the work to the JVM or thread evicting now. An evictor
     * reads the ledger again after it let the lock go: a writer that found the lock taken had added its bytes before it
     * tried the lock, so that read sees them, and no write is left over the limit unnoticed once writers stop.
     * Rounds are bounded: under a steady stream of writes, the next writes evict again.
     */
    private Eviction evictOverLimit(final long bytesLimit)
    {
        int entries = 0;
        long bytes = 0;
        Eviction last = null;
        for (int round = 0; round < MAX_EVICTION_ROUNDS && ledger.total() > bytesLimit; round++)
        {
            final Eviction eviction = reduceTo(bytesLimit, false);
            if (eviction == null)
            {
                break; // another evictor holds the lock; it reads the ledger again once it lets go
            }
            entries += eviction.entries();
            bytes += eviction.bytes();
            last = eviction;
        }
        return last == null ? null : new Eviction(entries, bytes, last.totalBytes());
    }

    /**
     * Removes entries, least recently used first, until they take at most {@code bytesLimit}; also removes
     * temporary files of dead writers, and sets the ledger to what it counted.
     *
     * @param bytesLimit the most the entries may take.
     * @param wait       wait for another eviction to end, instead of leaving the work to it.
     * @return what was removed, or null if another JVM or thread was evicting and {@code wait} was false.
     */
    Eviction reduceTo(final long bytesLimit, final boolean wait)
    {
        return exclusively(wait, () ->
        {
            final long countedBytes = ledger.total();
            final List<Item> items = scan(directory, true);
            items.sort(Comparator.comparing(Item::lastUsed));
            final long scannedBytes = items.stream().mapToLong(Item::bytes).sum();
            long total = scannedBytes;
            int removed = 0;
            long removedBytes = 0;
            for (int i = 0; i < items.size() && total > bytesLimit; i++)
            {
                final Item item = items.get(i);
                if (Files.deleteIfExists(item.path()))
                {
                    removed++;
                    removedBytes += item.bytes();
                }
                total -= item.bytes();
            }
            // Not set(total): writes during the scan added to the ledger, and their files may be missing from the
            // scan. Correcting by the difference keeps them; one also in the scan is counted twice until the next
            // eviction, which errs towards evicting early, never towards passing the limit.
            ledger.add(scannedBytes - countedBytes - removedBytes);
            return new Eviction(removed, removedBytes, total);
        });
    }

    /**
     * Removes every entry of the cache.
     */
    void clear()
    {
        exclusively(true, () ->
        {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(directory))
            {
                for (final Path child : children)
                {
                    if (Files.isDirectory(child))
                    {
                        deleteTree(child);
                    }
                }
            }
            ledger.set(scan(directory, false).stream().mapToLong(Item::bytes).sum());
            return null;
        });
    }

    /**
     * Removes the entries under one directory of the cache (a function's, or one code version's).
     *
     * @param tree the directory.
     * @return the entries removed.
     */
    long removeTree(final Path tree)
    {
        final Eviction removed = exclusively(true, () ->
        {
            final List<Item> items = scan(tree, false);
            final long bytes = items.stream().mapToLong(Item::bytes).sum();
            deleteTree(tree);
            return new Eviction(items.size(), bytes, ledger.add(-bytes));
        });
        return removed.entries();
    }

    /**
     * Removes one entry and uncounts it.
     *
     * @param entry the entry.
     */
    void remove(final Path entry)
    {
        try
        {
            final long bytes = Files.size(entry);
            if (Files.deleteIfExists(entry))
            {
                ledger.add(-bytes);
            }
        }
        catch (final NoSuchFileException ex)
        {
            // removed by another JVM, which uncounted it
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove cache entry " + entry + ": " + ex, ex);
        }
    }

    /**
     * @return the bytes the entries take, by the ledger.
     */
    long sizeBytes()
    {
        return ledger.total();
    }

    private interface Work<T>
    {
        T run() throws IOException;
    }

    private <T> T exclusively(final boolean wait, final Work<T> work)
    {
        if (wait)
        {
            exclusive.lock();
        }
        else if (!exclusive.tryLock())
        {
            return null;
        }
        try (FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE_NAME),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = wait ? channel.lock() : channel.tryLock())
        {
            if (lock == null)
            {
                return null;
            }
            return work.run();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cache directory " + directory + ": " + ex, ex);
        }
        finally
        {
            exclusive.unlock();
        }
    }

    /**
     * @param tree         where to look.
     * @param removeStale  also delete temporary files whose writer is dead.
     * @return every entry under it.
     */
    private static List<Item> scan(final Path tree, final boolean removeStale)
    {
        final List<Item> items = new ArrayList<>();
        try
        {
            Files.walkFileTree(tree, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes)
                    throws IOException
                {
                    final String name = file.getFileName().toString();
                    if (name.endsWith(EntryFile.SUFFIX))
                    {
                        items.add(new Item(file, attributes.size(), attributes.lastModifiedTime()));
                    }
                    else if (removeStale && name.startsWith(EntryFile.TEMP_PREFIX) && writerDead(name))
                    {
                        Files.deleteIfExists(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(final Path file, final IOException ex)
                {
                    return FileVisitResult.CONTINUE; // removed while we walked
                }
            });
        }
        catch (final NoSuchFileException ex)
        {
            return items;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot scan cache directory " + tree + ": " + ex, ex);
        }
        return items;
    }

    private static boolean writerDead(final String tempName)
    {
        final String rest = tempName.substring(EntryFile.TEMP_PREFIX.length());
        final int dash = rest.indexOf('-');
        try
        {
            final long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        }
        catch (final NumberFormatException ex)
        {
            return true;
        }
    }

    private static void deleteTree(final Path tree) throws IOException
    {
        try
        {
            Files.walkFileTree(tree, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes)
                    throws IOException
                {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(final Path file, final IOException ex)
                {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path dir, final IOException ex)
                    throws IOException
                {
                    try
                    {
                        Files.deleteIfExists(dir);
                    }
                    catch (final DirectoryNotEmptyException raced)
                    {
                        // a writer put an entry in meanwhile: it stays, counted by the next scan
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (final NoSuchFileException ex)
        {
            // already gone
        }
    }

    private static void makeDirectories(final Path directory) throws IOException
    {
        if (Files.isDirectory(directory))
        {
            return;
        }
        final Path parent = directory.getParent();
        if (parent != null)
        {
            makeDirectories(parent);
        }
        try
        {
            Files.createDirectory(directory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        catch (final FileAlreadyExistsException ex)
        {
            if (!Files.isDirectory(directory))
            {
                throw new IOException("not a directory: " + directory, ex);
            }
        }
    }

    /**
     * An entry found on disk.
     *
     * @param path     its file.
     * @param bytes    its length.
     * @param lastUsed when it was written or last read.
     */
    record Item(Path path, long bytes, FileTime lastUsed)
    {
    }

    /**
     * What an eviction or removal did.
     *
     * @param entries    entries removed.
     * @param bytes      bytes removed.
     * @param totalBytes bytes left.
     */
    record Eviction(int entries, long bytes, long totalBytes)
    {
    }
}
