package io.mp4j.launcher.cli;

import io.mp4j.ipc.region.SpaceRoot;
import io.mp4j.ipc.testkit.ChildJvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code mp4j} command run as a process: a child JVM running {@link Mp4jCommand} with the test class path and
 * mp4j's JVM flags, its root of spaces set with {@code -Dmp4j.dir}.
 *
 * @param exitCode its exit code.
 * @param stdout   what it printed on standard output.
 * @param stderr   what it printed on standard error.
 * @param describe the child's command and output, for failure messages.
 */
record CommandRun(int exitCode, String stdout, String stderr, String describe)
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * @param root the root of spaces.
     * @param args the command line after {@code mp4j}.
     * @return how it ended.
     */
    static CommandRun run(final Path root, final String... args)
    {
        try (ChildJvm child = builder(root, args).start())
        {
            final int exitCode = child.waitFor(WAIT);
            return new CommandRun(exitCode, child.stdout(), child.stderr(), child.describe());
        }
    }

    /**
     * @param root the root of spaces.
     * @param args the command line after {@code mp4j}.
     * @return a builder of the child JVM running it.
     */
    static ChildJvm.Builder builder(final Path root, final String... args)
    {
        return ChildJvm.of(Mp4jCommand.class).systemProperty(SpaceRoot.PROPERTY, root.toString()).arguments(args)
            .timeout(WAIT.plusSeconds(10));
    }

    /**
     * @param prefix what a line starts with, after its indentation.
     * @return the first line of standard output that does, stripped, or null.
     */
    String line(final String prefix)
    {
        return stdout.lines().map(String::strip).filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
    }

    /**
     * @param prefix what a line starts with, after its indentation.
     * @return the whitespace-separated fields of the first line of standard output that does.
     * @throws AssertionError if there is none.
     */
    List<String> fields(final String prefix)
    {
        final String line = line(prefix);
        if (line == null)
        {
            throw new AssertionError("no line starting with '" + prefix + "' in:\n" + describe);
        }
        return List.of(line.split("\\s+"));
    }
}
