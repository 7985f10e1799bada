package io.mp4j.launcher.memory;

import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.Task;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a cached function is, a digest of its code and the state that is part of it: the key of {@code Memory}'s
 * results, together with the arguments ({@link ArgumentHasher}).
 *
 * <p>The function is a serializable lambda or method reference (its implementation method, found through the
 * {@link java.lang.invoke.SerializedLambda} its {@code writeReplace} gives), or a class implementing {@link Task},
 * {@link BiTask} or {@link Job} (its {@code call} methods). The code digest covers that method and every
 * application method it reaches, read from class files without loading any class; {@code docs/MEMORY.md} says
 * exactly what is hashed and what is not followed (overriding methods reached through a supertype, reflection,
 * libraries, the JDK, native code).
 *
 * <p>Threading: immutable, thread-safe; {@link #of} may be called from any thread. Digests are cached per function
 * class (a lambda's class is per call site and class loader), so two class loaders holding different versions of a
 * class never share one; the second {@code of} for a function of the same class costs microseconds.
 *
 * <p>Ordering: a digest computed by one thread reaches others through a {@code ConcurrentHashMap} (its put and get
 * order the digest's bytes); two threads computing the same one at once store the first, and both are equal.
 */
public final class FunctionCode
{
    private static final int ID_HASH_BYTES = 8;
    private static final int ID_MAX_LENGTH = 120;
    private static final ClassValue<FunctionShape> SHAPES = new ClassValue<>()
    {
        @Override
        protected FunctionShape computeValue(final Class<?> type)
        {
            return FunctionShape.of(type);
        }
    };

    private final String id;
    private final String name;
    private final byte[] codeDigest;
    private final List<Object> captured;

    private FunctionCode(final String id, final String name, final byte[] codeDigest, final List<Object> captured)
    {
        this.id = id;
        this.name = name;
        this.codeDigest = codeDigest;
        this.captured = captured;
    }

    /**
     * The function's code with the default scope: application classes are those from the function's class-path
     * entry.
     *
     * <p>Threading: any thread.
     *
     * @param function a serializable lambda or method reference, or a {@link Task}, {@link BiTask} or {@link Job}.
     * @return its identity, code digest and captured state.
     * @throws IllegalArgumentException when it is not one of those, is a class with instance fields that is not a
     *                                  record, or its class file cannot be read.
     */
    public static FunctionCode of(final Object function)
    {
        return of(function, List.of());
    }

    /**
     * The function's code, following also classes whose names start with one of the given prefixes (from any
     * class-path entry, such as your own libraries' jars).
     *
     * <p>Threading: any thread.
     *
     * @param function             a serializable lambda or method reference, or a {@link Task}, {@link BiTask} or
     *                             {@link Job}.
     * @param extraPackagePrefixes class-name prefixes such as {@code "com.example.lib."} (with the final dot, or
     *                             {@code com.example.library} would match too); JDK and mp4j classes are never
     *                             followed.
     * @return its identity, code digest and captured state.
     * @throws IllegalArgumentException when it is not one of those, is a class with instance fields that is not a
     *                                  record, its class file cannot be read, or a prefix is null or empty.
     */
    public static FunctionCode of(final Object function, final List<String> extraPackagePrefixes)
    {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(extraPackagePrefixes, "extraPackagePrefixes");
        for (int i = 0; i < extraPackagePrefixes.size(); i++)
        {
            final String prefix = extraPackagePrefixes.get(i);
            if (prefix == null || prefix.isEmpty())
            {
                throw new IllegalArgumentException(
                    "extraPackagePrefixes[" + i + "]=" + (prefix == null ? "null" : "''"));
            }
        }
        return SHAPES.get(function.getClass()).codeOf(function, extraPackagePrefixes);
    }

    /**
     * Identifies the function, not its code version: equal across JVMs, runs and edits of the code, as long as the
     * implementation method keeps its class, name and descriptor (a lambda's synthetic name {@code lambda$m$N}
     * changes when a lambda is added before it in its class). Safe as a directory name: only
     * {@code [A-Za-z0-9._-]}, at most 120 characters.
     *
     * <p>Form: {@code <class>.<method>-<hash>}, such as {@code example.Fn.f-1a2b3c4d5e6f7a8b}: the binary class
     * name and the method name ({@code call} for a class implementing the task) with every other character replaced
     * by {@code _} and only the last 103 characters kept, a dash, then 16 hex digits of the SHA-256 of
     * {@code "method " + owner + "." + name + descriptor} (internal names) for a lambda or method reference, or of
     * {@code "class " + owner} for a class, so two functions never share an id through the replaced characters.
     *
     * @return the function's id.
     */
    public String id()
    {
        return id;
    }

    /**
     * @return a short human name: simple class name and method, such as {@code Cube.cube},
     *         {@code Demo.lambda$main$0} or {@code Square.call}.
     */
    public String name()
    {
        return name;
    }

    /**
     * The SHA-256 of the normalized bytecode of the implementation method and of every application method it
     * reaches ({@code docs/MEMORY.md}); line numbers, local variable names, frames and the source file change
     * nothing.
     *
     * @return a new copy of the 32-byte digest.
     */
    public byte[] codeDigest()
    {
        return codeDigest.clone();
    }

    /**
     * @return the first 16 bytes of {@link #codeDigest()} as 32 lower-case hex digits, for directory names.
     */
    public String codeVersion()
    {
        return HexFormat.of().formatHex(codeDigest, 0, 16);
    }

    /**
     * State that is part of the function: a lambda's or bound method reference's captured values, in order
     * ({@link java.lang.invoke.SerializedLambda#getCapturedArg}); for a record implementing the task, the record
     * itself; empty otherwise. They are not hashed here: hash them with the arguments.
     *
     * @return an unmodifiable list, which may hold nulls.
     */
    public List<Object> captured()
    {
        return captured;
    }

    @Override
    public String toString()
    {
        return "FunctionCode{" + name + ", id=" + id + ", codeVersion=" + codeVersion() + ", captured="
            + captured.size() + '}';
    }

    static FunctionCode digested(
        final String readableName, final String identity, final String name, final byte[] codeDigest)
    {
        return new FunctionCode(idOf(readableName, identity), name, codeDigest, List.of());
    }

    FunctionCode withCaptured(final List<Object> state)
    {
        return new FunctionCode(id, name, codeDigest, state);
    }

    static String idOf(final String readableName, final String identity)
    {
        final byte[] hash = DigestSink.sha256().digest(identity.getBytes(StandardCharsets.UTF_8));
        final String suffix = '-' + HexFormat.of().formatHex(hash, 0, ID_HASH_BYTES);
        final int keep = ID_MAX_LENGTH - suffix.length();
        final String tail = readableName.length() > keep ?
            readableName.substring(readableName.length() - keep) : readableName;
        final StringBuilder id = new StringBuilder(ID_MAX_LENGTH);
        for (int i = 0; i < tail.length(); i++)
        {
            final char c = tail.charAt(i);
            final boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || (c == '.' && i > 0) || c == '_' || (c == '-' && i > 0);
            id.append(safe ? c : '_');
        }
        return id.append(suffix).toString();
    }
}
