package io.mp4j.launcher.cli;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.region.RegionInfo;
import io.mp4j.launcher.inspect.Formats;
import io.mp4j.launcher.inspect.SpaceReader;
import io.mp4j.launcher.inspect.StatView;
import io.mp4j.launcher.inspect.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code mp4j ls}: the spaces under the root and their regions, with kind, size, creator and whether it lives.
 */
@Command(name = "ls", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Lists spaces and their regions, with creators alive or dead.",
    description = {
        "Lists spaces and their regions: name, kind, size, creator pid, whether the creator is alive, and what is " +
            "wrong with a file that is not a sound region. Reads headers only; maps nothing.",
        "Columns are described in docs/COMMAND.md."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:usage error", "3:the space does not exist, or an error"})
final class LsCommand implements Callable<Integer>
{
    @Mixin
    SpaceArgument space;

    @Mixin
    RootOption root;

    @Override
    public Integer call()
    {
        final Path rootDir = root.root();
        final List<Path> spaces = space.spaces(rootDir);
        final PrintStream out = System.out;
        if (!space.named())
        {
            out.println(spaces.isEmpty() ? "no spaces under " + rootDir :
                spaces.size() + (spaces.size() == 1 ? " space" : " spaces") + " under " + rootDir);
        }
        for (final Path directory : spaces)
        {
            final List<RegionInfo> regions = Space.at(directory).list();
            long bytes = 0;
            for (final RegionInfo region : regions)
            {
                bytes += Math.max(0, region.lengthBytes());
            }
            out.println();
            out.println("space " + directory.getFileName() + "  " + directory + "  " + regions.size() +
                (regions.size() == 1 ? " file, " : " files, ") + Formats.bytes(bytes));
            if (regions.isEmpty())
            {
                out.println("  (empty)");
                continue;
            }
            final Table table = new Table("  ", new String[] {"name", "kind", "size", "creator", "alive", "problem"},
                1, 4, 5);
            for (final RegionInfo region : regions)
            {
                final boolean hasCreator = region.creator() != null && region.creator().pid() > 0;
                table.row(region.name(), StatView.kindName(region.kind()), Formats.bytes(region.lengthBytes()),
                    hasCreator ? Long.toString(region.creator().pid()) : "-",
                    hasCreator ? (region.creatorAlive() ? "yes" : "no") : "-",
                    region.problem() == null ? "" : SpaceReader.shortProblem(region.problem(), region.file()));
            }
            table.lines().forEach(line -> out.println(line.stripTrailing()));
        }
        out.flush();
        return Mp4jCommand.EXIT_OK;
    }
}
