package io.mp4j.launcher.inspect;

import io.mp4j.ipc.liveness.ProcessIdentity;
import io.mp4j.ipc.region.RegionKind;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code mp4j clean} will do ({@link Cleaner#plan}): regions to remove, counters to free, space directories to
 * remove once empty, and what it leaves and why.
 *
 * @param root         the root of spaces.
 * @param removals     regions whose creator is dead and that no live process maps, with their Chronicle files.
 * @param frees        counters of dead owners in registries that stay.
 * @param directories  space directories to remove once empty (after the removals).
 * @param leaves       files left with a reason worth telling: no creator recorded, or still mapped.
 * @param liveRegions  how many regions stay because their creator is alive.
 * @param mapsChecked  whether the processes' mappings could be read ({@link MappedFiles#available()}).
 */
public record CleanPlan(Path root, List<Removal> removals, List<Free> frees, List<Path> directories,
    List<Leave> leaves, int liveRegions, boolean mapsChecked)
{
    /**
     * A region to remove.
     *
     * @param file           the region file.
     * @param kind           its kind, or null if unknown to this version.
     * @param lengthBytes    its size.
     * @param creator        its creator, dead when planned.
     * @param creationTimeMs its creation time: with the creator, what the re-check before removal compares.
     * @param companions     files removed with it: its Chronicle Map file ({@code <name>~map}).
     */
    public record Removal(Path file, RegionKind kind, long lengthBytes, ProcessIdentity creator, long creationTimeMs,
        List<Path> companions)
    {
    }

    /**
     * A counter to free in a registry that stays.
     *
     * @param registry the registry's file.
     * @param id       the counter's id.
     * @param label    its label.
     * @param owner    its owner, dead when planned.
     */
    public record Free(Path registry, int id, String label, ProcessIdentity owner)
    {
    }

    /**
     * A file left, and why.
     *
     * @param file   the file or directory.
     * @param reason why it stays.
     */
    public record Leave(Path file, String reason)
    {
    }

    /**
     * @return true if there is nothing to remove or free.
     */
    public boolean isEmpty()
    {
        return removals.isEmpty() && frees.isEmpty() && directories.isEmpty();
    }
}
