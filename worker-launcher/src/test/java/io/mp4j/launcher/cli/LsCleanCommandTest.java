package io.mp4j.launcher.cli;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.counters.CounterSnapshot;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.region.SpaceRoot;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mp4j ls} and {@code mp4j clean} run as processes over a root of spaces where one creator JVM was killed
 * (SIGKILL) and another lives: ls tells them apart and lists a foreign file with its problem; clean's dry run removes
 * nothing; clean removes what only the dead one used, frees its counters in the registries that stay, leaves what
 * the live one created or still maps, and what has no creator.
 */
@NoLeaks
@Timeout(120)
class LsCleanCommandTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path root;

    @Test
    void shouldListDeadAndLiveCreatorsThenCleanOnlyWhatTheDeadLeft() throws IOException
    {
        try (ChildJvm live = creator("live").start(); ChildJvm dead = creator("dead").start())
        {
            live.awaitPoint("ready", WAIT);
            dead.awaitPoint("ready", WAIT);
            final long livePid = live.pid();
            final long deadPid = dead.pid();
            dead.kill();
            final Path shared = root.resolve("shared");
            Files.write(shared.resolve("junk"), new byte[300]);
            Files.write(shared.resolve("dead-value~map"), new byte[64]); // a shared map's file follows its region
            Files.write(shared.resolve("orphan~map"), new byte[64]);

            final CommandRun ls = CommandRun.run(root, "ls");
            assertEquals(Mp4jCommand.EXIT_OK, ls.exitCode(), ls.describe());
            assertEquals(List.of("dead-value", "long-value", "192", "B", Long.toString(deadPid), "no"),
                ls.fields("dead-value "), ls.describe());
            assertEquals(List.of("live-value", "long-value", "192", "B", Long.toString(livePid), "yes"),
                ls.fields("live-value "), ls.describe());
            assertTrue(ls.line("junk ").contains("magic"), ls.describe());
            assertNotNull(ls.line("space only-dead "), ls.describe());

            final CommandRun missing = CommandRun.run(root, "ls", "nope");
            assertEquals(Mp4jCommand.EXIT_ERROR, missing.exitCode(), missing.describe());
            assertEquals(1, missing.stderr().lines().count(), missing.describe());
            assertTrue(missing.stderr().contains("no space 'nope'"), missing.describe());

            final CommandRun dryRun = CommandRun.run(root, "clean", "--dry-run");
            assertEquals(Mp4jCommand.EXIT_OK, dryRun.exitCode(), dryRun.describe());
            assertNotNull(dryRun.line("would remove  shared/dead-value  (long-value"), dryRun.describe());
            assertNotNull(dryRun.line("would remove  shared/dead-value~map  (with dead-value)"), dryRun.describe());
            assertNotNull(dryRun.line("would remove  only-dead/x "), dryRun.describe());
            assertNotNull(dryRun.line("would free    counter 'dead-in-live'"), dryRun.describe());
            assertNotNull(dryRun.line("dry run: nothing removed"), dryRun.describe());
            assertTrue(Files.exists(shared.resolve("dead-value")));
            assertTrue(Files.exists(root.resolve("only-dead").resolve("x")));
            assertEquals(List.of("dead-in-live", "live-requests"), counterLabels(shared, "live-counters"));

            final CommandRun clean = CommandRun.run(root, "clean");
            assertEquals(Mp4jCommand.EXIT_OK, clean.exitCode(), clean.describe());
            assertFalse(Files.exists(shared.resolve("dead-value")), clean.describe());
            assertFalse(Files.exists(shared.resolve("dead-value~map")), clean.describe());
            assertFalse(Files.exists(root.resolve("only-dead")), clean.describe());
            assertEquals(List.of("live-requests"), counterLabels(shared, "live-counters"), clean.describe());
            assertEquals(List.of("live-in-dead"), counterLabels(shared, "counters"), clean.describe());
            for (final String kept : List.of("live-value", "live-counters", "counters", "junk", "orphan~map"))
            {
                assertTrue(Files.exists(shared.resolve(kept)), kept + " kept\n" + clean.describe());
            }
            assertTrue(clean.line("leave         shared/counters:").contains("pids [" + livePid + "]"),
                clean.describe());
            assertTrue(clean.line("leave         shared/junk:").contains("no creator"), clean.describe());
            assertTrue(clean.line("leave         shared/orphan~map:").contains("no creator"), clean.describe());

            final CommandRun again = CommandRun.run(root, "clean", "shared");
            assertEquals(Mp4jCommand.EXIT_OK, again.exitCode(), again.describe());
            assertNotNull(again.line("nothing to remove"), again.describe());
        }
    }

    @Test
    void shouldSayNoSpacesUnderAnEmptyRootAndRefuseBadArgumentsInOneLine()
    {
        final CommandRun ls = CommandRun.run(root.resolve("none"), "ls");
        assertEquals(Mp4jCommand.EXIT_OK, ls.exitCode(), ls.describe());
        assertNotNull(ls.line("no spaces under " + root.resolve("none")), ls.describe());

        final CommandRun badName = CommandRun.run(root, "clean", "bad name!");
        assertEquals(Mp4jCommand.EXIT_USAGE, badName.exitCode(), badName.describe());
        assertEquals(1, badName.stderr().lines().count(), badName.describe());

        final CommandRun badOption = CommandRun.run(root, "clean", "--no-such-option");
        assertEquals(Mp4jCommand.EXIT_USAGE, badOption.exitCode(), badOption.describe());
        assertEquals(List.of("mp4j: Unknown option: '--no-such-option' (see 'mp4j clean --help')"),
            badOption.stderr().lines().toList(), badOption.describe());
    }

    private ChildJvm.Builder creator(final String role)
    {
        return ChildJvm.of(Creator.class).systemProperty(SpaceRoot.PROPERTY, root.toString()).arguments(role)
            .timeout(Duration.ofSeconds(100));
    }

    private static List<String> counterLabels(final Path space, final String registry)
    {
        try (Counters counters = Space.at(space).attach(registry, Counters.class))
        {
            return counters.snapshot().stream().map(CounterSnapshot::label).sorted().toList();
        }
    }

    /**
     * A creator of regions under the root given by {@code -Dmp4j.dir}, then parked. Role {@code live}: in space
     * {@code shared}, the value {@code live-value} and the registry {@code live-counters} with counter
     * {@code live-requests}; then, once the dead one's registry {@code counters} exists, a counter in it (so it maps
     * it). Role {@code dead}: the value {@code dead-value} and the registry {@code counters} in {@code shared}, the
     * value {@code x} in space {@code only-dead}, and, once the live one's registry exists, the counter
     * {@code dead-in-live} in it.
     */
    public static final class Creator
    {
        private Creator()
        {
        }

        /**
         * @param args the role: {@code live} or {@code dead}.
         */
        public static void main(final String[] args)
        {
            final boolean live = "live".equals(args[0]);
            final Space shared = Space.open("shared");
            shared.sharedLong(live ? "live-value" : "dead-value", 1);
            final Counters own = shared.counters(live ? "live-counters" : "counters", 16);
            if (live)
            {
                own.allocate("live-requests");
            }
            else
            {
                own.allocate("dead-requests");
                Space.open("only-dead").sharedLong("x");
            }
            final String other = live ? "counters" : "live-counters";
            Await.until(other + " to be created", WAIT, () -> shared.list().stream()
                .anyMatch(r -> r.name().equals(other) && r.isSound()));
            final Counters theirs = shared.counters(other, 16);
            theirs.allocate(live ? "live-in-dead" : "dead-in-live");
            ChildPoints.parkAt("ready");
        }
    }
}
