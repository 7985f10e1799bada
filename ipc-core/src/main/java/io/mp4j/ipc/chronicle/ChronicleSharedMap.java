package io.mp4j.ipc.chronicle;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.collections.LockTable;
import io.mp4j.ipc.collections.MapFullException;
import io.mp4j.ipc.collections.SharedMap;
import io.mp4j.ipc.collections.SharedMapOptions;
import io.mp4j.ipc.region.Names;
import io.mp4j.ipc.region.RegionFiles;
import net.openhft.chronicle.algo.hashing.LongHashFunction;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.hash.ChronicleHashCorruption;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.hash.impl.HashSplitting;
import net.openhft.chronicle.hash.locks.InterProcessDeadLockException;
import net.openhft.chronicle.hash.serialization.impl.ByteArraySizedReader;
import net.openhft.chronicle.map.ChronicleHashCorruptionImpl;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.map.MapSegmentContext;
import net.openhft.chronicle.map.VanillaChronicleMap;
import net.openhft.chronicle.map.impl.IterationContext;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@link SharedMap} on a Chronicle Map of byte arrays, behind a {@link LockTable} of {@value #STRIPES} robust stripe
 * locks. Every operation on a key takes the stripe of the key's Chronicle segment ({@code segment % STRIPES}) before
 * Chronicle's own segment lock, so Chronicle's locks are never contended between mp4j processes, and a process killed
 * inside Chronicle always leaves a stripe owned by a dead process. The process that next takes that stripe sets the
 * table's dirty word; any process that finds the dirty word set takes every stripe in ascending order (no process
 * touches the map then), resets the global tier lock, runs Chronicle's segment recovery on its own open instance,
 * clears the dirty word and lets go. docs/COLLECTIONS.md gives the procedure as numbered steps.
 *
 * <p>Fast paths (docs/COLLECTIONS.md 2.2): a key's stripe comes from Chronicle's hash of its bytes, computed here
 * without a query context ({@link #stripeOf}); {@code get} reads with Chronicle's {@code getUsing} and no query
 * context; every other operation opens one query context; keys and values pass in per-thread arrays of their exact
 * length through {@link ReusingByteArrayDataAccess}, which allocates nothing per operation.
 *
 * <p>Threading: any thread. Ordering: see {@link SharedMap}.
 *
 * @param <K> the type of keys.
 * @param <V> the type of values.
 */
final class ChronicleSharedMap<K, V> extends AbstractMap<K, V> implements SharedMap<K, V>
{
    /** Stripe locks of a map: lock {@code i} guards Chronicle segments {@code s} with {@code s % STRIPES == i}. */
    static final int STRIPES = 64;
    /** Lock of a list's structure (append, pop, clear). */
    static final int LIST_LOCK = STRIPES;
    /** Lock held while opening or creating the Chronicle file. */
    static final int OPEN_LOCK = STRIPES + 1;
    /** Locks in a map's table. */
    static final int LOCKS = STRIPES + 2;
    /** Word: 0 until the Chronicle file is created, then 1. */
    static final int WORD_CREATED = 0;
    /** Word: 1 while the map needs repair (a stripe was taken from a dead owner), else 0. */
    static final int WORD_DIRTY = 1;
    /** Word: repairs run. */
    static final int WORD_REPAIRS = 2;
    /** Word: a list's length. */
    static final int WORD_LIST_SIZE = 3;
    /** Words in a map's table. */
    static final int WORDS = 8;
    /** Suffix of the Chronicle Map file's name: a character no region name has, so it never collides. */
    static final String FILE_SUFFIX = "~map";

    /** Keys and values up to this many bytes are handed to Chronicle in per-thread arrays of their exact length. */
    static final int EXACT_CACHED = 256;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final int ALLOCATE_CHUNK = 1 << 20;

    private final String name;
    private final Path file;
    private final SharedMapOptions options;
    private final LockTable locks;
    private final ChronicleMap<byte[], byte[]> map;
    private final Codec<K> keyCodec;
    private final Codec<V> valueCodec;
    private final long lockTimeoutNs;
    private final AtomicLong corruptionsSeen = new AtomicLong();
    private final HashSplitting hashSplitting;
    private volatile boolean ownHash;
    private volatile boolean closed;

    private ChronicleSharedMap(final String name, final Path file, final SharedMapOptions options,
        final LockTable locks, final ChronicleMap<byte[], byte[]> map, final Codec<K> keyCodec,
        final Codec<V> valueCodec)
    {
        this.name = name;
        this.file = file;
        this.options = options;
        this.locks = locks;
        this.map = map;
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
        this.lockTimeoutNs = options.lockTimeout().toNanos();
        this.hashSplitting = ((VanillaChronicleMap<byte[], byte[], ?>)map).hashSplitting;
        this.ownHash = segmentHashAgrees(map, hashSplitting);
    }

    /**
     * Creates or attaches: 1. create or attach the lock table (race-free); 2. take its open lock (robust); 3. if the
     * created word is 0, delete any file a dead creator left, create the Chronicle file, make it 0600, allocate its
     * pages (a full file system fails here, cleanly) and store 1; else open the existing file; 4. release the open
     * lock.
     */
    static <K, V> ChronicleSharedMap<K, V> open(final Space space, final String name, final SharedMapOptions options,
        final Codec<K> keyCodec, final Codec<V> valueCodec)
    {
        Names.validate("map", name);
        Objects.requireNonNull(keyCodec, "keyCodec");
        Objects.requireNonNull(valueCodec, "valueCodec");
        final Path directory = space.directory();
        final Path file = directory.resolve(name + FILE_SUFFIX);
        final LockTable locks = LockTable.open(directory, name, LOCKS, WORDS, space.attachTimeout().toMillis());
        try
        {
            final long openTimeoutNs = Math.max(options.lockTimeout().toNanos(), TimeUnit.SECONDS.toNanos(60));
            if (acquire(locks, OPEN_LOCK, openTimeoutNs) == LockTable.TIMED_OUT)
            {
                throw new Mp4jException("map " + file + ": another process (pid " + locks.ownerPid(OPEN_LOCK) +
                    ", alive) has been opening it for longer than " + TimeUnit.NANOSECONDS.toSeconds(openTimeoutNs) +
                    " s");
            }
            final ChronicleMap<byte[], byte[]> map;
            try
            {
                map = locks.getWordVolatile(WORD_CREATED) == 0 ?
                    create(file, builder(name, options, keyCodec, valueCodec)) :
                    builder(name, options, keyCodec, valueCodec).createPersistedTo(file.toFile());
                locks.putWordRelease(WORD_CREATED, 1);
            }
            finally
            {
                locks.release(OPEN_LOCK);
            }
            return new ChronicleSharedMap<>(name, file, options, locks, map, keyCodec, valueCodec);
        }
        catch (final IOException ex)
        {
            locks.close();
            throw new Mp4jException("cannot open map " + file + ": " + ex, ex);
        }
        catch (final RuntimeException | Error ex)
        {
            locks.close();
            throw ex;
        }
    }

    private static ChronicleMap<byte[], byte[]> create(final Path file,
        final ChronicleMapBuilder<byte[], byte[]> builder) throws IOException
    {
        Files.deleteIfExists(file); // a creator that died before storing the created word left it; nobody has it
        final ChronicleMap<byte[], byte[]> map = builder.createPersistedTo(file.toFile());
        try
        {
            Files.setPosixFilePermissions(file, RegionFiles.FILE_PERMISSIONS);
            allocatePages(file);
            return map;
        }
        catch (final IOException | RuntimeException ex)
        {
            map.close();
            Files.deleteIfExists(file);
            throw new Mp4jException("cannot create map " + file + " (" + Files.getFileStore(file.getParent())
                .getUsableSpace() + " bytes free; lower SharedMapOptions.entries or the average sizes): " + ex, ex);
        }
    }

    /**
     * The creator's configuration; Chronicle stores it in the file, and a process that attaches gets the stored one
     * whatever its builder says. Keys and values go to Chronicle through {@link ReusingByteArrayDataAccess}, which
     * allocates nothing per operation. Keys (values) of a fixed-width codec ({@code Codecs.longs()}, {@code ints()},
     * {@code doubles()}) are stored without a size field, Chronicle's constant-size layout: smaller entries and a
     * faster lookup than its variable-size one.
     */
    private static ChronicleMapBuilder<byte[], byte[]> builder(final String name, final SharedMapOptions options,
        final Codec<?> keyCodec, final Codec<?> valueCodec)
    {
        final ChronicleMapBuilder<byte[], byte[]> builder = ChronicleMapBuilder.of(byte[].class, byte[].class)
            .name(name)
            .entries(options.entries())
            .maxBloatFactor(options.maxBloatFactor())
            .keyReaderAndDataAccess(ByteArraySizedReader.INSTANCE, new ReusingByteArrayDataAccess())
            .valueReaderAndDataAccess(ByteArraySizedReader.INSTANCE, new ReusingByteArrayDataAccess());
        final int keyWidth = fixedWidth(keyCodec);
        final int valueWidth = fixedWidth(valueCodec);
        if (keyWidth > 0)
        {
            builder.constantKeySizeBySample(new byte[keyWidth]);
        }
        else
        {
            builder.averageKeySize(options.averageKeyBytes());
        }
        if (valueWidth > 0)
        {
            builder.constantValueSizeBySample(new byte[valueWidth]);
        }
        else
        {
            builder.averageValueSize(options.averageValueBytes());
        }
        return builder;
    }

    /**
     * @param codec a codec.
     * @return the length of every encoding of a fixed-width codec of {@link Codecs}, else -1.
     */
    static int fixedWidth(final Codec<?> codec)
    {
        if (codec == Codecs.longs() || codec == Codecs.doubles())
        {
            return Long.BYTES;
        }
        return codec == Codecs.ints() ? Integer.BYTES : -1;
    }

    /**
     * Reads and writes back every page of a file no other process has open yet, so that tmpfs allocates them now:
     * a full file system fails here with an exception instead of a SIGBUS in a later put.
     */
    private static void allocatePages(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer chunk = ByteBuffer.allocate(ALLOCATE_CHUNK);
            final long length = channel.size();
            for (long position = 0; position < length; position += ALLOCATE_CHUNK)
            {
                chunk.clear().limit((int)Math.min(ALLOCATE_CHUNK, length - position));
                while (chunk.hasRemaining() && channel.read(chunk, position + chunk.position()) >= 0)
                {
                    // read the whole chunk
                }
                chunk.flip();
                while (chunk.hasRemaining())
                {
                    channel.write(chunk, position + chunk.position());
                }
            }
        }
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Path file()
    {
        return file;
    }

    @Override
    public SharedMapOptions options()
    {
        return options;
    }

    @Override
    public long recoveries()
    {
        return locks.getWordVolatile(WORD_REPAIRS);
    }

    /** @return the map's lock table (a list's length and lock live there too). */
    LockTable locks()
    {
        return locks;
    }

    /** @return the Chronicle Map underneath. */
    ChronicleMap<byte[], byte[]> chronicle()
    {
        return map;
    }

    /** @return Chronicle's segments of this map. */
    int segments()
    {
        return map.segments();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Single-key operations
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public V get(final Object key)
    {
        return read(cast(key), null);
    }

    @Override
    public V getOrDefault(final Object key, final V defaultValue)
    {
        return read(cast(key), defaultValue);
    }

    @Override
    public boolean containsKey(final Object key)
    {
        return onKey(cast(key), false, (context, scratch) -> context.entry() != null);
    }

    @Override
    public V put(final K key, final V value)
    {
        return onKey(key, true, (context, scratch) ->
        {
            final MapEntry<byte[], byte[]> entry = context.entry();
            final V previous = entry == null ? null : decodeValue(entry.value(), scratch);
            store(context, entry, value, scratch);
            return previous;
        });
    }

    @Override
    public void set(final K key, final V value)
    {
        onKey(key, true, (context, scratch) ->
        {
            store(context, context.entry(), value, scratch);
            return null;
        });
    }

    @Override
    public V remove(final Object key)
    {
        return onKey(cast(key), true, (context, scratch) ->
        {
            final MapEntry<byte[], byte[]> entry = context.entry();
            if (entry == null)
            {
                return null;
            }
            final V previous = decodeValue(entry.value(), scratch);
            entry.doRemove();
            return previous;
        });
    }

    @Override
    public boolean delete(final K key)
    {
        return onKey(key, true, (context, scratch) ->
        {
            final MapEntry<byte[], byte[]> entry = context.entry();
            if (entry == null)
            {
                return false;
            }
            entry.doRemove();
            return true;
        });
    }

    @Override
    public V putIfAbsent(final K key, final V value)
    {
        return onKey(key, true, (context, scratch) ->
        {
            final MapEntry<byte[], byte[]> entry = context.entry();
            if (entry != null)
            {
                return decodeValue(entry.value(), scratch);
            }
            store(context, null, value, scratch);
            return null;
        });
    }

    @Override
    public boolean remove(final Object key, final Object value)
    {
        return onKey(cast(key), true, (context, scratch) ->
        {
            final MapEntry<byte[], byte[]> entry = context.entry();
            if (entry == null || !Objects.equals(decodeValue(entry.value(), scratch), value))
            {
                return false;
            }
            entry.doRemove();
            return true;
        });
    }

    @Override
    public boolean replace(final K key, final V oldValue, final V newValue)
    {
        return onKey(key, true, (context, scratch) ->
        {
            final MapEntry<byte[], byte[]> entry = context.entry();
            if (entry == null || !Objects.equals(decodeValue(entry.value(), scratch), oldValue))
            {
                return false;
            }
            store(context, entry, newValue, scratch);
            return true;
        });
    }

    @Override
    public V replace(final K key, final V value)
    {
        return onKey(key, true, (context, scratch) ->
        {
            final MapEntry<byte[], byte[]> entry = context.entry();
            if (entry == null)
            {
                return null;
            }
            final V previous = decodeValue(entry.value(), scratch);
            store(context, entry, value, scratch);
            return previous;
        });
    }

    @Override
    public V compute(final K key, final BiFunction<? super K, ? super V, ? extends V> function)
    {
        Objects.requireNonNull(function, "function");
        return onKey(key, true, (context, scratch) ->
        {
            final MapEntry<byte[], byte[]> entry = context.entry();
            final V previous = entry == null ? null : decodeValue(entry.value(), scratch);
            final V next = callUser(scratch, () -> function.apply(key, previous));
            apply(context, entry, next, scratch);
            return next;
        });
    }

    @Override
    public V computeIfAbsent(final K key, final Function<? super K, ? extends V> function)
    {
        Objects.requireNonNull(function, "function");
        return onKey(key, true, (context, scratch) ->
        {
            final MapEntry<byte[], byte[]> entry = context.entry();
            if (entry != null)
            {
                final V present = decodeValue(entry.value(), scratch);
                if (present != null)
                {
                    return present;
                }
            }
            final V next = callUser(scratch, () -> function.apply(key));
            if (next != null)
            {
                store(context, entry, next, scratch);
            }
            return next;
        });
    }

    @Override
    public V computeIfPresent(final K key, final BiFunction<? super K, ? super V, ? extends V> function)
    {
        Objects.requireNonNull(function, "function");
        return onKey(key, true, (context, scratch) ->
        {
            final MapEntry<byte[], byte[]> entry = context.entry();
            final V previous = entry == null ? null : decodeValue(entry.value(), scratch);
            if (previous == null)
            {
                return null;
            }
            final V next = callUser(scratch, () -> function.apply(key, previous));
            apply(context, entry, next, scratch);
            return next;
        });
    }

    @Override
    public V merge(final K key, final V value, final BiFunction<? super V, ? super V, ? extends V> function)
    {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(value, "value");
        return onKey(key, true, (context, scratch) ->
        {
            final MapEntry<byte[], byte[]> entry = context.entry();
            final V previous = entry == null ? null : decodeValue(entry.value(), scratch);
            final V next = previous == null ? value : callUser(scratch, () -> function.apply(previous, value));
            apply(context, entry, next, scratch);
            return next;
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Whole-map operations
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public int size()
    {
        final long size = longSize();
        return size > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int)size;
    }

    private long longSize()
    {
        final long[] total = {0};
        forEachSegment(segment ->
        {
            try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(segment))
            {
                total[0] += context.size();
            }
        });
        return total[0];
    }

    @Override
    public boolean isEmpty()
    {
        return longSize() == 0;
    }

    @Override
    public void clear()
    {
        checkOpen();
        final Scratch scratch = enter();
        try
        {
            lockAll(() -> map.clear());
        }
        finally
        {
            scratch.busy = false;
        }
    }

    @Override
    public void forEach(final BiConsumer<? super K, ? super V> action)
    {
        Objects.requireNonNull(action, "action");
        for (final Map.Entry<K, V> entry : entrySet())
        {
            action.accept(entry.getKey(), entry.getValue());
        }
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet()
    {
        return new AbstractSet<>()
        {
            @Override
            public Iterator<Map.Entry<K, V>> iterator()
            {
                return new SegmentIterator();
            }

            @Override
            public int size()
            {
                return ChronicleSharedMap.this.size();
            }

            @Override
            public void clear()
            {
                ChronicleSharedMap.this.clear();
            }
        };
    }

    @Override
    public Set<K> keySet()
    {
        return new AbstractSet<>()
        {
            @Override
            public Iterator<K> iterator()
            {
                return new Projection<>(new SegmentIterator(), Map.Entry::getKey);
            }

            @Override
            public int size()
            {
                return ChronicleSharedMap.this.size();
            }

            @Override
            public boolean contains(final Object key)
            {
                return containsKey(key);
            }

            @Override
            public boolean remove(final Object key)
            {
                return delete(cast(key));
            }
        };
    }

    @Override
    public Collection<V> values()
    {
        return new AbstractCollection<>()
        {
            @Override
            public Iterator<V> iterator()
            {
                return new Projection<>(new SegmentIterator(), Map.Entry::getValue);
            }

            @Override
            public int size()
            {
                return ChronicleSharedMap.this.size();
            }
        };
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public synchronized void close()
    {
        if (!closed)
        {
            closed = true;
            try
            {
                map.close();
            }
            finally
            {
                locks.close();
            }
        }
    }

    @Override
    public synchronized void unlink()
    {
        close();
        try
        {
            Files.deleteIfExists(file);
            Files.deleteIfExists(locks.file());
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot delete map " + file + ": " + ex, ex);
        }
    }

    @Override
    public String toString()
    {
        return "SharedMap{" + file + "}";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Locking and repair
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A read of one key, without a query context: 1. encode the key; 2. take the stripe of its segment
     * ({@link #stripeOf}); 3. let Chronicle copy the value out into this thread's array ({@code getUsing}: Chronicle's
     * lock-light read path, which takes the segment's read lock itself); 4. release the stripe; 5. decode the copy.
     */
    private V read(final K key, final V absent)
    {
        checkOpen();
        final Scratch scratch = enter();
        try
        {
            final byte[] keyArray = scratch.encodeKey(keyCodec, key);
            byte[] value;
            boolean retried = false;
            while (true)
            {
                final int stripe = stripeOf(keyArray);
                lockStripe(stripe);
                try
                {
                    value = map.getUsing(keyArray, scratch.valueRead);
                    break;
                }
                catch (final RuntimeException ex)
                {
                    failed(ex, retried);
                    retried = true;
                }
                finally
                {
                    locks.release(stripe);
                }
            }
            if (value == null)
            {
                return absent;
            }
            scratch.valueRead = value;
            scratch.view.wrap(value);
            return valueCodec.decode(scratch.view, 0, value.length);
        }
        finally
        {
            scratch.busy = false;
        }
    }

    /**
     * An operation on one key in one Chronicle query context: 1. encode the key; 2. take the stripe of its segment
     * ({@link #stripeOf}); 3. open the query context, check that its segment is the stripe's, take Chronicle's write
     * lock (mutations) or let it take the read lock (reads), run the operation, close the context; 4. release the
     * stripe.
     */
    private <R> R onKey(final K key, final boolean write, final KeyOperation<R> operation)
    {
        checkOpen();
        final Scratch scratch = enter();
        try
        {
            final byte[] keyArray = scratch.encodeKey(keyCodec, key);
            boolean retried = false;
            while (true)
            {
                final int stripe = stripeOf(keyArray);
                lockStripe(stripe);
                try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(keyArray))
                {
                    if (context.segmentIndex() % STRIPES != stripe)
                    {
                        ownHash = false; // never seen: the check at open agreed with Chronicle; learn from the context
                        continue;
                    }
                    if (write)
                    {
                        context.writeLock().lock();
                    }
                    return operation.apply(context, scratch);
                }
                catch (final RuntimeException ex)
                {
                    failed(ex, retried);
                    retried = true;
                }
                finally
                {
                    locks.release(stripe);
                }
            }
        }
        finally
        {
            scratch.busy = false;
        }
    }

    /**
     * Handles a failure of a Chronicle call made under a stripe: passes a user function's exception through,
     * translates a full map, and, the first time only, if some lock of the table has a dead owner (a process died
     * inside Chronicle holding a lock no stripe guards: the global tier lock), marks the map for repair and returns
     * so that the caller tries once more; anything else is thrown as an {@link Mp4jException}.
     */
    private void failed(final RuntimeException ex, final boolean retried)
    {
        if (ex instanceof UserFailure failure)
        {
            throw failure.rethrow();
        }
        if (ex instanceof Mp4jException)
        {
            throw ex;
        }
        final RuntimeException translated = translate(ex);
        if (translated != null)
        {
            throw translated;
        }
        if (retried || !locks.anyOwnerDead())
        {
            throw new Mp4jException("map " + file + ": Chronicle Map failed: " + ex, ex);
        }
        locks.putWordVolatile(WORD_DIRTY, 1);
    }

    /**
     * The stripe of a key: its Chronicle segment modulo {@value #STRIPES}. The segment is Chronicle's own function of
     * the key's bytes, computed here as Chronicle computes it (xxHash r39 of the bytes, split by the map's
     * {@code HashSplitting}) without opening a query context; {@link #open} checked at open that this agrees with
     * Chronicle's query contexts for a spread of keys, else ({@link #ownHash} false) the segment comes from a query
     * context.
     *
     * @param keyArray the encoded key, exactly as long as its bytes.
     * @return its stripe.
     */
    int stripeOf(final byte[] keyArray)
    {
        return ownHash ? hashSplitting.segmentIndex(LongHashFunction.xx_r39().hashBytes(keyArray)) % STRIPES :
            contextStripeOf(keyArray);
    }

    /**
     * Checks the segment function of {@link #stripeOf} against Chronicle's query contexts, for keys of 0 to 63 bytes
     * (four of each length, pseudo-random).
     *
     * @return true if every key agreed.
     */
    private static boolean segmentHashAgrees(final ChronicleMap<byte[], byte[]> map, final HashSplitting splitting)
    {
        long seed = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 256; i++)
        {
            final byte[] key = new byte[i / 4];
            for (int b = 0; b < key.length; b++)
            {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                key[b] = (byte)(seed >>> 56);
            }
            try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key))
            {
                if (context.segmentIndex() != splitting.segmentIndex(LongHashFunction.xx_r39().hashBytes(key)))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * @param keyArray an encoded key.
     * @return its stripe, from the segment of a Chronicle query context.
     */
    int contextStripeOf(final byte[] keyArray)
    {
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(keyArray))
        {
            return context.segmentIndex() % STRIPES;
        }
    }

    /** @return true if {@link #stripeOf} hashes keys itself (the check at open agreed with Chronicle). */
    boolean hashesKeysItself()
    {
        return ownHash;
    }

    /**
     * Takes a stripe; repairs the map first if it needs it: 1. take the stripe; 2. if its owner had died, store 1 in
     * the dirty word (volatile); 3. if the dirty word is 0, done; 4. else release the stripe, {@link #repair()}, and
     * go back to 1.
     */
    void lockStripe(final int stripe)
    {
        while (true)
        {
            if (acquire(locks, stripe, lockTimeoutNs) == LockTable.ACQUIRED_FROM_DEAD_OWNER)
            {
                locks.putWordVolatile(WORD_DIRTY, 1);
            }
            if (locks.getWordVolatile(WORD_DIRTY) == 0)
            {
                return;
            }
            locks.release(stripe);
            repair();
        }
    }

    /** Releases a stripe taken by {@link #lockStripe}. */
    void unlockStripe(final int stripe)
    {
        locks.release(stripe);
    }

    /**
     * 1. Take every stripe in ascending order (a stripe taken from a dead owner sets the dirty word); no other mp4j
     * process is inside Chronicle now. 2. If the dirty word is still 1: reset Chronicle's global tier lock, run its
     * segment recovery (every segment lock reset, tiers and counters checked) on this process's instance, count the
     * repair, store 0 in the dirty word (release). 3. Release every stripe, in descending order.
     */
    private void repair()
    {
        lockAll(() ->
        {
            // lockAll repaired the map if the dirty word was set
        });
    }

    private void lockAll(final Runnable action)
    {
        int held = 0;
        try
        {
            for (int stripe = 0; stripe < STRIPES; stripe++)
            {
                if (acquire(locks, stripe, lockTimeoutNs) == LockTable.ACQUIRED_FROM_DEAD_OWNER)
                {
                    locks.putWordVolatile(WORD_DIRTY, 1);
                }
                held++;
            }
            if (locks.getWordVolatile(WORD_DIRTY) != 0)
            {
                repairChronicle();
                locks.getAndAddWord(WORD_REPAIRS, 1);
                locks.putWordRelease(WORD_DIRTY, 0);
            }
            action.run();
        }
        finally
        {
            for (int stripe = held - 1; stripe >= 0; stripe--)
            {
                locks.release(stripe);
            }
        }
    }

    private void repairChronicle()
    {
        final VanillaChronicleMap<byte[], byte[], ?> vanilla = (VanillaChronicleMap<byte[], byte[], ?>)map;
        final ChronicleHashCorruption.Listener listener = corruption -> corruptionsSeen.incrementAndGet();
        final ChronicleHashCorruptionImpl corruption = new ChronicleHashCorruptionImpl();
        resetGlobalMutableStateLock(vanilla, listener, corruption);
        try (IterationContext<byte[], byte[], ?> context = vanilla.iterationContext())
        {
            context.recoverSegments(listener, corruption);
        }
    }

    private static void resetGlobalMutableStateLock(final VanillaChronicleMap<byte[], byte[], ?> vanilla,
        final ChronicleHashCorruption.Listener listener, final ChronicleHashCorruptionImpl corruption)
    {
        try
        {
            final Method reset = net.openhft.chronicle.hash.impl.VanillaChronicleHash.class.getDeclaredMethod(
                "resetGlobalMutableStateLock", ChronicleHashCorruption.Listener.class,
                ChronicleHashCorruptionImpl.class);
            reset.setAccessible(true);
            reset.invoke(vanilla, listener, corruption);
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            throw new Mp4jException("cannot reset the global lock of Chronicle Map " + vanilla.file() + ": " + ex,
                ex);
        }
    }

    private static int acquire(final LockTable locks, final int lock, final long timeoutNs)
    {
        final int result;
        try
        {
            result = locks.acquire(lock, timeoutNs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new Mp4jException("interrupted waiting for lock " + lock + " of " + locks.file(), ex);
        }
        if (result == LockTable.TIMED_OUT)
        {
            throw new Mp4jException("lock " + lock + " of " + locks.file() + " still held by pid " +
                locks.ownerPid(lock) + " (alive) after " + TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms");
        }
        return result;
    }

    private RuntimeException translate(final RuntimeException ex)
    {
        final String message = String.valueOf(ex.getMessage());
        if (ex instanceof IllegalStateException && (message.contains("tier") || message.contains("too large") ||
            message.contains("chunks")))
        {
            return new MapFullException("map " + file + " is full: it was created for entries=" + options.entries() +
                " of averageKeyBytes=" + options.averageKeyBytes() + " and averageValueBytes=" +
                options.averageValueBytes() + ", growing up to maxBloatFactor=" + options.maxBloatFactor() +
                " times that. Remove entries, or copy it into a new map created with " +
                "larger SharedMapOptions (entries, average sizes or maxBloatFactor). Chronicle: " + message, ex);
        }
        if (ex instanceof InterProcessDeadLockException)
        {
            return new Mp4jException("map " + file + ": a Chronicle segment lock stayed held, although mp4j's " +
                "stripe was free: was the file opened by a process that does not use mp4j? " + message, ex);
        }
        return null;
    }

    private void forEachSegment(final java.util.function.IntConsumer action)
    {
        checkOpen();
        final Scratch scratch = enter();
        try
        {
            for (int segment = 0, segments = map.segments(); segment < segments; segment++)
            {
                final int stripe = segment % STRIPES;
                lockStripe(stripe);
                try
                {
                    action.accept(segment);
                }
                finally
                {
                    locks.release(stripe);
                }
            }
        }
        finally
        {
            scratch.busy = false;
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("map " + name + " is closed");
        }
    }

    private static Scratch enter()
    {
        final Scratch scratch = SCRATCH.get();
        if (scratch.busy)
        {
            throw new IllegalStateException("a function passed to a shared map (compute, merge...) must not use a " +
                "shared map: it runs while a stripe lock is held");
        }
        scratch.busy = true;
        return scratch;
    }

    private static <R> R callUser(final Scratch scratch, final java.util.function.Supplier<R> call)
    {
        try
        {
            return call.get();
        }
        catch (final RuntimeException | Error ex)
        {
            throw new UserFailure(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private K cast(final Object key)
    {
        return (K)key;
    }

    private void apply(final ExternalMapQueryContext<byte[], byte[], ?> context, final MapEntry<byte[], byte[]> entry,
        final V next, final Scratch scratch)
    {
        if (next == null)
        {
            if (entry != null)
            {
                entry.doRemove();
            }
        }
        else
        {
            store(context, entry, next, scratch);
        }
    }

    private void store(final ExternalMapQueryContext<byte[], byte[], ?> context, final MapEntry<byte[], byte[]> entry,
        final V value, final Scratch scratch)
    {
        final int length = valueCodec.encode(value, scratch.value, 0);
        final Data<byte[]> data = length <= EXACT_CACHED ?
            context.wrapValueAsData(Scratch.exact(scratch.values, scratch.value, length)) :
            context.wrapValueBytesAsData(scratch.valueBytes(), 0, length);
        if (entry != null)
        {
            entry.doReplaceValue(data);
        }
        else
        {
            context.absentEntry().doInsert(data);
        }
    }

    private V decodeValue(final Data<byte[]> data, final Scratch scratch)
    {
        return decode(valueCodec, data, scratch);
    }

    private static <T> T decode(final Codec<T> codec, final Data<?> data, final Scratch scratch)
    {
        final long size = data.size();
        final UnsafeBuffer view = scratch.view;
        try
        {
            view.wrap(data.bytes().addressForRead(data.offset()), (int)size);
        }
        catch (final UnsupportedOperationException ex)
        {
            final byte[] copy = new byte[(int)size];
            data.bytes().read(data.offset(), copy, 0, (int)size);
            view.wrap(copy);
        }
        return codec.decode(view, 0, (int)size);
    }

    /** One operation under a key's stripe and Chronicle context. */
    @FunctionalInterface
    private interface KeyOperation<R>
    {
        R apply(ExternalMapQueryContext<byte[], byte[], ?> context, Scratch scratch);
    }

    /** An exception thrown by a user's function: passed through as it is. */
    private static final class UserFailure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        UserFailure(final Throwable cause)
        {
            super(null, cause, false, false);
        }

        RuntimeException rethrow()
        {
            final Throwable cause = getCause();
            if (cause instanceof Error error)
            {
                throw error;
            }
            return (RuntimeException)cause;
        }
    }

    /**
     * Per-thread buffers: the encoded key and value, arrays of their exact lengths (Chronicle takes a {@code byte[]}
     * key or value whole: an exact array is its fast path), the array the last read copied a value into, and a view
     * for decoding.
     */
    private static final class Scratch
    {
        final ExpandableArrayBuffer key = new ExpandableArrayBuffer(64);
        final ExpandableArrayBuffer value = new ExpandableArrayBuffer(256);
        final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        final byte[][] keys = new byte[EXACT_CACHED + 1][];
        final byte[][] values = new byte[EXACT_CACHED + 1][];
        /** Reused by the next read if its value has the same length ({@code getUsing}). */
        byte[] valueRead;
        boolean busy;
        private byte[] valueArray;
        private BytesStore<?, byte[]> valueStore;

        /**
         * @return the key's bytes in an array of their exact length: this thread's for that length, valid until its
         * next operation, or a new one past {@value #EXACT_CACHED} bytes.
         */
        <K> byte[] encodeKey(final Codec<K> codec, final K key)
        {
            return exact(keys, this.key, codec.encode(key, this.key, 0));
        }

        /** @return the first {@code length} bytes of {@code from} in an array of that length (cached by length). */
        static byte[] exact(final byte[][] cache, final ExpandableArrayBuffer from, final int length)
        {
            byte[] array;
            if (length <= EXACT_CACHED)
            {
                array = cache[length];
                if (array == null)
                {
                    array = new byte[length];
                    cache[length] = array;
                }
            }
            else
            {
                array = new byte[length];
            }
            System.arraycopy(from.byteArray(), 0, array, 0, length);
            return array;
        }

        /** @return the value buffer as a Chronicle store (values past {@value #EXACT_CACHED} bytes, no copy). */
        BytesStore<?, ?> valueBytes()
        {
            if (value.byteArray() != valueArray)
            {
                valueArray = value.byteArray();
                valueStore = BytesStore.wrap(valueArray);
            }
            return valueStore;
        }
    }

    /** Copies the entries of one segment at a time, under its stripe. */
    private final class SegmentIterator implements Iterator<Map.Entry<K, V>>
    {
        private final int segments = map.segments();
        private final List<Map.Entry<K, V>> batch = new ArrayList<>();
        private int nextSegment;
        private int position;
        private Map.Entry<K, V> last;

        @Override
        public boolean hasNext()
        {
            while (position >= batch.size())
            {
                if (nextSegment >= segments)
                {
                    return false;
                }
                batch.clear();
                position = 0;
                loadSegment(nextSegment++);
            }
            return true;
        }

        @Override
        public Map.Entry<K, V> next()
        {
            if (!hasNext())
            {
                throw new NoSuchElementException();
            }
            last = batch.get(position++);
            return last;
        }

        @Override
        public void remove()
        {
            if (last == null)
            {
                throw new IllegalStateException("next() first");
            }
            delete(last.getKey());
            last = null;
        }

        private void loadSegment(final int segment)
        {
            checkOpen();
            final Scratch scratch = enter();
            try
            {
                final int stripe = segment % STRIPES;
                lockStripe(stripe);
                try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(segment))
                {
                    context.forEachSegmentEntry(entry -> batch.add(new SimpleImmutableEntry<>(
                        decode(keyCodec, entry.key(), scratch), decode(valueCodec, entry.value(), scratch))));
                }
                finally
                {
                    locks.release(stripe);
                }
            }
            finally
            {
                scratch.busy = false;
            }
        }
    }

    /**
     * The keys or the values of an entry iterator; {@code remove} removes the entry.
     */
    private static final class Projection<E, T> implements Iterator<T>
    {
        private final Iterator<E> entries;
        private final Function<E, T> part;

        Projection(final Iterator<E> entries, final Function<E, T> part)
        {
            this.entries = entries;
            this.part = part;
        }

        @Override
        public boolean hasNext()
        {
            return entries.hasNext();
        }

        @Override
        public T next()
        {
            return part.apply(entries.next());
        }

        @Override
        public void remove()
        {
            entries.remove();
        }
    }
}
