package io.mp4j.launcher.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to start a worker JVM, beyond what every mp4j JVM gets (this JVM's java binary and the JVM flags of
 * {@link io.mp4j.ipc.jvm.JvmFlags}): heap cap, extra JVM options, system properties, environment, class path, where
 * its output goes, and whether it uses the start-up archive ({@link StartupArchive}). Immutable; equal specs start
 * equal workers, which is what lets a new pool reuse the warm workers of a closed one.
 *
 * @param maxHeap          the heap cap as for {@code -Xmx} (e.g. {@code "512m"}), or null for the JVM's default.
 * @param jvmOptions       extra JVM options, after mp4j's.
 * @param systemProperties system properties for the worker.
 * @param environment      environment variables added to this JVM's.
 * @param classPath        the worker's class path; null for this JVM's.
 * @param output           where its stdout and stderr go.
 * @param startupArchive   whether to use (and on first use, make) a class-data-sharing archive.
 */
public record WorkerSpec(
    String maxHeap,
    List<String> jvmOptions,
    Map<String, String> systemProperties,
    Map<String, String> environment,
    String classPath,
    Output output,
    boolean startupArchive)
{
    /**
     * Validates and copies.
     *
     * @param maxHeap          the heap cap as for {@code -Xmx}, or null.
     * @param jvmOptions       extra JVM options.
     * @param systemProperties system properties.
     * @param environment      environment variables.
     * @param classPath        the class path, or null for this JVM's.
     * @param output           where stdout and stderr go.
     * @param startupArchive   whether to use a class-data-sharing archive.
     */
    public WorkerSpec
    {
        if (maxHeap != null && !maxHeap.matches("[0-9]+[kKmMgG]?"))
        {
            throw new IllegalArgumentException("maxHeap is not a size like 512m or 2g: maxHeap=" + maxHeap);
        }
        jvmOptions = List.copyOf(jvmOptions);
        for (final String option : jvmOptions)
        {
            if (!option.startsWith("-"))
            {
                throw new IllegalArgumentException("a JVM option starts with '-': option=" + option);
            }
        }
        systemProperties = Map.copyOf(systemProperties);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(output, "output");
    }

    /**
     * @return the JVM's default heap, no extra options, properties or environment, this JVM's class path, output
     * prefixed, start-up archive on.
     */
    public static WorkerSpec defaults()
    {
        return new WorkerSpec(null, List.of(), Map.of(), Map.of(), null, Output.PREFIXED, true);
    }

    /**
     * @param maxHeap the heap cap as for {@code -Xmx}, e.g. {@code "512m"}.
     * @return a copy with it.
     */
    public WorkerSpec withMaxHeap(final String maxHeap)
    {
        return new WorkerSpec(maxHeap, jvmOptions, systemProperties, environment, classPath, output, startupArchive);
    }

    /**
     * @param options JVM options to add.
     * @return a copy with them after the ones already there.
     */
    public WorkerSpec withJvmOptions(final String... options)
    {
        final List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(List.of(options));
        return new WorkerSpec(maxHeap, all, systemProperties, environment, classPath, output, startupArchive);
    }

    /**
     * @param key   a system property.
     * @param value its value.
     * @return a copy with it.
     */
    public WorkerSpec withSystemProperty(final String key, final String value)
    {
        final Map<String, String> all = new TreeMap<>(systemProperties);
        all.put(key, value);
        return new WorkerSpec(maxHeap, jvmOptions, all, environment, classPath, output, startupArchive);
    }

    /**
     * @param key   an environment variable.
     * @param value its value.
     * @return a copy with it.
     */
    public WorkerSpec withEnvironment(final String key, final String value)
    {
        final Map<String, String> all = new TreeMap<>(environment);
        all.put(key, value);
        return new WorkerSpec(maxHeap, jvmOptions, systemProperties, all, classPath, output, startupArchive);
    }

    /**
     * @param classPath the worker's class path.
     * @return a copy with it.
     */
    public WorkerSpec withClassPath(final String classPath)
    {
        return new WorkerSpec(maxHeap, jvmOptions, systemProperties, environment, classPath, output, startupArchive);
    }

    /**
     * @param output where stdout and stderr go.
     * @return a copy with it.
     */
    public WorkerSpec withOutput(final Output output)
    {
        return new WorkerSpec(maxHeap, jvmOptions, systemProperties, environment, classPath, output, startupArchive);
    }

    /**
     * @param startupArchive whether to use a class-data-sharing archive.
     * @return a copy with it.
     */
    public WorkerSpec withStartupArchive(final boolean startupArchive)
    {
        return new WorkerSpec(maxHeap, jvmOptions, systemProperties, environment, classPath, output, startupArchive);
    }

    /**
     * @return the class path workers get: the given one, else this JVM's.
     */
    public String effectiveClassPath()
    {
        return classPath != null ? classPath : System.getProperty("java.class.path");
    }
}
