package io.mp4j.bench.suite;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine and JVM a run measured, for the report's header: cpu model, cpus, memory, kernel, JDK.
 *
 * @param cpuModel   the first {@code model name} of {@code /proc/cpuinfo}, or the OS architecture.
 * @param cpus       the cpus this JVM may use.
 * @param memoryKb   {@code MemTotal} of {@code /proc/meminfo}, or 0 if unknown.
 * @param kernel     the OS name and version.
 * @param jdk        the runtime's name, version and vendor.
 * @param javaHome   the JDK's directory.
 */
record Machine(String cpuModel, int cpus, long memoryKb, String kernel, String jdk, String javaHome)
{
    /**
     * @return this machine and JVM.
     */
    static Machine current()
    {
        String model = System.getProperty("os.arch");
        long memKb = 0;
        for (final String line : lines(Path.of("/proc/cpuinfo")))
        {
            if (line.startsWith("model name") && line.contains(":"))
            {
                model = line.substring(line.indexOf(':') + 1).strip();
                break;
            }
        }
        for (final String line : lines(Path.of("/proc/meminfo")))
        {
            if (line.startsWith("MemTotal:"))
            {
                memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new Machine(model, Runtime.getRuntime().availableProcessors(), memKb,
            System.getProperty("os.name") + " " + System.getProperty("os.version"),
            System.getProperty("java.runtime.name") + " " + System.getProperty("java.runtime.version") + " (" +
                System.getProperty("java.vendor") + ")",
            System.getProperty("java.home"));
    }

    /**
     * @return the load averages over 1, 5 and 15 minutes, as {@code /proc/loadavg} gives them, e.g.
     * {@code 0.42 1.25 2.45}; else the 1-minute figure of the JVM.
     */
    static String loadAverage()
    {
        final List<String> lines = lines(Path.of("/proc/loadavg"));
        if (!lines.isEmpty())
        {
            final String[] fields = lines.get(0).strip().split("\\s+");
            if (fields.length >= 3)
            {
                return fields[0] + " " + fields[1] + " " + fields[2];
            }
        }
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * @return the memory in GiB, one decimal, or {@code ?}.
     */
    String memory()
    {
        return memoryKb == 0 ? "?" : String.format(Locale.ROOT, "%.1f GiB", memoryKb / 1024.0 / 1024.0);
    }

    private static List<String> lines(final Path file)
    {
        try
        {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException | SecurityException ex)
        {
            return List.of();
        }
    }
}
