package io.mp4j.ipc;

import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;

/**
 * What a shared object becomes in a Java serialization stream written by an mp4j codec: its handle. Reading it back
 * attaches to the same region in the reading JVM, so a task can capture or take a {@code SharedLong} (or any value,
 * array or counters registry) and use it in a worker as in the caller. The attached object stays mapped until the
 * reading JVM exits or the task closes it.
 *
 * @param handle the shared object's handle.
 */
public record SharedReference(SharedHandle handle) implements Serializable
{
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @return the shared object, attached in this JVM.
     * @throws ObjectStreamException never; attach failures are {@link Mp4jException}s naming the region.
     */
    @Serial
    private Object readResolve() throws ObjectStreamException
    {
        return handle.attach(SharedObject.class);
    }
}
