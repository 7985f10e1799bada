package io.mp4j.launcher.parallel;

import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.Task;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A function and its arguments, to be called later by {@link Parallel}: joblib's {@code delayed(f)(*args)}. Made by
 * {@link Parallel#delayed(Task, Object)}, {@link Parallel#delayed(BiTask, Object, Object)} and
 * {@link Parallel#delayed(Job)}. The function is any the pools accept: a {@link Task}, {@link BiTask} or {@link Job}
 * (a serializable lambda, a method reference or a class).
 *
 * <p>Calls to one function object (a non-capturing method reference or lambda written once, such as
 * {@code delayed(Example::cube, x)} in a loop, is one object) that follow each other in the input travel together:
 * the function goes to each worker once and each call carries only its arguments.
 *
 * <p>Immutable; serializable when its function and arguments are.
 *
 * @param <R> the result type.
 */
public final class Delayed<R> implements Serializable
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final Serializable function;
    private final int arity;
    // the arguments are any objects: a Delayed serializes when they do, as documented
    @SuppressWarnings("serial")
    private final Object first;
    @SuppressWarnings("serial")
    private final Object second;

    private Delayed(final Serializable function, final int arity, final Object first, final Object second)
    {
        this.function = Objects.requireNonNull(function, "function");
        this.arity = arity;
        this.first = first;
        this.second = second;
    }

    static <T, R> Delayed<R> of(final Task<? super T, ? extends R> task, final T argument)
    {
        return new Delayed<>(task, 1, argument, null);
    }

    static <A, B, R> Delayed<R> of(final BiTask<? super A, ? super B, ? extends R> task, final A first,
        final B second)
    {
        return new Delayed<>(task, 2, first, second);
    }

    static <R> Delayed<R> of(final Job<? extends R> job)
    {
        return new Delayed<>(job, 0, null, null);
    }

    /**
     * @return the function: a {@link Task}, {@link BiTask} or {@link Job}.
     */
    public Object function()
    {
        return function;
    }

    /**
     * @return the arguments, in order: none for a job, one for a task, two for a bi-task.
     */
    public List<Object> arguments()
    {
        return switch (arity)
        {
            case 0 -> List.of();
            case 1 -> Collections.singletonList(first);
            default -> Collections.unmodifiableList(Arrays.asList(first, second));
        };
    }

    /**
     * Calls the function on the arguments, here, in this thread.
     *
     * @return the function's result.
     * @throws Exception what the function throws.
     */
    @SuppressWarnings("unchecked")
    public R call() throws Exception
    {
        return switch (arity)
        {
            case 0 -> ((Job<? extends R>)function).call();
            case 1 -> ((Task<Object, ? extends R>)function).call(first);
            default -> ((BiTask<Object, Object, ? extends R>)function).call(first, second);
        };
    }

    int arity()
    {
        return arity;
    }

    Object first()
    {
        return first;
    }

    Object second()
    {
        return second;
    }

    @Override
    public String toString()
    {
        final StringJoiner args = new StringJoiner(", ", "(", ")");
        arguments().forEach(a -> args.add(String.valueOf(a)));
        return "delayed(" + function + ")" + args;
    }
}
