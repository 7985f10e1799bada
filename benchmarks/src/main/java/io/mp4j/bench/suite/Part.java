package io.mp4j.bench.suite;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parts of the suite, each a measure of design.md section 6 with its peers; {@code --only} names them.
 */
enum Part
{
    /** Pipe round trip between two JVMs, percentiles. */
    PIPE("pipe", "Pipe round trip between two JVMs"),
    /** Queue one-way throughput, one producer JVM and one consumer JVM. */
    QUEUE("queue", "Queue throughput, 1 producer JVM -> 1 consumer JVM"),
    /** Contended increments of one shared counter from two JVMs. */
    COUNTERS("counters", "Shared counter, 2 JVMs contended"),
    /** A plain increment under a lock, from two JVMs. */
    LOCK("lock", "Lock, an increment under it, 2 JVMs"),
    /** Shared map get and put from two JVMs at once. */
    MAP("map", "Shared map, 2 JVMs at once"),
    /** Pool start-up, apply round trip and map overhead per task. */
    POOL("pool", "Pool start, apply and map overhead"),
    /** CPU-bound tasks against the number of workers. */
    SPEEDUP("speedup", "Speed-up of CPU-bound tasks against workers");

    private final String label;
    private final String title;

    Part(final String label, final String title)
    {
        this.label = label;
        this.title = title;
    }

    /**
     * @return the name {@code --only} takes.
     */
    String label()
    {
        return label;
    }

    /**
     * @return the heading of its section in the report.
     */
    String title()
    {
        return title;
    }

    /**
     * @param list comma-separated part names, e.g. {@code pipe,queue}; blank means every part.
     * @return the parts, in suite order.
     * @throws IllegalArgumentException on an unknown name.
     */
    static Set<Part> parse(final String list)
    {
        if (list == null || list.isBlank())
        {
            return EnumSet.allOf(Part.class);
        }
        final Set<Part> parts = EnumSet.noneOf(Part.class);
        for (final String name : list.split(","))
        {
            final String wanted = name.strip().toLowerCase(Locale.ROOT);
            if (wanted.isEmpty())
            {
                continue;
            }
            parts.add(byLabel(wanted));
        }
        if (parts.isEmpty())
        {
            throw new IllegalArgumentException("--only names no part; parts: " + labels());
        }
        return parts;
    }

    /**
     * @return every part's name, comma-separated.
     */
    static String labels()
    {
        final List<String> labels = new ArrayList<>();
        for (final Part part : values())
        {
            labels.add(part.label);
        }
        return String.join(",", labels);
    }

    private static Part byLabel(final String label)
    {
        for (final Part part : values())
        {
            if (part.label.equals(label))
            {
                return part;
            }
        }
        throw new IllegalArgumentException("unknown part '" + label + "' in --only; parts: " + labels());
    }
}
