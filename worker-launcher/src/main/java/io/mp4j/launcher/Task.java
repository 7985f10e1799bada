package io.mp4j.launcher;

import java.io.Serializable;

/**
 * A function of one argument that runs in a worker: a serializable lambda or method reference, or a class
 * implementing this interface. Process pools send it to worker JVMs by Java serialization (a lambda as its
 * {@link java.lang.invoke.SerializedLambda}: a reference to the method by class and name, plus the captured values),
 * so what it captures must be serializable; thread pools call it directly.
 *
 * @param <T> the argument type.
 * @param <R> the result type.
 */
@FunctionalInterface
public interface Task<T, R> extends Serializable
{
    /**
     * @param argument the argument.
     * @return the result.
     * @throws Exception any failure, reported to the caller with this task's index.
     */
    R call(T argument) throws Exception;
}
