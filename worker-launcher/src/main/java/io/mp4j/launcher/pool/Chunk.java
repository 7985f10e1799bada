package io.mp4j.launcher.pool;

/**
 * Tasks of one call sent to a worker together: the function they call, their positions in the call's input and their
 * arguments (for arity 2, two per task), with the attempt count a retry raises. The function is the call's, except
 * in a stream of calls to several functions ({@link CallStream}), where each chunk holds consecutive tasks of one.
 *
 * <p>Threading: built by the caller, then owned by whichever pool thread handles it.
 */
final class Chunk
{
    final Call call;
    /** A task, bi-task or job: what the workers call for every task of this chunk. */
    final Object function;
    /** 1 for a task, 2 for a bi-task, 0 for a job. */
    final int arity;
    /** What the pool made of {@link #function} to send it, or null. */
    final Object prepared;
    final long[] positions;
    final Object[] arguments;
    int attempt = 1;
    int requeues;
    long notBeforeNs;

    Chunk(final Call call, final long[] positions, final Object[] arguments)
    {
        this(call, call.function, call.arity, call.prepared, positions, arguments);
    }

    Chunk(final Call call, final Object function, final int arity, final Object prepared, final long[] positions,
        final Object[] arguments)
    {
        this.call = call;
        this.function = function;
        this.arity = arity;
        this.prepared = prepared;
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
        return arity == 0 ? null : arguments[index * arity];
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
        final int width = arity;
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
        final Chunk selected = new Chunk(call, function, arity, prepared, p, width == 0 ? new Object[count] : a);
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
        final Object[] a = arity == 0 ? arguments :
            java.util.Arrays.copyOfRange(arguments, from * arity, to * arity);
        final Chunk slice = new Chunk(call, function, arity, prepared, p, a);
        slice.attempt = attempt;
        slice.requeues = requeues;
        return slice;
    }
}
