package io.mp4j.ipc;

import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.layout.CountersDescriptor;
import io.mp4j.ipc.layout.RegionHeaderDescriptor;
import io.mp4j.ipc.layout.ValueDescriptor;
import io.mp4j.ipc.region.Names;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionHeader;
import io.mp4j.ipc.region.RegionInfo;
import io.mp4j.ipc.region.RegionKind;
import io.mp4j.ipc.region.SpaceRoot;
import io.mp4j.ipc.sync.SharedBarrier;
import io.mp4j.ipc.sync.SharedCondition;
import io.mp4j.ipc.sync.SharedEvent;
import io.mp4j.ipc.sync.SharedLock;
import io.mp4j.ipc.sync.SharedSemaphore;
import io.mp4j.ipc.sync.SyncRegions;
import io.mp4j.ipc.values.SharedBoolean;
import io.mp4j.ipc.values.SharedByteArray;
import io.mp4j.ipc.values.SharedDouble;
import io.mp4j.ipc.values.SharedDoubleArray;
import io.mp4j.ipc.values.SharedInt;
import io.mp4j.ipc.values.SharedIntArray;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.ipc.values.SharedLongArray;
import org.agrona.concurrent.AtomicBuffer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A directory of named shared objects that any JVM of the same user can create or attach by name: the entry point
 * of mp4j's shared memory. {@link #open(String)} puts a space under {@link SpaceRoot#resolve()}
 * ({@code /dev/shm/mp4j-<user>/<name>}); {@link #at(Path)} anywhere else.
 *
 * <p>Every {@code sharedX(name, ...)} method creates the object if no region has that name, else attaches to it
 * (race-free: when several JVMs call it at once, exactly one creates and initialises it, the others wait for it
 * to be ready, up to {@link #attachTimeout()}). Initial values apply only to the creator. The caller closes what
 * it gets; closing unmaps, {@code unlink} or {@link #remove(String)} deletes.
 *
 * <p>Immutable and thread-safe.
 */
public final class Space
{
    /** Name of the registry {@link #counters()} opens. */
    public static final String DEFAULT_COUNTERS_NAME = "counters";

    /** Counter records in the registry {@link #counters()} opens. */
    public static final int DEFAULT_MAX_COUNTERS = 1024;

    /** How long attaching waits for a creator's ready word by default. */
    public static final Duration DEFAULT_ATTACH_TIMEOUT = Duration.ofSeconds(10);

    private static final Consumer<AtomicBuffer> ZEROED = body -> { };
    /** Suffix of a shared map's Chronicle file: '~' is in no region name, so it never collides with one. */
    private static final String CHRONICLE_MAP_SUFFIX = "~map";
    /** Suffix of a durable queue's directory. */
    private static final String DURABLE_QUEUE_SUFFIX = "~queue";

    private final Path directory;
    private final long attachTimeoutMs;

    private Space(final Path directory, final long attachTimeoutMs)
    {
        this.directory = directory;
        this.attachTimeoutMs = attachTimeoutMs;
    }

    /**
     * @param name the space's name: letters, digits, '.', '_' and '-'.
     * @return the space of that name under {@link SpaceRoot#resolve()}; its directory is made on first create.
     */
    public static Space open(final String name)
    {
        return new Space(SpaceRoot.resolve().resolve(Names.validate("space", name)),
            DEFAULT_ATTACH_TIMEOUT.toMillis());
    }

    /**
     * @param directory any directory; made (mode 0700) on first create.
     * @return the space in that directory.
     */
    public static Space at(final Path directory)
    {
        return new Space(directory.toAbsolutePath().normalize(), DEFAULT_ATTACH_TIMEOUT.toMillis());
    }

    /**
     * @param timeout how long attaching waits for a creator still initialising a region.
     * @return a space of the same directory with that timeout.
     */
    public Space withAttachTimeout(final Duration timeout)
    {
        if (timeout.isNegative())
        {
            throw new IllegalArgumentException("attach timeout is negative: timeout=" + timeout);
        }
        return new Space(directory, timeout.toMillis());
    }

    /** @return the space's directory. */
    public Path directory()
    {
        return directory;
    }

    /** @return the space's name: its directory's name. */
    public String name()
    {
        return directory.getFileName().toString();
    }

    /** @return how long attaching waits for a creator still initialising a region. */
    public Duration attachTimeout()
    {
        return Duration.ofMillis(attachTimeoutMs);
    }

    /**
     * @param name the value's name.
     * @return the shared long of that name, created with 0 if missing.
     */
    public SharedLong sharedLong(final String name)
    {
        return sharedLong(name, 0);
    }

    /**
     * @param name    the value's name.
     * @param initial its value if this call creates it.
     * @return the shared long of that name.
     */
    public SharedLong sharedLong(final String name, final long initial)
    {
        return new SharedLong(value(name, RegionKind.LONG_VALUE, body -> body.putLong(0, initial)));
    }

    /**
     * @param name the value's name.
     * @return the shared int of that name, created with 0 if missing.
     */
    public SharedInt sharedInt(final String name)
    {
        return sharedInt(name, 0);
    }

    /**
     * @param name    the value's name.
     * @param initial its value if this call creates it.
     * @return the shared int of that name.
     */
    public SharedInt sharedInt(final String name, final int initial)
    {
        return new SharedInt(value(name, RegionKind.INT_VALUE, body -> body.putInt(0, initial)));
    }

    /**
     * @param name the value's name.
     * @return the shared double of that name, created with 0.0 if missing.
     */
    public SharedDouble sharedDouble(final String name)
    {
        return sharedDouble(name, 0.0);
    }

    /**
     * @param name    the value's name.
     * @param initial its value if this call creates it.
     * @return the shared double of that name.
     */
    public SharedDouble sharedDouble(final String name, final double initial)
    {
        return new SharedDouble(value(name, RegionKind.DOUBLE_VALUE,
            body -> body.putLong(0, Double.doubleToRawLongBits(initial))));
    }

    /**
     * @param name the value's name.
     * @return the shared boolean of that name, created false if missing.
     */
    public SharedBoolean sharedBoolean(final String name)
    {
        return sharedBoolean(name, false);
    }

    /**
     * @param name    the value's name.
     * @param initial its value if this call creates it.
     * @return the shared boolean of that name.
     */
    public SharedBoolean sharedBoolean(final String name, final boolean initial)
    {
        return new SharedBoolean(value(name, RegionKind.BOOLEAN_VALUE, body -> body.putInt(0, initial ? 1 : 0)));
    }

    /**
     * @param name   the array's name.
     * @param length its number of elements; an existing array of another length is refused.
     * @return the shared long array of that name, created zeroed if missing.
     */
    public SharedLongArray sharedLongArray(final String name, final int length)
    {
        return new SharedLongArray(array(name, RegionKind.LONG_ARRAY, length, Long.BYTES));
    }

    /**
     * @param name   the array's name.
     * @param length its number of elements; an existing array of another length is refused.
     * @return the shared int array of that name, created zeroed if missing.
     */
    public SharedIntArray sharedIntArray(final String name, final int length)
    {
        return new SharedIntArray(array(name, RegionKind.INT_ARRAY, length, Integer.BYTES));
    }

    /**
     * @param name   the array's name.
     * @param length its number of elements; an existing array of another length is refused.
     * @return the shared double array of that name, created zeroed if missing.
     */
    public SharedDoubleArray sharedDoubleArray(final String name, final int length)
    {
        return new SharedDoubleArray(array(name, RegionKind.DOUBLE_ARRAY, length, Double.BYTES));
    }

    /**
     * @param name   the array's name.
     * @param length its number of bytes; an existing array of another length is refused.
     * @return the shared byte array of that name, created zeroed if missing.
     */
    public SharedByteArray sharedByteArray(final String name, final int length)
    {
        return new SharedByteArray(array(name, RegionKind.BYTE_ARRAY, length, Byte.BYTES));
    }

    /**
     * @param name the lock's name.
     * @return the lock of that name (Python's {@code Lock}), created free if missing.
     */
    public SharedLock lock(final String name)
    {
        return SyncRegions.lock(directory, name, false, attachTimeoutMs);
    }

    /**
     * @param name the lock's name.
     * @return the reentrant lock of that name (Python's {@code RLock}), created free if missing.
     */
    public SharedLock rlock(final String name)
    {
        return SyncRegions.lock(directory, name, true, attachTimeoutMs);
    }

    /**
     * @param name    the semaphore's name.
     * @param permits its permits when created.
     * @return the semaphore of that name (Python's {@code Semaphore}).
     */
    public SharedSemaphore semaphore(final String name, final long permits)
    {
        return SyncRegions.semaphore(directory, name, permits, false, attachTimeoutMs);
    }

    /**
     * @param name    the semaphore's name.
     * @param permits its permits when created, which are also its bound.
     * @return the bounded semaphore of that name (Python's {@code BoundedSemaphore}).
     */
    public SharedSemaphore boundedSemaphore(final String name, final long permits)
    {
        return SyncRegions.semaphore(directory, name, permits, true, attachTimeoutMs);
    }

    /**
     * @param name the event's name.
     * @return the event of that name (Python's {@code Event}), created lowered.
     */
    public SharedEvent event(final String name)
    {
        return SyncRegions.event(directory, name, attachTimeoutMs);
    }

    /**
     * @param name the condition's name.
     * @param lock the lock it goes with (every JVM must pair it with the same lock).
     * @return the condition of that name (Python's {@code Condition(lock)}).
     */
    public SharedCondition condition(final String name, final SharedLock lock)
    {
        return SyncRegions.condition(directory, name, lock, attachTimeoutMs);
    }

    /**
     * @param name    the barrier's name.
     * @param parties how many parties it waits for.
     * @return the barrier of that name (Python's {@code Barrier}).
     */
    public SharedBarrier barrier(final String name, final int parties)
    {
        return SyncRegions.barrier(directory, name, parties, attachTimeoutMs);
    }

    /**
     * @return the space's default counters registry, {@value #DEFAULT_COUNTERS_NAME}, created if missing.
     */
    public Counters counters()
    {
        return counters(DEFAULT_COUNTERS_NAME, DEFAULT_MAX_COUNTERS);
    }

    /**
     * @param name        the registry's name.
     * @param maxCounters how many counters it holds; an existing registry of another size is refused.
     * @return the counters registry of that name, created empty if missing.
     */
    public Counters counters(final String name, final int maxCounters)
    {
        if (maxCounters <= 0 || maxCounters > (RegionFiles.MAX_TOTAL_LENGTH / CountersDescriptor.bodyLength(1)) - 1)
        {
            throw new IllegalArgumentException("maxCounters out of range: maxCounters=" + maxCounters);
        }
        return new Counters(RegionFiles.createOrAttach(directory, name, RegionKind.COUNTERS,
            RegionHeaderDescriptor.HEADER_LENGTH + (long)CountersDescriptor.bodyLength(maxCounters), ZEROED,
            attachTimeoutMs));
    }

    /**
     * Attaches to an existing object of any shape.
     *
     * @param name the region's name.
     * @param type the object's class, matching the region's kind, e.g. {@code SharedLongArray.class}.
     * @param <T>  the object's type.
     * @return the attached object.
     * @throws Mp4jException         if there is no such region.
     * @throws RegionFormatException if the file is not a valid region, or its kind is not of that type (field
     *                               {@code kind}).
     */
    public <T extends SharedObject> T attach(final String name, final Class<T> type)
    {
        final Region region = RegionFiles.attach(directory, name, null, attachTimeoutMs);
        final SharedObject object;
        try
        {
            object = wrap(region);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
        if (!type.isInstance(object))
        {
            region.close();
            throw new RegionFormatException(region.file(), "kind", "holds a " + region.kind() + ", not a " +
                type.getSimpleName());
        }
        return type.cast(object);
    }

    /**
     * @param handle a handle from any JVM.
     * @param type   the object's class.
     * @param <T>    the object's type.
     * @return the object, attached in this JVM.
     */
    public static <T extends SharedObject> T attach(final SharedHandle handle, final Class<T> type)
    {
        return handle.attach(type);
    }

    /**
     * Lists the space's regions. Files that are not sound regions are listed with their problem. A shared map's
     * Chronicle file ({@code <name>~map}) is listed as kind CHRONICLE_MAP and a durable queue's directory
     * ({@code <name>~queue}) as DURABLE_QUEUE, with the bytes of its files, no creator and no problem.
     *
     * @return the regions, by name; empty if the space does not exist.
     */
    public List<RegionInfo> list()
    {
        final List<RegionInfo> infos = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return infos;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory))
        {
            for (final Path file : files)
            {
                infos.add(info(file));
            }
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot list space " + directory, ex);
        }
        infos.removeIf(Objects::isNull);
        infos.sort(Comparator.comparing(RegionInfo::name));
        return infos;
    }

    private static RegionInfo info(final Path file)
    {
        final String name = file.getFileName().toString();
        long length = -1;
        try
        {
            if (name.endsWith(CHRONICLE_MAP_SUFFIX) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
            {
                return new RegionInfo(name, file, RegionKind.CHRONICLE_MAP, Files.size(file), null, false, true, null);
            }
            if (name.endsWith(DURABLE_QUEUE_SUFFIX) && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))
            {
                return new RegionInfo(name, file, RegionKind.DURABLE_QUEUE, treeSize(file), null, false, true, null);
            }
            length = Files.size(file);
            final RegionHeader header = RegionFiles.readHeader(file);
            String problem = null;
            try
            {
                header.validate(file, null);
            }
            catch (final RegionFormatException ex)
            {
                problem = ex.getMessage();
            }
            final boolean alive = header.creator().isAlive();
            return new RegionInfo(name, file, header.kind(), length, header.creator(), alive, header.isReady(),
                problem);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final IOException | Mp4jException ex)
        {
            return new RegionInfo(name, file, null, length, null, false, false, ex.getMessage());
        }
    }

    /**
     * Deletes a region's file, with the Chronicle files of a shared map, list or namespace of that name
     * ({@code <name>~map}) or of a durable queue ({@code <name>~queue}, its whole directory). Processes that have them
     * mapped keep their mappings; the name is free at once.
     *
     * @param name the region's name.
     * @return true if a file was deleted.
     * @throws RegionFormatException if a directory stands where the region file should be.
     */
    public boolean remove(final String name)
    {
        final Path file = RegionFiles.regionFile(directory, name);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))
        {
            throw new RegionFormatException(file, "type", "a directory where a region file was expected; not removed");
        }
        try
        {
            boolean deleted = Files.deleteIfExists(file);
            deleted |= Files.deleteIfExists(directory.resolve(name + CHRONICLE_MAP_SUFFIX));
            final Path queue = directory.resolve(name + DURABLE_QUEUE_SUFFIX);
            if (Files.isDirectory(queue, LinkOption.NOFOLLOW_LINKS))
            {
                deleteTree(queue);
                deleted = true;
            }
            return deleted;
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot remove region " + file + ": " + ex, ex);
        }
    }

    private static void deleteTree(final Path root) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }

    private static long treeSize(final Path root) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            long total = 0;
            for (final Path path : paths.filter(Files::isRegularFile).toList())
            {
                total += Files.size(path);
            }
            return total;
        }
    }

    /**
     * Deletes every region file of the space (and the Chronicle files of maps and durable queues) and then its
     * directory, and the root of spaces too if this was the
     * last space in it. Processes that have regions mapped keep their mappings.
     */
    public void destroy()
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory))
        {
            for (final Path file : files)
            {
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))
                {
                    deleteTree(file); // a durable queue's directory
                }
                else
                {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot destroy space " + directory + ": " + ex, ex);
        }
        final Path root = SpaceRoot.resolve();
        if (root.equals(directory.getParent()))
        {
            try
            {
                Files.deleteIfExists(root); // only if no other space is left in it
            }
            catch (final IOException ignore)
            {
                // Not empty, or another process is creating a space in it: the root stays.
            }
        }
    }

    private Region value(final String name, final RegionKind kind, final Consumer<AtomicBuffer> initialiser)
    {
        return RegionFiles.createOrAttach(directory, name, kind, ValueDescriptor.valueTotalLength(), initialiser,
            attachTimeoutMs);
    }

    private Region array(final String name, final RegionKind kind, final int length, final int elementBytes)
    {
        return RegionFiles.createOrAttach(directory, name, kind,
            ValueDescriptor.arrayTotalLength(length, elementBytes), ZEROED, attachTimeoutMs);
    }

    private static SharedObject wrap(final Region region)
    {
        // Queues and pipes take options at attach: their classes open them.
        final Function<Region, SharedObject> constructor = switch (region.kind())
        {
            case LONG_VALUE -> SharedLong::new;
            case INT_VALUE -> SharedInt::new;
            case DOUBLE_VALUE -> SharedDouble::new;
            case BOOLEAN_VALUE -> SharedBoolean::new;
            case LONG_ARRAY -> SharedLongArray::new;
            case INT_ARRAY -> SharedIntArray::new;
            case DOUBLE_ARRAY -> SharedDoubleArray::new;
            case BYTE_ARRAY -> SharedByteArray::new;
            case COUNTERS -> Counters::new;
            case LOCK, RLOCK -> SharedLock::new;
            case SEMAPHORE -> SharedSemaphore::new;
            case EVENT -> SharedEvent::new;
            case BARRIER -> SharedBarrier::new;
            default -> throw new Mp4jException("region " + region.file() + " holds a " + region.kind() +
                ", which opens through its own class, not Space.attach");
        };
        return constructor.apply(region);
    }

    @Override
    public String toString()
    {
        return "Space{" + directory + "}";
    }
}
