package io.mp4j.launcher.memory;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.NoSuchElementException;

/**
 * A reference to a stored result that loads it on demand (joblib's {@code MemorizedResult}, from
 * {@link CachedTask#callAndShelve}). Small and serializable: pass it to another JVM instead of the result.
 *
 * <p>Threading: immutable; {@link #get()} may be called from any thread of any JVM that sees the cache directory.
 *
 * @param <R> the result type.
 */
public final class MemorizedResult<R> implements Serializable
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final Memory memory;
    private final String entry;
    private final String call;

    MemorizedResult(final Memory memory, final String entry, final String call)
    {
        this.memory = memory;
        this.entry = entry;
        this.call = call;
    }

    /**
     * Loads the result.
     *
     * @return the result.
     * @throws NoSuchElementException if the entry was removed (cleared, evicted) or is damaged.
     */
    @SuppressWarnings("unchecked")
    public R get()
    {
        final Object found;
        try
        {
            found = EntryFile.read(path(), buffer -> CachedFunction.CODEC.decode(buffer, 0, buffer.capacity()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read cache entry " + path() + ": " + ex, ex);
        }
        if (found == EntryFile.MISSING || found == EntryFile.CORRUPT)
        {
            throw new NoSuchElementException("the result of " + call + " is no longer in " + memory +
                (found == EntryFile.CORRUPT ? " (its entry is damaged)" : ""));
        }
        memory.store().touch(path());
        return (R)found;
    }

    /**
     * Removes the stored result.
     */
    public void clear()
    {
        memory.store().remove(path());
    }

    /**
     * @return the entry's file.
     */
    public Path path()
    {
        return memory.location().resolve(entry);
    }

    @Override
    public String toString()
    {
        return "MemorizedResult(" + call + ")";
    }
}
