package io.mp4j.launcher.memory;

import io.mp4j.launcher.Task;

import java.io.Serial;

/**
 * A one-argument function whose results are kept by a {@link Memory} (joblib's {@code memory.cache(f)}). It is a
 * {@link Task}: pools, {@code Parallel} and worker JVMs call it like any other, and each JVM shares the one cache
 * directory.
 *
 * <p>Threading: thread-safe; safe from many JVMs at once. The first call in a JVM digests the function's code
 * ({@link FunctionCode}); later calls cost the argument's hash and a file read.
 *
 * @param <T> the argument type.
 * @param <R> the result type.
 */
public final class CachedTask<T, R> implements Task<T, R>
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final CachedFunction cached;

    CachedTask(final CachedFunction cached)
    {
        this.cached = cached;
    }

    /**
     * Returns the stored result for this argument, or calls the function and stores its result. A stored entry that
     * is damaged is removed and the result computed again. What the function throws is not stored.
     *
     * @param argument the argument.
     * @return the result.
     * @throws UnhashableArgumentException if the argument cannot be hashed.
     * @throws IllegalArgumentException    if the result cannot be encoded for storing.
     * @throws Exception                   what the function threw.
     */
    @Override
    @SuppressWarnings("unchecked")
    public R call(final T argument) throws Exception
    {
        return (R)cached.call(new Object[] {argument}, () -> function().call(argument));
    }

    /**
     * @param argument the argument.
     * @return whether a whole, valid result for it is stored (joblib's {@code check_call_in_cache}).
     */
    public boolean isCached(final T argument)
    {
        return cached.isCached(new Object[] {argument});
    }

    /**
     * Makes sure the result is stored, computing it if needed, and returns a reference to it that loads on demand
     * (joblib's {@code call_and_shelve}).
     *
     * @param argument the argument.
     * @return the reference: small, serializable, valid in any JVM that sees the directory.
     * @throws Exception what the function threw.
     */
    @SuppressWarnings("unchecked")
    public MemorizedResult<R> callAndShelve(final T argument) throws Exception
    {
        return (MemorizedResult<R>)cached.shelve(new Object[] {argument}, () -> function().call(argument));
    }

    /**
     * Removes this function's entries, made by any version of its code.
     *
     * @return the number of entries removed.
     */
    public long clear()
    {
        return cached.clear();
    }

    /**
     * Leaves record components out of the key (joblib's {@code ignore}): a record argument is hashed without them.
     *
     * @param names component names of the argument's record type.
     * @return a cached function over the same entries' directory that ignores them.
     */
    public CachedTask<T, R> ignoreComponents(final String... names)
    {
        return new CachedTask<>(cached.ignoringComponents(names));
    }

    /**
     * @return what identifies the function and its code.
     */
    public FunctionCode code()
    {
        return cached.code();
    }

    /**
     * @return the function itself, not cached.
     */
    @SuppressWarnings("unchecked")
    public Task<T, R> function()
    {
        return (Task<T, R>)cached.function;
    }

    @Override
    public String toString()
    {
        return "CachedTask(" + cached.code().name() + " in " + cached.memory + ")";
    }
}
