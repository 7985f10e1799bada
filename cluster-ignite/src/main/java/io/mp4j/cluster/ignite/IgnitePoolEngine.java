package io.mp4j.cluster.ignite;

import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.CodecException;
import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.pool.PoolEngine;
import io.mp4j.launcher.pool.TaskBatch;
import io.mp4j.launcher.worker.FrameReader;
import io.mp4j.launcher.worker.FrameWriter;
import io.mp4j.launcher.worker.Frames;
import io.mp4j.launcher.worker.LauncherClasses;
import io.mp4j.launcher.worker.ThrowableCodec;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.lang.IgniteFuture;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a pool's chunks on an Ignite cluster: each chunk is one {@link ChunkJob} of a {@link ChunkTask} sent with
 * {@link IgniteCompute#executeAsync} to the members' task executor ({@link NodeConfigurations#TASK_EXECUTOR}):
 * Ignite balances them round robin, and sends a job whose member left again to another (its default
 * {@code AlwaysFailoverSpi}). Closing the engine cancels the chunks in flight, which interrupts their threads on the
 * members. The futures complete in any order; each chunk's
 * outcomes go to its tasks by index, so results stay in input order. Outcomes are decoded on one thread of this
 * engine's, where the pool's async results also complete.
 *
 * <p>A task runs at least once: when a member dies, the tasks of its unanswered chunks run again elsewhere, so
 * side effects of a task that was running there may happen twice; results come back once.
 *
 * <p>Threading: {@link #prepare} and {@link #execute} on callers' threads, several at once.
 */
final class IgnitePoolEngine implements PoolEngine
{
    private static final String DRIVER = UUID.randomUUID().toString();
    private static final AtomicLong FUNCTION_IDS = new AtomicLong();
    private static final AtomicInteger ENGINE_IDS = new AtomicInteger(1);
    /** Functions encoded once per JVM, by identity of the function object. */
    private static final Map<Object, Prepared> PREPARED = Collections.synchronizedMap(new WeakHashMap<>());

    private final Codec<Object> codec = LauncherClasses.codec();
    private final IgniteCompute compute;
    private final Runnable onClose;
    private final Set<IgniteFuture<byte[]>> inFlight = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor outcomes;

    private record Prepared(String key, byte[] frame)
    {
    }

    /**
     * @param compute the members' compute facade.
     * @param onClose runs once when the engine closes.
     */
    IgnitePoolEngine(final IgniteCompute compute, final Runnable onClose)
    {
        this.compute = compute;
        this.onClose = onClose;
        final String thread = "mp4j-ignite-pool-" + ENGINE_IDS.getAndIncrement() + "-outcomes";
        this.outcomes = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r ->
        {
            final Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    @Override
    public Object prepare(final Object function)
    {
        synchronized (PREPARED)
        {
            Prepared prepared = PREPARED.get(function);
            if (prepared == null)
            {
                prepared = new Prepared(DRIVER + ":" + FUNCTION_IDS.incrementAndGet(),
                    TaskWire.function(codec, function));
                PREPARED.put(function, prepared);
            }
            return prepared;
        }
    }

    @Override
    public void execute(final TaskBatch batch)
    {
        final Prepared function = (Prepared)batch.prepared();
        final FrameWriter writer = new FrameWriter().begin(Frames.BATCH).putInt(0).putByte((byte)batch.arity());
        final int[] sent = new int[batch.size()];
        int count = 0;
        for (int task = 0; task < batch.size(); task++)
        {
            final int mark = writer.position();
            try
            {
                if (batch.arity() >= 1)
                {
                    writer.putValue(codec, batch.first(task));
                }
                if (batch.arity() == 2)
                {
                    writer.putValue(codec, batch.second(task));
                }
                sent[count++] = task;
            }
            catch (final CodecException ex)
            {
                writer.rewind(mark);
                final long index = batch.index(task);
                batch.failed(task, new TaskFailedException("task " + index + " was not sent: an argument cannot " +
                    "be sent to a cluster member: " + ex.getMessage(), index, null, ex));
            }
        }
        if (count == 0)
        {
            return;
        }
        writer.putIntAt(TaskWire.TASKS_COUNT_OFFSET, count);
        final ChunkJob job = new ChunkJob(function.key(), function.frame(), TaskWire.frame(writer));
        final int tasks = count;
        final IgniteFuture<byte[]> future;
        try
        {
            future = compute.executeAsync(new ChunkTask(), job);
        }
        catch (final RuntimeException ex)
        {
            failAll(batch, sent, tasks, "was not sent", ex);
            return;
        }
        inFlight.add(future);
        future.listenAsync(done -> complete(batch, sent, tasks, done), outcomes);
    }

    @Override
    public void close()
    {
        for (final IgniteFuture<byte[]> future : inFlight)
        {
            future.cancel();
        }
        outcomes.shutdown();
        onClose.run();
    }

    private void complete(final TaskBatch batch, final int[] sent, final int count, final IgniteFuture<byte[]> done)
    {
        inFlight.remove(done);
        final byte[] frame;
        try
        {
            frame = done.get();
        }
        catch (final RuntimeException ex)
        {
            failAll(batch, sent, count, "was lost", ex);
            return;
        }
        final FrameReader reader = new FrameReader().wrap(frame, frame.length);
        final String member = reader.getString();
        final int answered = reader.getInt();
        for (int i = 0; i < answered; i++)
        {
            final int task = sent[i];
            final long index = batch.index(task);
            if (reader.getByte() == Frames.OK)
            {
                final Object value;
                try
                {
                    value = reader.getValue(codec);
                }
                catch (final RuntimeException ex)
                {
                    batch.failed(task, new TaskFailedException("the result of task " + index + " from " + member +
                        " could not be decoded: " + ex.getMessage(), index, member, ex));
                    continue;
                }
                batch.succeeded(task, value);
            }
            else
            {
                final Throwable cause = ThrowableCodec.decode(reader, codec);
                batch.failed(task, new TaskFailedException("task " + index + " failed in " + member + ": " + cause,
                    index, member, cause));
            }
        }
    }

    private static void failAll(final TaskBatch batch, final int[] sent, final int count, final String what,
        final RuntimeException cause)
    {
        for (int i = 0; i < count; i++)
        {
            final long index = batch.index(sent[i]);
            batch.failed(sent[i], new TaskFailedException("task " + index + " " + what + ": " + cause, index, null,
                cause));
        }
    }
}
