package io.mp4j.ipc;

import io.mp4j.ipc.region.Names;
import io.mp4j.ipc.region.RegionKind;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A shared object named for another JVM: its space directory, its region name and its kind. Tasks carry handles
 * in place of the objects, and re-attach on the other side with {@link #attach(Class)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param spaceDirectory the space's directory, absolute.
 * @param name           the region name.
 * @param kind           the region kind.
 */
public record SharedHandle(String spaceDirectory, String name, RegionKind kind) implements Serializable
{
    /**
     * @param spaceDirectory the space's directory, absolute.
     * @param name           the region name.
     * @param kind           the region kind.
     */
    public SharedHandle
    {
        Objects.requireNonNull(spaceDirectory, "spaceDirectory");
        Objects.requireNonNull(kind, "kind");
        Names.validate("region", name);
    }

    /**
     * Attaches to the object in this JVM.
     *
     * @param type the class of the object, e.g. {@code SharedLong.class}.
     * @param <T>  the object's type.
     * @return the attached object; the caller closes it.
     * @throws Mp4jException         if it no longer exists, or type does not match its kind.
     * @throws RegionFormatException if its file is not a valid region of this kind.
     */
    public <T extends SharedObject> T attach(final Class<T> type)
    {
        return Space.at(Path.of(spaceDirectory)).attach(name, type);
    }
}
