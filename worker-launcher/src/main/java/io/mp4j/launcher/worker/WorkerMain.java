package io.mp4j.launcher.worker;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.pipe.Connection;
import io.mp4j.ipc.pipe.ConnectionOptions;
import io.mp4j.ipc.pipe.Pipe;
import io.mp4j.ipc.pipe.PipeClosedException;
import io.mp4j.ipc.values.SharedLongArray;
import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.Task;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The main class of every worker JVM. It attaches to the pipe and status array its parent created, then serves
 * frames ({@link Frames}) on its main thread: defines functions, runs batches of tasks and answers with results, until
 * STOP, the parent's death ({@link ParentWatch}) or the end of the pipe.
 *
 * <p>Arguments: {@code SPACE_DIR PIPE STATUS WORKER_ID PARENT_PID MODE}, where MODE is {@code pool} (serve batches),
 * {@code init} (run the INIT frame's initializer first, then serve batches) or {@code run} (run the RUN frame's job
 * and exit: a worker process).
 */
public final class WorkerMain
{
    /** Exit code: the target of a worker process threw (its stack trace is on stderr), as Python's 1. */
    public static final int EXIT_TARGET_FAILED = 1;
    /** Exit code: bad arguments. */
    public static final int EXIT_USAGE = 2;
    /** Exit code: the pool's initializer threw. */
    public static final int EXIT_INIT_FAILED = 71;
    /** Exit code: an OutOfMemoryError hit a task; its result was sent, then the worker retired. */
    public static final int EXIT_RETIRED = 73;

    private final Codec<Object> codec = LauncherClasses.codec();
    private final FrameChannel channel;
    private final WorkerStatus status;
    private final FrameWriter writer = new FrameWriter();
    private final FrameReader reader = new FrameReader();
    private final Map<Long, Object> functions = new HashMap<>();
    private final Map<Long, Throwable> undecodable = new HashMap<>();
    private final Map<ByteBuffer, Object> byBytes = new HashMap<>();
    private boolean retire;

    private WorkerMain(final FrameChannel channel, final WorkerStatus status)
    {
        this.channel = channel;
        this.status = status;
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        if (args.length != 6)
        {
            System.err.println("usage: WorkerMain SPACE_DIR PIPE STATUS WORKER_ID PARENT_PID pool|init|run");
            System.exit(EXIT_USAGE);
        }
        Thread.currentThread().setName("mp4j-worker-" + args[3]);
        final Space space = Space.at(Path.of(args[0]));
        final SharedLongArray statusArray = space.attach(args[2], SharedLongArray.class);
        final WorkerStatus status = new WorkerStatus(statusArray);
        status.pid(ProcessHandle.current().pid());
        final ParentWatch watch = ParentWatch.start(Long.parseLong(args[4]), status);
        final Connection connection = Pipe.attach(space, args[1])
            .open(Pipe.End.B, ConnectionOptions.defaults().withIdleStrategy(PoolIdle::create));
        final WorkerMain worker = new WorkerMain(new FrameChannel(connection), status);
        if (!"run".equals(args[5]))
        {
            LambdaWarmup.start(worker.codec);
        }
        final int exitCode = switch (args[5])
        {
            case "run" -> worker.runTarget();
            case "init" -> worker.initialize() ? worker.serve() : EXIT_INIT_FAILED;
            case "pool" -> worker.ready() ? worker.serve() : 0;
            default -> EXIT_USAGE;
        };
        System.out.flush();
        System.err.flush();
        connection.close();
        watch.stopHeartbeat();
        statusArray.close();
        System.exit(exitCode);
    }

    private int runTarget()
    {
        final int length = channel.receive();
        reader.wrap(channel.frame(), length);
        expect(Frames.RUN);
        try
        {
            final Job<?> job = (Job<?>)reader.getValue(codec);
            job.call();
            return 0;
        }
        catch (final Throwable t)
        {
            System.err.println("Exception in worker process " + Thread.currentThread().getName() + ":");
            t.printStackTrace();
            return EXIT_TARGET_FAILED;
        }
    }

    private boolean initialize()
    {
        final int length = channel.receive();
        reader.wrap(channel.frame(), length);
        expect(Frames.INIT);
        try
        {
            final Job<?> job = (Job<?>)reader.getValue(codec);
            job.call();
        }
        catch (final Throwable t)
        {
            writer.begin(Frames.FAILED);
            ThrowableCodec.encode(t, writer, codec);
            channel.send(writer.array(), writer.finish());
            return false;
        }
        return ready();
    }

    private boolean ready()
    {
        writer.begin(Frames.READY).putLong(ProcessHandle.current().pid());
        channel.send(writer.array(), writer.finish());
        return true;
    }

    private int serve()
    {
        while (!retire)
        {
            final int length;
            try
            {
                length = channel.receive();
            }
            catch (final PipeClosedException ex)
            {
                return 0;
            }
            reader.wrap(channel.frame(), length);
            switch (reader.type())
            {
                case Frames.DEFINE -> define();
                case Frames.BATCH -> runBatch();
                case Frames.STOP ->
                {
                    return 0;
                }
                default -> throw new IllegalStateException("unexpected frame " + Frames.name(reader.type()));
            }
        }
        return EXIT_RETIRED;
    }

    private void define()
    {
        final long id = reader.getLong();
        final byte[] bytes = reader.getValueBytes();
        // equal bytes, equal function: decoding a lambda spins a new class each time, so decode each form once
        final Object known = byBytes.get(ByteBuffer.wrap(bytes));
        if (known != null)
        {
            functions.put(id, known);
            return;
        }
        try
        {
            final Object function = codec.decode(new UnsafeBuffer(bytes), 0, bytes.length);
            functions.put(id, function);
            byBytes.put(ByteBuffer.wrap(bytes), function);
        }
        catch (final Throwable t)
        {
            undecodable.put(id, t);
        }
    }

    private void runBatch()
    {
        final long functionId = reader.getLong();
        final long firstSeq = reader.getLong();
        final int count = reader.getInt();
        final int arity = reader.getByte();
        final Object function = functions.get(functionId);
        final Throwable functionError = function == null ? undecodable.get(functionId) : null;
        long flushedAt = System.nanoTime();
        int pending = beginResults(firstSeq);
        int inFrame = 0;
        for (int i = 0; i < count; i++)
        {
            final long seq = firstSeq + i;
            status.begin(seq, System.nanoTime());
            Throwable failure = functionError;
            Object first = null;
            Object second = null;
            if (arity >= 1)
            {
                try
                {
                    first = reader.getValue(codec);
                }
                catch (final Throwable t)
                {
                    failure = failure == null ? t : failure;
                }
            }
            if (arity == 2)
            {
                try
                {
                    second = reader.getValue(codec);
                }
                catch (final Throwable t)
                {
                    failure = failure == null ? t : failure;
                }
            }
            Object result = null;
            if (failure == null)
            {
                status.phase(seq, WorkerStatus.RUN);
                try
                {
                    result = call(function, arity, first, second);
                }
                catch (final Throwable t)
                {
                    failure = t;
                }
            }
            first = null;
            second = null;
            status.phase(seq, WorkerStatus.ENCODE);
            if (failure == null)
            {
                final int mark = writer.position();
                try
                {
                    writer.putByte(Frames.OK).putValue(codec, result);
                }
                catch (final Throwable t)
                {
                    writer.rewind(mark);
                    failure = new IllegalStateException("the result (" + typeOf(result) +
                        ") could not be sent to the parent: " + t, t);
                }
            }
            result = null;
            if (failure != null)
            {
                retire |= isOutOfMemory(failure);
                writer.putByte(Frames.THREW);
                ThrowableCodec.encode(failure, writer, codec);
            }
            status.end(seq);
            inFrame++;
            if ((inFrame & 15) == 0 && i + 1 < count && System.nanoTime() - flushedAt >= Frames.FLUSH_INTERVAL_NS)
            {
                sendResults(pending, inFrame);
                flushedAt = System.nanoTime();
                pending = beginResults(seq + 1);
                inFrame = 0;
            }
        }
        sendResults(pending, inFrame);
    }

    @SuppressWarnings("unchecked")
    private static Object call(final Object function, final int arity, final Object first, final Object second)
        throws Exception
    {
        if (arity == 2)
        {
            return ((BiTask<Object, Object, Object>)function).call(first, second);
        }
        if (function instanceof Job<?> job)
        {
            return job.call();
        }
        return ((Task<Object, Object>)function).call(first);
    }

    /**
     * @return whether an {@link OutOfMemoryError} is in the failure's cause chain: one hit while encoding a result
     * comes wrapped in the error saying the result could not be sent, and leaves the heap as suspect as any other.
     */
    private static boolean isOutOfMemory(final Throwable failure)
    {
        Throwable t = failure;
        for (int i = 0; t != null && i < ThrowableCodec.MAX_CHAIN; i++, t = t.getCause())
        {
            if (t instanceof OutOfMemoryError)
            {
                return true;
            }
        }
        return false;
    }

    private static String typeOf(final Object value)
    {
        return value == null ? "null" : value.getClass().getName();
    }

    private int beginResults(final long firstSeq)
    {
        writer.begin(Frames.RESULTS).putLong(firstSeq);
        final int countOffset = writer.position();
        writer.putInt(0);
        return countOffset;
    }

    private void sendResults(final int countOffset, final int count)
    {
        writer.putIntAt(countOffset, count);
        channel.send(writer.array(), writer.finish());
    }

    private void expect(final byte type)
    {
        if (reader.type() != type)
        {
            throw new IllegalStateException("expected frame " + Frames.name(type) + ", got " +
                Frames.name(reader.type()));
        }
    }
}
