package io.mp4j.launcher.inspect;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.region.RegionKind;
import io.mp4j.launcher.parallel.ParallelCounters;
import io.mp4j.launcher.pool.PoolCounters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lays out what {@code mp4j stat} shows of each space: pools, workers, {@code Parallel} calls, counters, queues,
 * pipes, values, other regions and problems, each section only when it has rows. Rates are per second since the
 * previous rendering ({@link Rates}); the first shows {@code -}.
 *
 * <p>Threading: one thread.
 */
public final class StatView
{
    private static final String INDENT = "  ";

    private final Rates rates = new Rates();

    /**
     * @param readings the spaces, as read now.
     * @return the lines showing them.
     */
    public List<String> render(final List<SpaceReading> readings)
    {
        final List<String> lines = new ArrayList<>();
        for (final SpaceReading reading : readings)
        {
            if (!lines.isEmpty())
            {
                lines.add("");
            }
            renderSpace(reading, lines);
        }
        rates.endRound();
        return lines;
    }

    private void renderSpace(final SpaceReading space, final List<String> lines)
    {
        lines.add("space " + space.name() + "  " + space.directory());
        final List<CounterRow> plain = new ArrayList<>();
        final Map<String, Map<String, CounterRow>> pools = new LinkedHashMap<>();
        final Map<String, Map<String, CounterRow>> calls = new LinkedHashMap<>();
        for (final CounterRow counter : space.counters())
        {
            final int split = counter.label().lastIndexOf(' ');
            if (counter.typeId() == PoolCounters.TYPE_ID && split > 0)
            {
                pools.computeIfAbsent(counter.label().substring(0, split), k -> new LinkedHashMap<>())
                    .put(counter.label().substring(split + 1), counter);
            }
            else if (counter.typeId() == ParallelCounters.TYPE_ID && split > 0)
            {
                calls.computeIfAbsent(counter.label().substring(0, split), k -> new LinkedHashMap<>())
                    .put(counter.label().substring(split + 1), counter);
            }
            else
            {
                plain.add(counter);
            }
        }
        final String key = space.directory() + "#";
        add(lines, pools(pools, key, space.readAtNs()));
        add(lines, workers(space.workers()));
        add(lines, calls(calls, key, space.readAtNs()));
        add(lines, counters(plain, key, space.readAtNs()));
        add(lines, queues(space.queues()));
        add(lines, pipes(space.pipes()));
        add(lines, values(space.values()));
        add(lines, others(space.others()));
        if (!space.problems().isEmpty())
        {
            lines.add(INDENT + "problems");
            for (final Problem problem : space.problems())
            {
                lines.add(INDENT + "  " + problem.name() + ": " + problem.detail());
            }
        }
        if (space.exists() && lines.get(lines.size() - 1).startsWith("space "))
        {
            lines.add(INDENT + "(empty)");
        }
    }

    private static void add(final List<String> lines, final Table table)
    {
        if (!table.isEmpty())
        {
            lines.addAll(table.lines());
        }
    }

    private Table pools(final Map<String, Map<String, CounterRow>> pools, final String key, final long atNs)
    {
        final Table table = new Table(INDENT, new String[] {"pools", "submitted", "done", "failed", "pending",
            "workers", "replaced", "done/s"});
        for (final Map.Entry<String, Map<String, CounterRow>> pool : pools.entrySet())
        {
            final Map<String, CounterRow> fields = pool.getValue();
            final long submitted = value(fields, PoolCounters.SUBMITTED);
            final long done = value(fields, PoolCounters.DONE);
            final CounterRow doneRow = fields.get(PoolCounters.DONE);
            table.row(pool.getKey(), Long.toString(submitted), Long.toString(done),
                Long.toString(value(fields, PoolCounters.FAILED)), Long.toString(Math.max(0, submitted - done)),
                Long.toString(value(fields, PoolCounters.WORKERS)), Long.toString(value(fields, PoolCounters.REPLACED)),
                doneRow == null ? "-" : Formats.rate(rates.rate(key + doneRow.key(), done, atNs)));
        }
        return table;
    }

    private static Table workers(final List<WorkerRow> workers)
    {
        final Table table = new Table(INDENT, new String[] {"workers", "pid", "pool", "phase", "task", "running",
            "done", "heartbeat", "alive"}, 2, 3, 8);
        final List<WorkerRow> sorted = new ArrayList<>(workers);
        sorted.sort(Comparator.comparingLong(StatView::workerNumber));
        for (final WorkerRow worker : sorted)
        {
            final boolean idle = "idle".equals(worker.phase());
            table.row(worker.name(), worker.pid() == 0 ? "-" : Long.toString(worker.pid()),
                worker.poolId() == 0 ? "-" : PoolCounters.poolName(PoolCounters.PROCESS_POOL, worker.poolId()),
                worker.phase(), idle ? "-" : "#" + worker.seq(), Formats.duration(worker.taskRunningNs()),
                Long.toString(worker.tasksDone()),
                worker.heartbeatAgeMs() < 0 ? "-" : worker.heartbeatAgeMs() + " ms",
                worker.alive() ? "yes" : "no");
        }
        return table;
    }

    private static long workerNumber(final WorkerRow worker)
    {
        try
        {
            return Long.parseLong(worker.name().substring(1));
        }
        catch (final NumberFormatException ex)
        {
            return Long.MAX_VALUE;
        }
    }

    private Table calls(final Map<String, Map<String, CounterRow>> calls, final String key, final long atNs)
    {
        final Table table = new Table(INDENT, new String[] {"parallel calls", "dispatched", "done", "failed", "total",
            "done/s"});
        for (final Map.Entry<String, Map<String, CounterRow>> call : calls.entrySet())
        {
            final Map<String, CounterRow> fields = call.getValue();
            final long total = value(fields, ParallelCounters.TOTAL);
            final CounterRow doneRow = fields.get(ParallelCounters.DONE);
            table.row(call.getKey(), Long.toString(value(fields, ParallelCounters.DISPATCHED)),
                Long.toString(value(fields, ParallelCounters.DONE)), Long.toString(value(fields,
                    ParallelCounters.FAILED)), total < 0 ? "?" : Long.toString(total),
                doneRow == null ? "-" : Formats.rate(rates.rate(key + doneRow.key(), doneRow.value(), atNs)));
        }
        return table;
    }

    private Table counters(final List<CounterRow> counters, final String key, final long atNs)
    {
        final Table table = new Table(INDENT, new String[] {"counters", "value", "rate/s", "owner"}, 3);
        for (final CounterRow counter : counters)
        {
            final String label = Space.DEFAULT_COUNTERS_NAME.equals(counter.registry()) ?
                counter.label() : counter.registry() + ": " + counter.label();
            table.row(label, Long.toString(counter.value()),
                Formats.rate(rates.rate(key + counter.key(), counter.value(), atNs)),
                Formats.process(counter.ownerPid(), counter.ownerAlive()));
        }
        return table;
    }

    private static Table queues(final List<QueueRow> queues)
    {
        final Table table = new Table(INDENT, new String[] {"queues", "depth", "capacity", "max message", "state",
            "unfinished"}, 4);
        for (final QueueRow queue : queues)
        {
            table.row(queue.name(), Long.toString(queue.depth()), Integer.toString(queue.slots()),
                Formats.bytes(queue.maxMessageBytes()), queue.closed() ? "closed" : "open",
                queue.joinable() ? Long.toString(queue.unfinishedTasks()) : "-");
        }
        return table;
    }

    private static Table pipes(final List<PipeRow> pipes)
    {
        final Table table = new Table(INDENT, new String[] {"pipes", "pending to A", "pending to B", "ring",
            "end A", "end B"}, 4, 5);
        for (final PipeRow pipe : pipes)
        {
            table.row(pipe.name(), Formats.bytes(pipe.pendingToA()),
                pipe.duplex() ? Formats.bytes(pipe.pendingToB()) : "(simplex)", Formats.bytes(pipe.capacityBytes()),
                end(pipe.endA()), end(pipe.endB()));
        }
        return table;
    }

    private static String end(final PipeRow.End end)
    {
        return end.ownerPid() <= 0 ? end.state() : end.state() + " pid " + Formats.process(end.ownerPid(),
            end.ownerAlive());
    }

    private static Table values(final List<ValueRow> values)
    {
        final Table table = new Table(INDENT, new String[] {"values", "kind", "value"}, 1);
        for (final ValueRow value : values)
        {
            table.row(value.name(), kindName(value.kind()), value.value());
        }
        return table;
    }

    private static Table others(final List<OtherRow> others)
    {
        final Table table = new Table(INDENT, new String[] {"other regions", "kind", "size"}, 1);
        for (final OtherRow other : others)
        {
            table.row(other.name(), kindName(other.kind()), Formats.bytes(other.lengthBytes()));
        }
        return table;
    }

    /**
     * @param kind a region kind, or null.
     * @return its name as the commands print it: {@code long-array}, {@code chronicle-map}, or {@code ?}.
     */
    public static String kindName(final RegionKind kind)
    {
        return kind == null ? "?" : kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static long value(final Map<String, CounterRow> fields, final String field)
    {
        final CounterRow row = fields.get(field);
        return row == null ? 0 : row.value();
    }
}
