package io.mp4j.launcher;

import java.io.Serializable;

/**
 * A function of two arguments that runs in a worker, for {@code starmap}: serializable like {@link Task}.
 *
 * @param <A> the first argument type.
 * @param <B> the second argument type.
 * @param <R> the result type.
 */
@FunctionalInterface
public interface BiTask<A, B, R> extends Serializable
{
    /**
     * @param first  the first argument.
     * @param second the second argument.
     * @return the result.
     * @throws Exception any failure, reported to the caller with this task's index.
     */
    R call(A first, B second) throws Exception;
}
