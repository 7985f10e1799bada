package io.mp4j.cluster.ignite;

import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.CodecException;
import io.mp4j.launcher.worker.FrameWriter;
import io.mp4j.launcher.worker.Frames;

import java.util.Arrays;

/**
 * What a pool's chunk carries between a driver and a member, as frames of the launcher's wire format
 * ({@link Frames}) holding values of the launcher's object codec: the same encoding, allow-list and exception
 * transport as between a process pool and its worker JVMs. Ignite only moves the byte arrays.
 *
 * <pre>
 * function  DEFINE   [value function]
 * tasks     BATCH    [int count][byte arity] count x (arity x [int length][value])
 * outcomes  RESULTS  [string worker][int count] count x ([byte OK][int length][value] | [byte THREW][failure])
 * </pre>
 * A failure is {@link io.mp4j.launcher.worker.ThrowableCodec}'s encoding: the exception itself when it serializes,
 * and always its cause chain as text.
 *
 * <p>Threading: static methods, any thread.
 */
final class TaskWire
{
    /** Offset of the count in a tasks frame. */
    static final int TASKS_COUNT_OFFSET = Frames.BODY_OFFSET;

    private TaskWire()
    {
    }

    /**
     * @param codec    the object codec.
     * @param function a task, bi-task or job.
     * @return its DEFINE frame.
     * @throws CodecException naming the function's class if it cannot be encoded.
     */
    static byte[] function(final Codec<Object> codec, final Object function)
    {
        final FrameWriter writer = new FrameWriter().begin(Frames.DEFINE);
        try
        {
            writer.putValue(codec, function);
        }
        catch (final CodecException ex)
        {
            throw new CodecException("the task (" + function.getClass().getName() + ") cannot be sent to a " +
                "cluster member: " + ex.getMessage(), ex);
        }
        return frame(writer);
    }

    /**
     * @param writer a finished frame's writer.
     * @return a copy of the frame.
     */
    static byte[] frame(final FrameWriter writer)
    {
        return Arrays.copyOf(writer.array(), writer.finish());
    }
}
