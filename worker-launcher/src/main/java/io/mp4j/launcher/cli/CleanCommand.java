package io.mp4j.launcher.cli;

import io.mp4j.launcher.inspect.CleanPlan;
import io.mp4j.launcher.inspect.CleanResult;
import io.mp4j.launcher.inspect.Cleaner;
import io.mp4j.launcher.inspect.Formats;
import io.mp4j.launcher.inspect.StatView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mp4j clean}: shows what dead processes left in spaces, then removes it ({@link Cleaner}).
 */
@Command(name = "clean", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Removes what dead processes left in spaces.",
    description = {
        "Removes what dead processes left: regions whose creator is dead and that no live process maps (with their " +
            "Chronicle Map files), counters of dead owners in registries that stay, the launcher spaces of dead " +
            "launchers, and space directories left empty. It first lists what it will remove, and re-checks each " +
            "region right before removing it. A region whose creator is alive is never touched.",
        "Files with no creator to judge by (not mp4j regions, half-written headers) and durable queues stay, with " +
            "the reason. See docs/COMMAND.md."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success (also when there was nothing to remove)", "2:usage error",
        "3:the space does not exist, or something could not be removed"})
final class CleanCommand implements Callable<Integer>
{
    private static final Pattern LAUNCHER_SPACE = Pattern.compile("launcher-(\\d+)");

    @Mixin
    SpaceArgument space;

    @Option(names = {"-n", "--dry-run"}, description = "Only show what would be removed.")
    boolean dryRun;

    @Mixin
    RootOption root;

    @Override
    public Integer call()
    {
        final Path rootDir = root.root();
        final List<Path> spaces = space.spaces(rootDir);
        final PrintStream out = System.out;
        final CleanPlan plan = Cleaner.plan(rootDir, spaces);
        out.println("mp4j clean  " + rootDir + "  " + spaces.size() + (spaces.size() == 1 ? " space" : " spaces") +
            (dryRun ? "  (dry run: nothing is removed)" : ""));
        final String will = dryRun ? "would remove" : "will remove";
        for (final CleanPlan.Removal removal : plan.removals())
        {
            out.println(will + "  " + relative(rootDir, removal.file()) + "  (" + StatView.kindName(removal.kind()) +
                ", " + Formats.bytes(removal.lengthBytes()) + ", creator pid " + removal.creator().pid() + " dead)");
            for (final Path companion : removal.companions())
            {
                out.println(will + "  " + relative(rootDir, companion) + "  (with " +
                    removal.file().getFileName() + ")");
            }
        }
        for (final CleanPlan.Free free : plan.frees())
        {
            out.println((dryRun ? "would free" : "will free") + "    counter '" + free.label() + "' in " +
                relative(rootDir, free.registry()) + "  (owner pid " + free.owner().pid() + " dead)");
        }
        for (final Path directory : plan.directories())
        {
            out.println(will + "  " + relative(rootDir, directory) + "/  (space directory, empty once cleaned" +
                launcherNote(directory) + ")");
        }
        for (final CleanPlan.Leave leave : plan.leaves())
        {
            out.println("leave         " + relative(rootDir, leave.file()) + ": " + leave.reason());
        }
        out.println("keep          " + plan.liveRegions() + (plan.liveRegions() == 1 ? " region" : " regions") +
            " of live creators" + (plan.mapsChecked() ? "" : "; /proc could not be read, so regions still mapped " +
            "by other processes could not be told apart"));
        if (dryRun || plan.isEmpty())
        {
            out.println(plan.isEmpty() ? "nothing to remove" : "dry run: nothing removed");
            out.flush();
            return Mp4jCommand.EXIT_OK;
        }
        final CleanResult result = Cleaner.execute(plan, line -> out.println("  " + line));
        out.println("removed " + result.regions() + (result.regions() == 1 ? " region" : " regions") + " (" +
            Formats.bytes(result.bytes()) + "), freed " + result.counters() +
            (result.counters() == 1 ? " counter" : " counters") + ", removed " + result.directories() +
            (result.directories() == 1 ? " space directory" : " space directories"));
        out.flush();
        for (final String failure : result.failures())
        {
            System.err.println("mp4j: " + failure);
        }
        return result.failures().isEmpty() ? Mp4jCommand.EXIT_OK : Mp4jCommand.EXIT_ERROR;
    }

    private static String relative(final Path root, final Path file)
    {
        return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }

    private static String launcherNote(final Path directory)
    {
        final Matcher launcher = LAUNCHER_SPACE.matcher(directory.getFileName().toString());
        return launcher.matches() ? "; the launcher space of pid " + launcher.group(1) + ", dead" : "";
    }
}
