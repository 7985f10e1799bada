package io.mp4j.ipc.codec;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes a codec from {@link Codecs} may create when it decodes: records and enums on the built-in path, and
 * every class in a Java serialization stream. Anything not on the list is refused, at decode and already at encode
 * (so a put fails in the producer with the same message the consumer would give). Immutable: {@link #allow} returns a
 * new list.
 *
 * <p>Patterns:
 * <ul>
 *     <li>{@code "com.example.Trade"}: that class (a nested class is {@code "com.example.Outer$Trade"});</li>
 *     <li>{@code "com.example.*"}: the classes of that package, not of its subpackages;</li>
 *     <li>{@code "com.example."} or {@code "com.example.**"}: that package and its subpackages.</li>
 * </ul>
 * Arrays are allowed when their element class is; arrays of primitives always are.
 *
 * <p>{@link #defaults()} holds value classes of the JDK: {@code java.lang.*} (boxed types, String, exceptions; not
 * {@code java.lang.invoke}), {@code java.util.*}, {@code java.util.concurrent.*},
 * {@code java.util.concurrent.atomic.*}, {@code java.util.concurrent.locks.*} (a serialized
 * {@code ConcurrentHashMap} holds locks), {@code java.math.*} and {@code java.time.**}; and mp4j's
 * {@link io.mp4j.ipc.SharedReference} (with {@link io.mp4j.ipc.SharedHandle} and its kind), the form in which a
 * shared object travels, and the shared value, array and counters classes it re-attaches as (they are not
 * serializable, so no stream can make one except through that reference).
 *
 * <p>Threading: immutable, thread-safe.
 */
public final class AllowList implements ObjectInputFilter
{
    private static final List<String> JDK_VALUE_CLASSES = List.of(
        "java.lang.*",
        "java.util.*",
        "java.util.concurrent.*",
        "java.util.concurrent.atomic.*",
        "java.util.concurrent.locks.*",
        "java.math.*",
        "java.time.**",
        "io.mp4j.ipc.SharedReference",
        "io.mp4j.ipc.SharedHandle",
        "io.mp4j.ipc.region.RegionKind",
        "io.mp4j.ipc.values.*",
        "io.mp4j.ipc.counters.Counters");

    private static final AllowList EMPTY = new AllowList(List.of());
    private static final AllowList DEFAULTS = EMPTY.allow(JDK_VALUE_CLASSES.toArray(new String[0]));

    private final List<String> patterns;
    private final Set<String> classes = new HashSet<>();
    private final Set<String> packages = new HashSet<>();
    private final List<String> prefixes = new ArrayList<>();

    private AllowList(final List<String> patterns)
    {
        this.patterns = List.copyOf(patterns);
        for (final String pattern : this.patterns)
        {
            if (pattern.endsWith(".**"))
            {
                prefixes.add(pattern.substring(0, pattern.length() - 2));
            }
            else if (pattern.endsWith(".*"))
            {
                packages.add(pattern.substring(0, pattern.length() - 2));
            }
            else if (pattern.endsWith("."))
            {
                prefixes.add(pattern);
            }
            else
            {
                classes.add(pattern);
            }
        }
    }

    /**
     * @return the JDK's value classes (see the class comment).
     */
    public static AllowList defaults()
    {
        return DEFAULTS;
    }

    /**
     * @return no class at all: only primitives and arrays of them pass.
     */
    public static AllowList empty()
    {
        return EMPTY;
    }

    /**
     * @param patterns classes or packages to allow as well (see the class comment).
     * @return a new list with these patterns added.
     * @throws IllegalArgumentException if a pattern is not a class name or package pattern, naming it.
     */
    public AllowList allow(final String... patterns)
    {
        final List<String> all = new ArrayList<>(this.patterns);
        for (final String pattern : patterns)
        {
            all.add(validate(pattern));
        }
        return new AllowList(all);
    }

    /**
     * @param types classes to allow as well.
     * @return a new list with these classes added.
     */
    public AllowList allow(final Class<?>... types)
    {
        final String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++)
        {
            Class<?> element = types[i];
            while (element.isArray())
            {
                element = element.getComponentType();
            }
            names[i] = element.getName();
        }
        return allow(names);
    }

    /**
     * @return the patterns, in the order they were added.
     */
    public List<String> patterns()
    {
        return Collections.unmodifiableList(patterns);
    }

    /**
     * @param className a binary class name, as {@link Class#getName()} gives it.
     * @return whether a pattern matches it.
     */
    public boolean allows(final String className)
    {
        if (classes.contains(className))
        {
            return true;
        }
        final int dot = className.lastIndexOf('.');
        if (dot > 0 && packages.contains(className.substring(0, dot)))
        {
            return true;
        }
        for (final String prefix : prefixes)
        {
            if (className.startsWith(prefix))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Allows a class on the list, an array of such classes or of primitives; refuses any other class; leaves the
     * checks without a class (depth, references, stream size) to the codec's own limits.
     *
     * @param info what the stream is about to create.
     * @return ALLOWED, REJECTED, or UNDECIDED when there is no class to check.
     */
    @Override
    public Status checkInput(final FilterInfo info)
    {
        final Class<?> type = info.serialClass();
        if (type == null)
        {
            return Status.UNDECIDED;
        }
        Class<?> element = type;
        while (element.isArray())
        {
            element = element.getComponentType();
        }
        if (element.isPrimitive())
        {
            return Status.ALLOWED;
        }
        return allows(element.getName()) ? Status.ALLOWED : Status.REJECTED;
    }

    /**
     * @return the patterns, e.g. {@code AllowList[java.lang.*, com.example.]}.
     */
    @Override
    public String toString()
    {
        return "AllowList" + patterns;
    }

    private static String validate(final String pattern)
    {
        if (pattern == null)
        {
            throw new IllegalArgumentException("allow-list pattern is null");
        }
        final String name;
        if (pattern.endsWith(".**"))
        {
            name = pattern.substring(0, pattern.length() - 3);
        }
        else if (pattern.endsWith(".*"))
        {
            name = pattern.substring(0, pattern.length() - 2);
        }
        else if (pattern.endsWith("."))
        {
            name = pattern.substring(0, pattern.length() - 1);
        }
        else
        {
            name = pattern;
        }
        if (!isDottedName(name))
        {
            throw new IllegalArgumentException("not a class or package pattern: pattern=\"" + pattern + "\" (use " +
                "\"com.example.Trade\" for a class, \"com.example.*\" for one package, \"com.example.\" or " +
                "\"com.example.**\" for a package and its subpackages)");
        }
        return pattern;
    }

    private static boolean isDottedName(final String name)
    {
        if (name.isEmpty())
        {
            return false;
        }
        for (final String part : name.split("\\.", -1))
        {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0)))
            {
                return false;
            }
            for (int i = 1; i < part.length(); i++)
            {
                if (!Character.isJavaIdentifierPart(part.charAt(i)))
                {
                    return false;
                }
            }
        }
        return true;
    }
}
