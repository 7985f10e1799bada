package io.mp4j.ipc;

import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionKind;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.file.Path;

/**
 * A shared object over one region: a value, an array, a counters registry, and later queues, pipes and locks.
 * Any process that maps the region sees the same object; {@link #handle()} names it for another JVM.
 *
 * <p>Threading: the object's operations are safe from any thread of any process unless a method says otherwise.
 * {@link #close()} unmaps it in this process only, and must not race the object's other operations.
 */
public abstract class SharedObject implements AutoCloseable
{
    /** The mapped region. */
    protected final Region region;

    /** The region's body: offset 0 is the first byte after the header, cache-line aligned. */
    protected final AtomicBuffer buffer;

    /**
     * @param region the mapped region, of the subclass's kind, mapped read-write.
     * @throws IllegalArgumentException if the region is mapped read-only: shared objects write to their regions,
     *                                  and a store to a read-only mapping would end the JVM.
     */
    protected SharedObject(final Region region)
    {
        if (region.readOnly())
        {
            throw new IllegalArgumentException("region " + region.file() + " is mapped read-only: a shared object " +
                "needs a read-write mapping");
        }
        this.region = region;
        this.buffer = region.body();
    }

    /**
     * @return the name of the object within its space.
     */
    public String name()
    {
        return region.name();
    }

    /**
     * @return the region file that holds the object.
     */
    public Path file()
    {
        return region.file();
    }

    /**
     * @return what kind of region holds the object.
     */
    public RegionKind kind()
    {
        return region.kind();
    }

    /**
     * @return true if this process created the region, false if it attached to an existing one.
     */
    public boolean created()
    {
        return region.created();
    }

    /**
     * @return a small serializable name for this object that re-attaches in another JVM.
     */
    public SharedHandle handle()
    {
        return new SharedHandle(region.spaceDirectory().toString(), region.name(), region.kind());
    }

    /**
     * @return true once closed or unlinked in this process.
     */
    public boolean isClosed()
    {
        return region.isClosed();
    }

    /**
     * Unmaps the object in this process; other processes keep it, and the file stays. Idempotent. Using the
     * object after close throws {@link IndexOutOfBoundsException}.
     */
    @Override
    public void close()
    {
        region.close();
    }

    /**
     * Unmaps the object and deletes its file: processes that have it mapped keep using it, new ones cannot
     * attach, and the name is free. Idempotent.
     */
    public void unlink()
    {
        region.unlink();
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + "{" + region.file() + "}";
    }
}
