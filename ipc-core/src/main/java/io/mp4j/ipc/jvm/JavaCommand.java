package io.mp4j.ipc.jvm;

import io.mp4j.ipc.region.SpaceRoot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds the command line of a JVM that mp4j starts (a worker, a test child, a benchmark peer): the same java
 * binary and class path as this JVM by default, the flags of {@link JvmFlags} and of the named sets asked for, then
 * heap, options, system properties, the main class and its arguments. This JVM's {@value SpaceRoot#PROPERTY}
 * property is passed on, so the child finds the same spaces. It only builds the list; it starts nothing.
 *
 * <p>Not thread-safe: build on one thread.
 */
public final class JavaCommand
{
    private final String mainClass;
    private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
    private int javaFeature = Runtime.version().feature();
    private String classPath = System.getProperty("java.class.path");
    private String maxHeap;
    private final List<String> flagSets = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> systemProperties = new TreeMap<>();
    private final List<String> arguments = new ArrayList<>();

    private JavaCommand(final String mainClass)
    {
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
    }

    /**
     * @param mainClass the class whose {@code main} the JVM runs.
     * @return a builder with this JVM's java binary and class path.
     */
    public static JavaCommand forMainClass(final String mainClass)
    {
        return new JavaCommand(mainClass);
    }

    /**
     * @param mainClass the class whose {@code main} the JVM runs.
     * @return a builder with this JVM's java binary and class path.
     */
    public static JavaCommand forMainClass(final Class<?> mainClass)
    {
        return new JavaCommand(mainClass.getName());
    }

    /**
     * @param executable the java binary.
     * @param feature    its JDK feature release, which decides the flags.
     * @return this.
     */
    public JavaCommand javaExecutable(final Path executable, final int feature)
    {
        this.javaExecutable = executable;
        this.javaFeature = feature;
        return this;
    }

    /**
     * @param classPath the class path, as for {@code -cp}.
     * @return this.
     */
    public JavaCommand classPath(final String classPath)
    {
        this.classPath = classPath;
        return this;
    }

    /**
     * Adds named sets of {@link JvmFlags} (e.g. {@value JvmFlags#IGNITE}) after the common flags.
     *
     * @param names the sets' names.
     * @return this.
     * @throws IllegalArgumentException if a set does not exist.
     */
    public JavaCommand flagSets(final String... names)
    {
        for (final String name : names)
        {
            JvmFlags.set(name);
            flagSets.add(name);
        }
        return this;
    }

    /**
     * @param maxHeap the heap cap, as for {@code -Xmx}, e.g. {@code "256m"}.
     * @return this.
     */
    public JavaCommand maxHeap(final String maxHeap)
    {
        this.maxHeap = maxHeap;
        return this;
    }

    /**
     * @param options extra JVM options, placed after mp4j's flags.
     * @return this.
     */
    public JavaCommand jvmOptions(final String... options)
    {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /**
     * @param key   a system property.
     * @param value its value.
     * @return this.
     */
    public JavaCommand systemProperty(final String key, final String value)
    {
        systemProperties.put(key, value);
        return this;
    }

    /**
     * @param args arguments for {@code main}.
     * @return this.
     */
    public JavaCommand arguments(final String... args)
    {
        arguments.addAll(List.of(args));
        return this;
    }

    /**
     * @return the command line.
     */
    public List<String> build()
    {
        final List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(JvmFlags.forFeature(javaFeature));
        for (final String set : flagSets)
        {
            command.addAll(JvmFlags.set(set));
        }
        if (maxHeap != null)
        {
            command.add("-Xmx" + maxHeap);
        }
        command.addAll(jvmOptions);
        final Map<String, String> properties = new TreeMap<>(systemProperties);
        final String root = System.getProperty(SpaceRoot.PROPERTY);
        if (root != null)
        {
            properties.putIfAbsent(SpaceRoot.PROPERTY, root);
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }
}
