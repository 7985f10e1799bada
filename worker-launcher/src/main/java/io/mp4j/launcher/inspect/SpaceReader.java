package io.mp4j.launcher.inspect;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.layout.PipeDescriptor;
import io.mp4j.ipc.layout.QueueDescriptor;
import io.mp4j.ipc.liveness.ProcessIdentity;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionInfo;
import io.mp4j.ipc.region.RegionKind;
import io.mp4j.launcher.worker.WorkerStatus;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.CountersReader;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.mp4j.ipc.layout.CountersDescriptor.*;

/**
 * Reads what a space holds without disturbing the processes that use it: each region is mapped read-only
 * ({@link RegionFiles#attachReadOnly}), its fields are loaded with the orderings its layout gives readers (volatile or
 * acquire), and nothing is ever stored, claimed or recovered. A file that is not a sound region, one removed while
 * read, or a space that is gone, gives a {@link Problem}, never an exception.
 *
 * <p>Threading: one thread per instance.
 */
public final class SpaceReader
{
    /** Name of a launcher space: {@code launcher-<pid>}. */
    private static final Pattern LAUNCHER_SPACE = Pattern.compile("launcher-\\d+");
    /** Name of a worker's status array in a launcher space. */
    private static final Pattern STATUS_ARRAY = Pattern.compile("w\\d+\\.status");
    private static final String STATUS_SUFFIX = ".status";

    private final Liveness liveness = new Liveness();
    private final List<CounterRow> counters = new ArrayList<>();
    private final List<QueueRow> queues = new ArrayList<>();
    private final List<PipeRow> pipes = new ArrayList<>();
    private final List<ValueRow> values = new ArrayList<>();
    private final List<WorkerRow> workers = new ArrayList<>();
    private final List<OtherRow> others = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private SpaceReader()
    {
    }

    /**
     * @param directory a space directory.
     * @return what it holds now.
     */
    public static SpaceReading read(final Path directory)
    {
        return new SpaceReader().readSpace(directory);
    }

    /**
     * @param detail a problem as {@code Space.list()} or an exception gives it.
     * @param file   the file it is about.
     * @return the problem without the file's path, which its row names already.
     */
    public static String shortProblem(final String detail, final Path file)
    {
        final String prefix = "bad region file " + file + ": ";
        return detail != null && detail.startsWith(prefix) ? detail.substring(prefix.length()) : detail;
    }

    private SpaceReading readSpace(final Path directory)
    {
        final long readAtNs = System.nanoTime();
        final boolean launcher = LAUNCHER_SPACE.matcher(directory.getFileName().toString()).matches();
        boolean exists = Files.isDirectory(directory);
        if (exists)
        {
            try
            {
                for (final RegionInfo info : Space.at(directory).list())
                {
                    readRegion(info, launcher);
                }
            }
            catch (final RuntimeException ex)
            {
                problems.add(new Problem(directory.getFileName().toString(), "cannot list: " + ex.getMessage()));
            }
            exists = Files.isDirectory(directory);
        }
        if (!exists)
        {
            problems.add(new Problem(directory.getFileName().toString(), "the space is gone (removed)"));
        }
        return new SpaceReading(directory, exists, readAtNs, counters, queues, pipes, values, workers, others,
            problems);
    }

    private void readRegion(final RegionInfo info, final boolean launcher)
    {
        if (!info.isSound())
        {
            problems.add(new Problem(info.name(), shortProblem(info.problem(), info.file())));
            return;
        }
        final RegionKind kind = info.kind();
        if (kind == RegionKind.CHRONICLE_MAP || kind == RegionKind.DURABLE_QUEUE)
        {
            others.add(new OtherRow(info.name(), kind, info.lengthBytes()));
            return;
        }
        try (Region region = RegionFiles.attachReadOnly(info.file(), kind))
        {
            final AtomicBuffer body = region.body();
            switch (kind)
            {
                case COUNTERS -> readCounters(info.name(), body);
                case QUEUE -> readQueue(info.name(), body);
                case PIPE -> readPipe(info.name(), body);
                case LONG_VALUE -> values.add(new ValueRow(info.name(), kind, Long.toString(body.getLongVolatile(0))));
                case INT_VALUE -> values.add(new ValueRow(info.name(), kind, Integer.toString(body.getIntVolatile(0))));
                case DOUBLE_VALUE -> values.add(new ValueRow(info.name(), kind,
                    Double.toString(Double.longBitsToDouble(body.getLongVolatile(0)))));
                case BOOLEAN_VALUE -> values.add(new ValueRow(info.name(), kind,
                    Boolean.toString(body.getIntVolatile(0) != 0)));
                default ->
                {
                    if (launcher && kind == RegionKind.LONG_ARRAY && STATUS_ARRAY.matcher(info.name()).matches() &&
                        body.capacity() == WorkerStatus.LENGTH * Long.BYTES)
                    {
                        readWorker(info.name(), body);
                    }
                    else
                    {
                        others.add(new OtherRow(info.name(), kind, info.lengthBytes()));
                    }
                }
            }
        }
        catch (final NoSuchFileException ex)
        {
            // removed since it was listed: nothing to show
        }
        catch (final RuntimeException ex)
        {
            problems.add(new Problem(info.name(), shortProblem(ex.getMessage(), info.file())));
        }
    }

    private void readCounters(final String name, final AtomicBuffer body)
    {
        final int max = maxCounters(body.capacity());
        final UnsafeBuffer metaData = new UnsafeBuffer(body, 0, valuesOffset(max));
        final UnsafeBuffer valuesBuffer = new UnsafeBuffer(body, valuesOffset(max), max * CountersReader.COUNTER_LENGTH);
        final CountersReader reader = new CountersReader(metaData, valuesBuffer);
        reader.forEach((value, id, label) ->
        {
            final int key = CountersReader.metaDataOffset(id) + CountersReader.KEY_OFFSET;
            final long pid = metaData.getLong(key + KEY_OWNER_PID_OFFSET);
            final long startMs = metaData.getLong(key + KEY_OWNER_START_TIME_OFFSET);
            counters.add(new CounterRow(name, id, reader.getCounterTypeId(id), label, value, pid,
                liveness.isAlive(pid, startMs)));
        });
    }

    private void readQueue(final String name, final AtomicBuffer body)
    {
        final int slots = body.getInt(QueueDescriptor.SLOTS_OFFSET);
        final int maxMessage = body.getInt(QueueDescriptor.MAX_MESSAGE_LENGTH_OFFSET);
        final int flags = body.getInt(QueueDescriptor.FLAGS_OFFSET);
        // head first: the tail loaded after it is never behind it
        final long head = body.getLongVolatile(QueueDescriptor.HEAD_OFFSET);
        final long tail = body.getLongVolatile(QueueDescriptor.TAIL_OFFSET);
        final boolean joinable = (flags & QueueDescriptor.FLAG_JOINABLE) != 0;
        queues.add(new QueueRow(name, Math.max(0, Math.min(slots, tail - head)), slots, maxMessage,
            body.getIntVolatile(QueueDescriptor.CLOSED_OFFSET) != 0, joinable,
            joinable ? body.getLongVolatile(QueueDescriptor.UNFINISHED_OFFSET) : 0));
    }

    private void readPipe(final String name, final AtomicBuffer body)
    {
        final int capacity = body.getInt(PipeDescriptor.CAPACITY_OFFSET);
        final int flags = body.getInt(PipeDescriptor.FLAGS_OFFSET);
        final boolean duplex = (flags & PipeDescriptor.FLAG_DUPLEX) != 0;
        if (!PipeDescriptor.isValidCapacity(capacity) || body.capacity() < PipeDescriptor.bodyLength(capacity, duplex))
        {
            problems.add(new Problem(name, "pipe: capacity " + capacity + " does not fit its " + body.capacity() +
                "-byte body"));
            return;
        }
        pipes.add(new PipeRow(name, capacity, duplex, pending(body, capacity, PipeDescriptor.RING_TO_A),
            duplex ? pending(body, capacity, PipeDescriptor.RING_TO_B) : -1, end(body, 0), end(body, 1)));
    }

    private static long pending(final AtomicBuffer body, final int capacity, final int ring)
    {
        final int trailer = PipeDescriptor.ringOffset(capacity, ring) + capacity;
        // head first: the tail loaded after it is never behind it
        final long head = body.getLongVolatile(trailer + RingBufferDescriptor.HEAD_POSITION_OFFSET);
        final long tail = body.getLongVolatile(trailer + RingBufferDescriptor.TAIL_POSITION_OFFSET);
        return Math.max(0, Math.min(capacity, tail - head));
    }

    private PipeRow.End end(final AtomicBuffer body, final int index)
    {
        final int block = PipeDescriptor.endOffset(index);
        final int state = body.getIntAcquire(block + PipeDescriptor.END_STATE_OFFSET);
        final long pid = body.getLongVolatile(block + PipeDescriptor.END_OWNER_PID_OFFSET);
        final long startMs = body.getLong(block + PipeDescriptor.END_OWNER_START_TIME_OFFSET);
        final String text = switch (state)
        {
            case PipeDescriptor.STATE_UNOPENED -> "unopened";
            case PipeDescriptor.STATE_OPEN -> "open";
            case PipeDescriptor.STATE_CLOSED -> "closed";
            default -> "state " + state;
        };
        return new PipeRow.End(text, pid, liveness.isAlive(pid, state == PipeDescriptor.STATE_UNOPENED ?
            ProcessIdentity.UNKNOWN_START : startMs));
    }

    private void readWorker(final String name, final AtomicBuffer body)
    {
        final WorkerStatus.Reading status = WorkerStatus.read(body);
        final long nowNs = System.nanoTime();
        final long runningNs = status.phase() == WorkerStatus.IDLE || status.taskStartNs() == WorkerStatus.MOVED_ON ?
            -1 : Math.max(0, nowNs - status.taskStartNs());
        final long heartbeatAgeMs = status.heartbeatMs() == 0 ? -1 :
            Math.max(0, System.currentTimeMillis() - status.heartbeatMs());
        workers.add(new WorkerRow(name.substring(0, name.length() - STATUS_SUFFIX.length()), status.pid(),
            liveness.isAlive(status.pid(), ProcessIdentity.UNKNOWN_START), status.poolId(),
            WorkerStatus.phaseName(status.phase()), status.seq(), runningNs, status.tasksDone(), heartbeatAgeMs));
    }
}
