package io.mp4j.ipc.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JVM flags every mp4j JVM needs (Agrona's and Chronicle's module exports and opens, Chronicle's analytics,
 * announcer and disk monitor switched off), per JDK version. The list is written by the build from the root pom's
 * {@code mp4j.jvm.flags} properties, the same ones Surefire and the {@code mp4j} script use, so that there is one
 * source.
 *
 * <p>Named sets hold the flags of an optional engine that only some JVMs need, on top of the common ones: the set
 * {@value #IGNITE} ({@code mp4j.jvm.flags.ignite}) for the JVMs of an Apache Ignite cluster (module cluster-ignite).
 * {@link JavaCommand#flagSets} adds them to a command line.
 *
 * <p>Threading: immutable after class initialisation; any thread.
 */
public final class JvmFlags
{
    /** First JDK feature release that accepts (and wants) the extra flags. JDK 17 refuses to start with them. */
    public static final int EXTRA_FLAGS_SINCE_FEATURE = 23;

    /** The set of flags an Apache Ignite 2.x node needs: module exports and opens, Ignite's system properties. */
    public static final String IGNITE = "ignite";

    private static final String RESOURCE = "jvm-flags.properties";
    private static final String SET_PREFIX = "set.";
    private static final List<String> COMMON;
    private static final List<String> SINCE_23;
    private static final Map<String, List<String>> SETS;

    static
    {
        final Properties properties = new Properties();
        try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException("resource missing: " + RESOURCE);
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        COMMON = split(properties.getProperty("flags"));
        SINCE_23 = split(properties.getProperty("flags.jdk23"));
        final Map<String, List<String>> sets = new TreeMap<>();
        for (final String key : properties.stringPropertyNames())
        {
            if (key.startsWith(SET_PREFIX))
            {
                sets.put(key.substring(SET_PREFIX.length()), split(properties.getProperty(key)));
            }
        }
        SETS = Map.copyOf(sets);
    }

    private JvmFlags()
    {
    }

    /**
     * @param feature the JDK feature release of the JVM to start, e.g. 17 or 25.
     * @return the flags that JVM needs, in order.
     */
    public static List<String> forFeature(final int feature)
    {
        final List<String> flags = new ArrayList<>(COMMON);
        if (feature >= EXTRA_FLAGS_SINCE_FEATURE)
        {
            flags.addAll(SINCE_23);
        }
        return List.copyOf(flags);
    }

    /**
     * @return the flags a JVM of this JVM's version needs.
     */
    public static List<String> forCurrentJvm()
    {
        return forFeature(Runtime.version().feature());
    }

    /**
     * @param name a set's name, e.g. {@value #IGNITE}.
     * @return its flags, in order; the same for every JDK from 17 on.
     * @throws IllegalArgumentException if there is no such set.
     */
    public static List<String> set(final String name)
    {
        final List<String> flags = SETS.get(name);
        if (flags == null)
        {
            throw new IllegalArgumentException("no JVM flag set named '" + name + "': known sets " + SETS.keySet());
        }
        return flags;
    }

    /**
     * @return the names of the sets, sorted.
     */
    public static Set<String> setNames()
    {
        return new TreeSet<>(SETS.keySet());
    }

    private static List<String> split(final String value)
    {
        if (value == null || value.isBlank() || value.contains("${"))
        {
            throw new IllegalStateException("JVM flags resource not filtered by the build: " + value);
        }
        return List.copyOf(Arrays.asList(value.trim().split("\\s+")));
    }
}
