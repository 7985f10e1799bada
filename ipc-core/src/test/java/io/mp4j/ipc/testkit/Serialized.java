package io.mp4j.ipc.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Java serialization to and from base64 text, to hand small objects (handles) to a child JVM as arguments.
 * Reading goes through a filter that admits only mp4j's and java.lang's classes.
 *
 * <p>Threading: static methods, any thread.
 */
public final class Serialized
{
    private static final ObjectInputFilter FILTER =
        ObjectInputFilter.Config.createFilter("maxdepth=8;maxrefs=1000;io.mp4j.**;java.lang.*;!*");

    private Serialized()
    {
    }

    /**
     * @param object an object.
     * @return its Java serialization as base64 text.
     */
    public static String toBase64(final Serializable object)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(object);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot serialize " + object, ex);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * @param base64 text from {@link #toBase64(Serializable)}.
     * @param type   the object's class.
     * @param <T>    its type.
     * @return the object.
     */
    public static <T> T fromBase64(final String base64, final Class<T> type)
    {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64))))
        {
            in.setObjectInputFilter(FILTER);
            return type.cast(in.readObject());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot deserialize a " + type.getSimpleName(), ex);
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalStateException("cannot deserialize a " + type.getSimpleName(), ex);
        }
    }
}
