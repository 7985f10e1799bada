package io.mp4j.cluster.ignite;

import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.CodecException;
import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.worker.FrameReader;
import io.mp4j.launcher.worker.FrameWriter;
import io.mp4j.launcher.worker.Frames;
import io.mp4j.launcher.worker.LauncherClasses;
import io.mp4j.launcher.worker.ThrowableCodec;

import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a chunk's tasks on a member: decodes the function (once per key: the last {@value #MAX_FUNCTIONS} are
 * kept), then each task's arguments, calls the function, and encodes each outcome. A task whose arguments cannot be
 * decoded here, that throws, or whose result cannot be encoded fails alone; the others of the chunk still run.
 *
 * <p>Threading: any compute thread, several at once.
 */
final class MemberTasks
{
    /** Decoded functions kept per member. */
    static final int MAX_FUNCTIONS = 256;

    private static final Codec<Object> CODEC = LauncherClasses.codec();
    private static final Map<String, Object> FUNCTIONS = new LinkedHashMap<>(16, 0.75f, true)
    {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Object> eldest)
        {
            return size() > MAX_FUNCTIONS;
        }
    };

    private MemberTasks()
    {
    }

    /**
     * @param member      this member's name, for failures.
     * @param functionKey the function's key.
     * @param function    its DEFINE frame.
     * @param tasks       the BATCH frame.
     * @return the RESULTS frame.
     */
    static byte[] run(final String member, final String functionKey, final byte[] function, final byte[] tasks)
    {
        final FrameReader reader = new FrameReader().wrap(tasks, tasks.length);
        final int count = reader.getInt();
        final int arity = reader.getByte();
        final FrameWriter writer = new FrameWriter().begin(Frames.RESULTS).putString(member).putInt(count);
        Object decoded;
        RuntimeException undecodable = null;
        try
        {
            decoded = function(functionKey, function);
        }
        catch (final RuntimeException ex)
        {
            decoded = null;
            undecodable = new CodecException("the task cannot be decoded in " + member + " (is its class on the " +
                "member's class path?): " + ex.getMessage(), ex);
        }
        for (int i = 0; i < count; i++)
        {
            Object first = null;
            Object second = null;
            Throwable failure = undecodable;
            try
            {
                if (arity >= 1)
                {
                    first = reader.getValue(CODEC);
                }
                if (arity == 2)
                {
                    second = reader.getValue(CODEC);
                }
            }
            catch (final RuntimeException ex)
            {
                failure = new CodecException("an argument of the task cannot be decoded in " + member + ": " +
                    ex.getMessage(), ex);
            }
            Object value = null;
            if (failure == null)
            {
                try
                {
                    value = call(decoded, arity, first, second);
                }
                catch (final Throwable t)
                {
                    failure = t;
                }
            }
            if (failure == null)
            {
                final int mark = writer.position();
                try
                {
                    writer.putByte(Frames.OK).putValue(CODEC, value);
                }
                catch (final RuntimeException ex)
                {
                    writer.rewind(mark);
                    final String type = value == null ? "null" : value.getClass().getName();
                    failure = new CodecException("the result (" + type + ") cannot be sent back from " + member +
                        ": " + ex.getMessage(), ex);
                }
            }
            if (failure != null)
            {
                writer.putByte(Frames.THREW);
                ThrowableCodec.encode(failure, writer, CODEC);
            }
        }
        return TaskWire.frame(writer);
    }

    private static Object function(final String key, final byte[] frame)
    {
        synchronized (FUNCTIONS)
        {
            final Object known = FUNCTIONS.get(key);
            if (known != null)
            {
                return known;
            }
        }
        final Object function = new FrameReader().wrap(frame, frame.length).getValue(CODEC);
        synchronized (FUNCTIONS)
        {
            FUNCTIONS.putIfAbsent(key, function);
        }
        return function;
    }

    @SuppressWarnings("unchecked")
    private static Object call(final Object function, final int arity, final Object first, final Object second)
        throws Exception
    {
        return switch (arity)
        {
            case 0 -> ((Job<Object>)function).call();
            case 2 -> ((BiTask<Object, Object, Object>)function).call(first, second);
            default -> ((Task<Object, Object>)function).call(first);
        };
    }
}
