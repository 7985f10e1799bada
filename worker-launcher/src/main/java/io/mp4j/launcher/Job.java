package io.mp4j.launcher;

import java.io.Serializable;

/**
 * A computation with no argument that runs in a worker: the target of a worker process, a pool's initializer, or a
 * task given to {@code submit}. Serializable like {@link Task}: the values it captures travel with it.
 *
 * @param <R> the result type ({@code Void} when there is none).
 */
@FunctionalInterface
public interface Job<R> extends Serializable
{
    /**
     * @return the result.
     * @throws Exception any failure, reported to the caller.
     */
    R call() throws Exception;
}
