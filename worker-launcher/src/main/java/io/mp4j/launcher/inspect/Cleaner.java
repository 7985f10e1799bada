package io.mp4j.launcher.inspect;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.layout.RegionHeaderDescriptor;
import io.mp4j.ipc.liveness.ProcessIdentity;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionHeader;
import io.mp4j.ipc.region.RegionInfo;
import io.mp4j.ipc.region.RegionKind;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static io.mp4j.ipc.layout.CountersDescriptor.*;

/**
 * Removes what dead processes left in spaces, never what a live one may use. {@link #plan} decides, from one listing
 * and one reading of every process's mappings:
 * <ul>
 *   <li>a region whose creator (pid and start time, from its header) is dead and that no live process maps is
 *       removed, with its Chronicle Map file ({@code <name>~map});</li>
 *   <li>a region whose creator is alive stays; so does one whose creator is dead but that a live process still maps
 *       (it attached it and uses it on);</li>
 *   <li>a file with no creator to judge by (not an mp4j region, a header not yet written, a layout this version cannot
 *       read) stays: nothing says whose it is;</li>
 *   <li>a Chronicle Map file follows its region ({@code <name>}); with none, it stays, as does a durable queue's
 *       directory ({@code <name>~queue}): a durable queue is meant to outlive the processes that write it;</li>
 *   <li>in a counters registry that stays (live creator, or still mapped), a counter whose owner is dead is freed,
 *       with the registry's own protocol (a compare-and-set of its record);</li>
 *   <li>a space directory left empty is removed, and the root too once it holds no space.</li>
 * </ul>
 * {@link #execute} re-checks each region right before removing it: the same creator and creation time, still dead.
 *
 * <p>Threading: static methods, any thread.
 */
public final class Cleaner
{
    private static final String MAP_SUFFIX = "~map";
    private static final String QUEUE_SUFFIX = "~queue";

    private Cleaner()
    {
    }

    /**
     * @param root   the root of spaces.
     * @param spaces the space directories to clean.
     * @return what cleaning them would do.
     */
    public static CleanPlan plan(final Path root, final List<Path> spaces)
    {
        final MappedFiles mapped = MappedFiles.scan(root);
        final List<CleanPlan.Removal> removals = new ArrayList<>();
        final List<CleanPlan.Free> frees = new ArrayList<>();
        final List<CleanPlan.Leave> leaves = new ArrayList<>();
        final List<Path> directories = new ArrayList<>();
        int live = 0;
        for (final Path space : spaces)
        {
            final List<RegionInfo> infos = Space.at(space).list();
            final Set<String> names = new HashSet<>();
            infos.forEach(info -> names.add(info.name()));
            int staying = 0;
            for (final RegionInfo info : infos)
            {
                final String name = info.name();
                if (info.kind() == RegionKind.CHRONICLE_MAP && names.contains(base(name, MAP_SUFFIX)))
                {
                    continue; // follows its region
                }
                if (info.kind() == RegionKind.CHRONICLE_MAP || info.kind() == RegionKind.DURABLE_QUEUE)
                {
                    final String base = base(name, info.kind() == RegionKind.CHRONICLE_MAP ? MAP_SUFFIX : QUEUE_SUFFIX);
                    leaves.add(new CleanPlan.Leave(info.file(), (info.kind() == RegionKind.DURABLE_QUEUE ?
                        "a durable queue outlives the processes that write it" :
                        "a shared map's file without its region '" + base + "', so no creator recorded") +
                        "; remove it with Space.remove(\"" + base + "\") once nothing uses it"));
                    staying++;
                    continue;
                }
                final RegionHeader header = trustedHeader(info, leaves);
                if (header == null)
                {
                    staying++;
                    continue;
                }
                final ProcessIdentity creator = header.creator();
                if (creator.isAlive())
                {
                    live++;
                    staying++;
                    if (info.kind() == RegionKind.COUNTERS && info.isSound())
                    {
                        frees.addAll(deadOwners(info.file()));
                    }
                    continue;
                }
                final List<Path> companions = new ArrayList<>();
                final Path map = space.resolve(name + MAP_SUFFIX);
                if (names.contains(map.getFileName().toString()))
                {
                    companions.add(map);
                }
                final Set<Long> users = new HashSet<>(mapped.mappers(info.file()));
                companions.forEach(c -> users.addAll(mapped.mappers(c)));
                if (!users.isEmpty())
                {
                    leaves.add(new CleanPlan.Leave(info.file(), "its creator " + creator + " is dead, but " +
                        "processes still map it: pids " + users));
                    staying++;
                    if (info.kind() == RegionKind.COUNTERS && info.isSound())
                    {
                        frees.addAll(deadOwners(info.file()));
                    }
                    continue;
                }
                if (info.kind() == RegionKind.COUNTERS && info.isSound() && registryHasLiveOwners(info.file()))
                {
                    leaves.add(new CleanPlan.Leave(info.file(), "its creator " + creator + " is dead, but " +
                        "live processes own counters in it"));
                    staying++;
                    continue;
                }
                removals.add(new CleanPlan.Removal(info.file(), info.kind(), info.lengthBytes(), creator,
                    header.creationTimeMs(), companions));
            }
            if (staying == 0)
            {
                directories.add(space);
            }
        }
        return new CleanPlan(root, removals, frees, directories, leaves, live, mapped.available());
    }

    private static String base(final String name, final String suffix)
    {
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    /**
     * @return the file's header if its creator fields can be trusted (an mp4j region of a layout this version reads),
     * else null, with the reason added to the leaves.
     */
    private static RegionHeader trustedHeader(final RegionInfo info, final List<CleanPlan.Leave> leaves)
    {
        final RegionHeader header;
        try
        {
            header = RegionFiles.readHeader(info.file());
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final RuntimeException ex)
        {
            leaves.add(new CleanPlan.Leave(info.file(), SpaceReader.shortProblem(ex.getMessage(), info.file()) +
                "; no creator recorded"));
            return null;
        }
        if (header.magic() != RegionHeaderDescriptor.MAGIC)
        {
            leaves.add(new CleanPlan.Leave(info.file(), "not an mp4j region (its magic is wrong), so no creator " +
                "recorded"));
            return null;
        }
        if (header.versionMajor() != RegionHeaderDescriptor.VERSION_MAJOR)
        {
            leaves.add(new CleanPlan.Leave(info.file(), "layout " + header.versionMajor() + "." +
                header.versionMinor() + ", which this mp4j cannot read: its creator is not known for sure"));
            return null;
        }
        return header;
    }

    private static List<CleanPlan.Free> deadOwners(final Path registry)
    {
        final List<CleanPlan.Free> frees = new ArrayList<>();
        forEachCounter(registry, (id, label, owner) ->
        {
            if (!owner.isAlive())
            {
                frees.add(new CleanPlan.Free(registry, id, label, owner));
            }
        });
        return frees;
    }

    private static boolean registryHasLiveOwners(final Path registry)
    {
        final boolean[] live = {false};
        forEachCounter(registry, (id, label, owner) -> live[0] |= owner.isAlive());
        return live[0];
    }

    private interface CounterVisitor
    {
        void visit(int id, String label, ProcessIdentity owner);
    }

    private static void forEachCounter(final Path registry, final CounterVisitor visitor)
    {
        try (Region region = RegionFiles.attachReadOnly(registry, RegionKind.COUNTERS))
        {
            final AtomicBuffer body = region.body();
            final int max = maxCounters(body.capacity());
            final UnsafeBuffer metaData = new UnsafeBuffer(body, 0, valuesOffset(max));
            final CountersReader reader = new CountersReader(metaData,
                new UnsafeBuffer(body, valuesOffset(max), max * CountersReader.COUNTER_LENGTH));
            reader.forEach((id, label) -> visitor.visit(id, label, owner(metaData, id)));
        }
        catch (final IOException | RuntimeException ex)
        {
            // unreadable or gone: nothing to free in it
        }
    }

    private static ProcessIdentity owner(final AtomicBuffer metaData, final int id)
    {
        final int key = CountersReader.metaDataOffset(id) + CountersReader.KEY_OFFSET;
        return new ProcessIdentity(metaData.getLong(key + KEY_OWNER_PID_OFFSET),
            metaData.getLong(key + KEY_OWNER_START_TIME_OFFSET));
    }

    /**
     * Carries out a plan: each region after re-checking it (same creator and creation time, still dead), each
     * counter after re-checking it (still allocated, same label and owner, still dead), then each space directory
     * found empty, then the root if it holds no space.
     *
     * @param plan   what to do.
     * @param report told one line per thing done or skipped.
     * @return what was done.
     */
    public static CleanResult execute(final CleanPlan plan, final Consumer<String> report)
    {
        int regions = 0;
        long bytes = 0;
        int counters = 0;
        int directories = 0;
        final List<String> failures = new ArrayList<>();
        for (final CleanPlan.Removal removal : plan.removals())
        {
            final String skip = recheck(removal);
            if (skip != null)
            {
                report.accept("skipped " + removal.file() + ": " + skip);
                continue;
            }
            try
            {
                Files.deleteIfExists(removal.file());
                for (final Path companion : removal.companions())
                {
                    Files.deleteIfExists(companion);
                }
                regions++;
                bytes += removal.lengthBytes();
                report.accept("removed " + removal.file());
            }
            catch (final IOException ex)
            {
                failures.add("cannot remove " + removal.file() + ": " + ex);
            }
        }
        for (final CleanPlan.Free free : plan.frees())
        {
            counters += free(free, report, failures) ? 1 : 0;
        }
        for (final Path directory : plan.directories())
        {
            if (removeIfEmpty(directory, failures))
            {
                directories++;
                report.accept("removed " + directory + "/");
            }
        }
        if (plan.directories().size() > 0 && removeIfEmpty(plan.root(), failures))
        {
            report.accept("removed " + plan.root() + "/ (no space left in it)");
        }
        return new CleanResult(regions, bytes, counters, directories, failures);
    }

    private static String recheck(final CleanPlan.Removal removal)
    {
        final RegionHeader now;
        try
        {
            now = RegionFiles.readHeader(removal.file());
        }
        catch (final NoSuchFileException ex)
        {
            return "already gone";
        }
        catch (final RuntimeException ex)
        {
            return "cannot read it again: " + ex.getMessage();
        }
        if (now.magic() != RegionHeaderDescriptor.MAGIC || !now.creator().equals(removal.creator()) ||
            now.creationTimeMs() != removal.creationTimeMs())
        {
            return "another region took its name since it was listed";
        }
        if (now.creator().isAlive())
        {
            return "its creator " + now.creator() + " is alive";
        }
        return null;
    }

    private static boolean free(final CleanPlan.Free free, final Consumer<String> report, final List<String> failures)
    {
        final Path registry = free.registry();
        try (Counters counters = Space.at(registry.getParent()).attach(registry.getFileName().toString(),
            Counters.class))
        {
            final CountersReader reader = counters.reader();
            if (reader.getCounterState(free.id()) != CountersReader.RECORD_ALLOCATED ||
                !free.label().equals(reader.getCounterLabel(free.id())) ||
                !free.owner().equals(counters.owner(free.id())) || free.owner().isAlive())
            {
                report.accept("skipped counter '" + free.label() + "' of " + registry + ": changed since listed");
                return false;
            }
            if (counters.free(free.id()))
            {
                report.accept("freed counter '" + free.label() + "' of " + registry + " (owner " + free.owner() +
                    " dead)");
                return true;
            }
            return false;
        }
        catch (final Mp4jException ex)
        {
            failures.add("cannot free counter '" + free.label() + "' of " + registry + ": " + ex.getMessage());
            return false;
        }
    }

    private static boolean removeIfEmpty(final Path directory, final List<String> failures)
    {
        if (!Files.isDirectory(directory))
        {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory))
        {
            if (entries.iterator().hasNext())
            {
                return false;
            }
        }
        catch (final IOException ex)
        {
            failures.add("cannot list " + directory + ": " + ex);
            return false;
        }
        try
        {
            Files.delete(directory);
            return true;
        }
        catch (final java.nio.file.DirectoryNotEmptyException | NoSuchFileException ex)
        {
            return false; // a process is creating a region in it, or another clean removed it
        }
        catch (final IOException ex)
        {
            failures.add("cannot remove " + directory + ": " + ex);
            return false;
        }
    }
}
