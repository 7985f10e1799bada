package io.mp4j.launcher.memory;

import io.mp4j.launcher.BiTask;

import java.io.Serial;

/**
 * A two-argument function whose results are kept by a {@link Memory}; see {@link CachedTask}.
 *
 * <p>Threading: thread-safe; safe from many JVMs at once.
 *
 * @param <A> the first argument type.
 * @param <B> the second argument type.
 * @param <R> the result type.
 */
public final class CachedBiTask<A, B, R> implements BiTask<A, B, R>
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final CachedFunction cached;

    CachedBiTask(final CachedFunction cached)
    {
        this.cached = cached;
    }

    /**
     * Returns the stored result for these arguments, or calls the function and stores its result.
     *
     * @param first  the first argument.
     * @param second the second argument.
     * @return the result.
     * @throws UnhashableArgumentException if an argument not ignored cannot be hashed.
     * @throws Exception                   what the function threw.
     * @see CachedTask#call(Object)
     */
    @Override
    @SuppressWarnings("unchecked")
    public R call(final A first, final B second) throws Exception
    {
        return (R)cached.call(new Object[] {first, second}, () -> function().call(first, second));
    }

    /**
     * @param first  the first argument.
     * @param second the second argument.
     * @return whether a whole, valid result for them is stored.
     */
    public boolean isCached(final A first, final B second)
    {
        return cached.isCached(new Object[] {first, second});
    }

    /**
     * @param first  the first argument.
     * @param second the second argument.
     * @return a reference to the stored result, computed if needed.
     * @throws Exception what the function threw.
     * @see CachedTask#callAndShelve(Object)
     */
    @SuppressWarnings("unchecked")
    public MemorizedResult<R> callAndShelve(final A first, final B second) throws Exception
    {
        return (MemorizedResult<R>)cached.shelve(new Object[] {first, second}, () -> function().call(first, second));
    }

    /**
     * @return the number of this function's entries removed, of any version of its code.
     */
    public long clear()
    {
        return cached.clear();
    }

    /**
     * Leaves arguments out of the key (joblib's {@code ignore}), such as a verbosity flag or a logger name.
     *
     * @param positions 0 for the first argument, 1 for the second.
     * @return a cached function that ignores them.
     */
    public CachedBiTask<A, B, R> ignoreArguments(final int... positions)
    {
        return new CachedBiTask<>(cached.ignoringArguments(positions));
    }

    /**
     * @param names component names of record arguments to leave out of the key.
     * @return a cached function that ignores them.
     * @see CachedTask#ignoreComponents(String...)
     */
    public CachedBiTask<A, B, R> ignoreComponents(final String... names)
    {
        return new CachedBiTask<>(cached.ignoringComponents(names));
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
    public BiTask<A, B, R> function()
    {
        return (BiTask<A, B, R>)cached.function;
    }

    @Override
    public String toString()
    {
        return "CachedBiTask(" + cached.code().name() + " in " + cached.memory + ")";
    }
}
