package io.mp4j.launcher.pool;

/**
 * Tasks of one call sent to a worker together: their positions in the call's input and their arguments (for arity
 * 2, two per task), with the attempt count a retry raises.
 *
 * <p>Threading: built by the caller, then owned by whichever pool thread handles it.
 */
final class Chunk
{
    final Call call;
    final long[] positions;
    final Object[] arguments;
    int attempt = 1;
    int requeues;
    long notBeforeNs;

    Chunk(final Call call, final long[] positions, final Object[] arguments)
    {
        this.call = call;
        this.positions = positions;
        this.arguments = arguments;
    }

    int size()
    {
        return positions.length;
    }

    /**
     * @param index a task's index in this chunk.
     * @return its first argument (null for a job).
     */
    Object first(final int index)
    {
        return call.arity == 0 ? null : arguments[index * call.arity];
    }

    /**
     * @param index a task's index in this chunk.
     * @return its second argument (arity 2 only).
     */
    Object second(final int index)
    {
        return arguments[index * 2 + 1];
    }

    /**
     * @param indices tasks of this chunk, in order.
     * @param count   how many of {@code indices} to take.
     * @return a chunk of these tasks, with the same attempt and requeue counts.
     */
    Chunk select(final int[] indices, final int count)
    {
        final int width = call.arity;
        final long[] p = new long[count];
        final Object[] a = new Object[width == 0 ? 0 : count * width];
        for (int i = 0; i < count; i++)
        {
            p[i] = positions[indices[i]];
            if (width > 0)
            {
                System.arraycopy(arguments, indices[i] * width, a, i * width, width);
            }
        }
        final Chunk selected = new Chunk(call, p, width == 0 ? new Object[count] : a);
        selected.attempt = attempt;
        selected.requeues = requeues;
        return selected;
    }

    /**
     * @param from first task, inclusive.
     * @param to   last task, exclusive.
     * @return a chunk of these tasks of this one, with the same attempt count.
     */
    Chunk slice(final int from, final int to)
    {
        final long[] p = java.util.Arrays.copyOfRange(positions, from, to);
        final Object[] a = call.arity == 0 ? arguments :
            java.util.Arrays.copyOfRange(arguments, from * call.arity, to * call.arity);
        final Chunk slice = new Chunk(call, p, a);
        slice.attempt = attempt;
        slice.requeues = requeues;
        return slice;
    }
}
