package io.mp4j.ipc.codec;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the classes named in messages, without initialising them: with the codec's class loader if it has one, else
 * the thread's context class loader, then the loader of mp4j itself. Found classes are cached per name and loader.
 *
 * <p>Threading: thread-safe.
 */
final class ClassResolver
{
    private static final int MAX_CACHED = 4096;

    private final ClassLoader loader;
    private final ConcurrentHashMap<String, Found> cache = new ConcurrentHashMap<>();

    private record Found(ClassLoader loader, Class<?> type)
    {
    }

    /**
     * @param loader the loader to use, or null for the thread's context class loader.
     */
    ClassResolver(final ClassLoader loader)
    {
        this.loader = loader;
    }

    /**
     * @throws ClassNotFoundException if no loader has the class.
     */
    Class<?> load(final String name) throws ClassNotFoundException
    {
        final ClassLoader current = currentLoader();
        final Found found = cache.get(name);
        if (found != null && found.loader() == current)
        {
            return found.type();
        }
        Class<?> type;
        try
        {
            type = Class.forName(name, false, current);
        }
        catch (final ClassNotFoundException ex)
        {
            final ClassLoader own = ClassResolver.class.getClassLoader();
            if (own == current)
            {
                throw ex;
            }
            type = Class.forName(name, false, own);
        }
        if (cache.size() < MAX_CACHED)
        {
            cache.put(name, new Found(current, type));
        }
        return type;
    }

    /**
     * @return the class, or a {@link CodecException} naming it.
     */
    Class<?> resolve(final String name)
    {
        try
        {
            return load(name);
        }
        catch (final ClassNotFoundException | LinkageError | IllegalArgumentException ex)
        {
            throw new CodecException("cannot decode: class not found: name=" + name + " loader=" + currentLoader(), ex);
        }
    }

    /**
     * @return the loader a lookup from this thread uses first.
     */
    ClassLoader currentLoader()
    {
        if (loader != null)
        {
            return loader;
        }
        final ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClassResolver.class.getClassLoader();
    }
}
