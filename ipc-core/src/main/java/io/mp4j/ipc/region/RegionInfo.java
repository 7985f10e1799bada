package io.mp4j.ipc.region;

import io.mp4j.ipc.liveness.ProcessIdentity;

import java.nio.file.Path;

/**
 * One region of a space as listed by {@code Space.list()}: what its header says, whether its creator lives, and
 * what is wrong with it, if anything.
 *
 * @param name         the region name.
 * @param file         the region file.
 * @param kind         its kind, or null if unknown or unreadable.
 * @param lengthBytes  the file's length.
 * @param creator      the creating process, or null if unreadable.
 * @param creatorAlive whether the creator was alive when listed.
 * @param ready        whether the region was marked ready.
 * @param problem      null for a sound region, else what is wrong (as attach would say).
 */
public record RegionInfo(
    String name,
    Path file,
    RegionKind kind,
    long lengthBytes,
    ProcessIdentity creator,
    boolean creatorAlive,
    boolean ready,
    String problem)
{
    /**
     * @return true if a region is sound: ready, of a known kind, with a length matching its header.
     */
    public boolean isSound()
    {
        return problem == null;
    }
}
