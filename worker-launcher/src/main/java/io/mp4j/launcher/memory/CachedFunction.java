package io.mp4j.launcher.memory;

import io.mp4j.ipc.codec.Codec;
import io.mp4j.launcher.worker.LauncherClasses;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What {@link CachedTask} and {@link CachedBiTask} share: the function, its Memory, which arguments are left out of
 * the key, and the lookup, compute and store steps.
 *
 * <p>The key of a call is its function's {@linkplain FunctionCode#id() id} and {@linkplain FunctionCode#codeVersion()
 * code version} (the entry's directories) and the SHA-256 of the function's captured state and of the arguments not
 * ignored, in order (the entry's file name). Threading: thread-safe; the function's code is digested once per JVM, on
 * first use.
 */
final class CachedFunction implements Serializable
{
    @Serial
    private static final long serialVersionUID = 1L;
    static final Codec<Object> CODEC = LauncherClasses.codec();
    private static final ThreadLocal<ArgumentHasher> HASHERS = ThreadLocal.withInitial(ArgumentHasher::new);
    private static final int SHOWN_ARGUMENT_CHARS = 60;

    final Memory memory;
    final Serializable function;
    final int arity;
    private final HashSet<Integer> ignoredArguments;
    private final HashSet<String> ignoredComponents;
    private transient volatile FunctionCode code;
    private transient volatile CacheStore store;
    private transient volatile Path versionDirectory;
    private transient volatile boolean outdatedRemoved;

    CachedFunction(final Serializable function, final Memory memory, final int arity,
        final Set<Integer> ignoredArguments, final Set<String> ignoredComponents)
    {
        this.memory = memory;
        this.function = function;
        this.arity = arity;
        this.ignoredArguments = new HashSet<>(ignoredArguments);
        this.ignoredComponents = new HashSet<>(ignoredComponents);
        for (final int position : ignoredArguments)
        {
            if (position < 0 || position >= arity)
            {
                throw new IllegalArgumentException("no argument at position " + position + " of a function of " +
                    arity + " argument(s): position=" + position);
            }
        }
        code();
    }

    CachedFunction(final Memory memory, final Serializable function, final int arity)
    {
        this(function, memory, arity, Set.of(), Set.of());
    }

    CachedFunction ignoringArguments(final int... positions)
    {
        final Set<Integer> union = new HashSet<>(ignoredArguments);
        Arrays.stream(positions).forEach(union::add);
        return new CachedFunction(function, memory, arity, union, ignoredComponents);
    }

    CachedFunction ignoringComponents(final String... names)
    {
        final Set<String> union = new HashSet<>(ignoredComponents);
        union.addAll(List.of(names));
        return new CachedFunction(function, memory, arity, ignoredArguments, union);
    }

    private CacheStore store()
    {
        CacheStore store = this.store;
        if (store == null)
        {
            store = memory.store();
            this.store = store;
        }
        return store;
    }

    FunctionCode code()
    {
        FunctionCode code = this.code;
        if (code == null)
        {
            code = FunctionCode.of(function, memory.trackedPackages());
            this.code = code;
        }
        return code;
    }

    /**
     * Returns the stored result of the call, or computes, stores and returns it.
     *
     * @param arguments the call's arguments.
     * @param compute   calls the function.
     * @return the result.
     * @throws Exception what the function threw (nothing is stored then).
     */
    Object call(final Object[] arguments, final Callable<Object> compute) throws Exception
    {
        return call(entry(arguments), arguments, compute);
    }

    private Object call(final Path entry, final Object[] arguments, final Callable<Object> compute) throws Exception
    {
        final long startNs = System.nanoTime();
        final Object found = load(entry);
        if (found != EntryFile.MISSING && found != EntryFile.CORRUPT)
        {
            store().touch(entry);
            if (memory.verbose() >= 2)
            {
                log("[Memory] loaded " + describe(arguments) + " from cache in " +
                    (System.nanoTime() - startNs) / 1000 + " us");
            }
            return found;
        }
        if (found == EntryFile.CORRUPT)
        {
            store().remove(entry);
            if (memory.verbose() >= 1)
            {
                log("[Memory] " + describe(arguments) + ": damaged entry " + entry.getFileName() + " removed");
            }
        }
        if (memory.verbose() >= 1)
        {
            log("[Memory] Calling " + describe(arguments));
        }
        final long computeNs = System.nanoTime();
        final Object result = compute.call();
        final double seconds = (System.nanoTime() - computeNs) / 1e9;
        final long bytes = store(entry, result);
        if (memory.verbose() >= 1)
        {
            log(String.format("[Memory] %s - %.1fs, %.1fmin, stored %d B", code().name(), seconds, seconds / 60,
                bytes));
        }
        return result;
    }

    boolean isCached(final Object[] arguments)
    {
        return load(entry(arguments), buffer -> Boolean.TRUE) == Boolean.TRUE;
    }

    MemorizedResult<Object> shelve(final Object[] arguments, final Callable<Object> compute) throws Exception
    {
        final Path entry = entry(arguments);
        call(entry, arguments, compute);
        return new MemorizedResult<>(memory, memory.location().relativize(entry).toString(), describe(arguments));
    }

    long clear()
    {
        return store().removeTree(store().functionDirectory(code()));
    }

    private Path entry(final Object[] arguments)
    {
        final FunctionCode code = code();
        final ArgumentHasher hasher = HASHERS.get();
        hasher.reset();
        final List<Object> captured = code.captured();
        for (int i = 0; i < captured.size(); i++)
        {
            hasher.add("captured value " + i, captured.get(i));
        }
        for (int i = 0; i < arguments.length; i++)
        {
            if (!ignoredArguments.contains(i))
            {
                hasher.add("argument " + i, withoutIgnoredComponents(arguments[i]));
            }
        }
        checkIgnoredComponentsExist(arguments);
        Path versionDirectory = this.versionDirectory;
        if (versionDirectory == null)
        {
            versionDirectory = store().functionDirectory(code).resolve(code.codeVersion());
            this.versionDirectory = versionDirectory;
        }
        return versionDirectory.resolve(HexFormat.of().formatHex(hasher.digest()) + EntryFile.SUFFIX);
    }

    private Object load(final Path entry)
    {
        return load(entry, buffer -> CODEC.decode(buffer, 0, buffer.capacity()));
    }

    private static Object load(final Path entry, final Function<UnsafeBuffer, Object> decode)
    {
        try
        {
            return EntryFile.read(entry, decode);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read cache entry " + entry + ": " + ex, ex);
        }
    }

    private long store(final Path entry, final Object result)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length;
        try
        {
            length = CODEC.encode(result, buffer, 0);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("cannot store the result of " + code().name() + " in " + memory +
                ": " + ex.getMessage(), ex);
        }
        try
        {
            final CacheStore.Eviction eviction = store().put(entry, buffer.byteArray(), length,
                memory.bytesLimit());
            if (eviction != null && eviction.entries() > 0 && memory.verbose() >= 1)
            {
                log("[Memory] removed " + eviction.entries() + " least recently used entries (" + eviction.bytes() +
                    " B) to stay within " + memory.bytesLimit() + " B");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write cache entry " + entry + ": " + ex, ex);
        }
        removeOutdatedVersions();
        return EntryFile.HEADER_LENGTH + (long)length;
    }

    /**
     * Once per JVM: entries made by other versions of this function's code can never be read again; remove them.
     */
    private void removeOutdatedVersions()
    {
        if (outdatedRemoved)
        {
            return;
        }
        outdatedRemoved = true;
        final CacheStore store = store();
        final List<Path> outdated = new ArrayList<>();
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(store.functionDirectory(code())))
        {
            for (final Path version : versions)
            {
                if (Files.isDirectory(version) && !version.getFileName().toString().equals(code().codeVersion()))
                {
                    outdated.add(version);
                }
            }
        }
        catch (final NoSuchFileException ex)
        {
            return;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + store.functionDirectory(code()) + ": " + ex, ex);
        }
        for (final Path version : outdated)
        {
            final long removed = store.removeTree(version);
            if (memory.verbose() >= 1)
            {
                log("[Memory] " + code().name() + " changed (code " + version.getFileName() + " -> " +
                    code().codeVersion() + "): removed " + removed + " entries of the previous code");
            }
        }
    }

    private void checkIgnoredComponentsExist(final Object[] arguments)
    {
        if (ignoredComponents.isEmpty())
        {
            return;
        }
        final Set<String> seen = new HashSet<>();
        for (final Object argument : arguments)
        {
            if (argument instanceof Record record)
            {
                Arrays.stream(record.getClass().getRecordComponents()).forEach(c -> seen.add(c.getName()));
            }
        }
        if (!seen.containsAll(ignoredComponents))
        {
            final Set<String> missing = new TreeSet<>(ignoredComponents);
            missing.removeAll(seen);
            throw new IllegalArgumentException("ignored components " + missing + " are not components of any " +
                "record argument of " + code().name() + ": components=" + new TreeSet<>(seen));
        }
    }

    private Object withoutIgnoredComponents(final Object argument)
    {
        if (ignoredComponents.isEmpty() || !(argument instanceof Record record))
        {
            return argument;
        }
        final RecordComponent[] components = record.getClass().getRecordComponents();
        final List<Object> kept = new ArrayList<>();
        kept.add(record.getClass().getName());
        for (final RecordComponent component : components)
        {
            if (!ignoredComponents.contains(component.getName()))
            {
                kept.add(component.getName());
                kept.add(read(component, record));
            }
        }
        return kept;
    }

    private static Object read(final RecordComponent component, final Record record)
    {
        try
        {
            final Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            throw new UnhashableArgumentException("cannot read component " + component.getName() + " of " +
                record.getClass().getName() + ": " + ex, record.getClass().getName(), component.getName(), ex);
        }
    }

    private String describe(final Object[] arguments)
    {
        final StringBuilder text = new StringBuilder(code().name()).append('(');
        for (int i = 0; i < arguments.length; i++)
        {
            if (i > 0)
            {
                text.append(", ");
            }
            String shown = arguments[i] instanceof Object[] array ? Arrays.deepToString(array) : show(arguments[i]);
            if (shown.length() > SHOWN_ARGUMENT_CHARS)
            {
                shown = shown.substring(0, SHOWN_ARGUMENT_CHARS - 3) + "...";
            }
            text.append(shown);
        }
        return text.append(')').toString();
    }

    private static String show(final Object value)
    {
        if (value == null || !value.getClass().isArray())
        {
            return String.valueOf(value);
        }
        return Arrays.deepToString(new Object[] {value}).replaceAll("^\\[|]$", "");
    }

    private static void log(final String line)
    {
        final PrintStream err = System.err;
        err.println(line);
    }
}
