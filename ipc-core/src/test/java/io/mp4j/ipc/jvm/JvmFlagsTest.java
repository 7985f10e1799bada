package io.mp4j.ipc.jvm;

import io.mp4j.ipc.region.SpaceRoot;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmFlagsTest
{
    private static final String JDK23_FLAG = "--sun-misc-unsafe-memory-access=allow";

    @Test
    void shouldGiveJdk17NoFlagItRefuses()
    {
        final List<String> flags = JvmFlags.forFeature(17);
        assertTrue(flags.contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"), flags.toString());
        assertTrue(flags.contains("-Dchronicle.analytics.disable=true"), flags.toString());
        assertFalse(flags.contains(JDK23_FLAG), flags.toString());
    }

    @Test
    void shouldAddUnsafeFlagFromJdk23()
    {
        assertTrue(JvmFlags.forFeature(23).contains(JDK23_FLAG));
        assertTrue(JvmFlags.forFeature(25).contains(JDK23_FLAG));
        assertEquals(JvmFlags.forFeature(17).size() + 1, JvmFlags.forFeature(25).size());
    }

    @Test
    void shouldKeepIgniteFlagsInTheirOwnSet()
    {
        final List<String> ignite = JvmFlags.set(JvmFlags.IGNITE);
        assertTrue(ignite.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), ignite.toString());
        assertTrue(ignite.contains("-DIGNITE_UPDATE_NOTIFIER=false"), ignite.toString());
        assertFalse(JvmFlags.forFeature(25).contains("--add-opens=java.base/java.nio=ALL-UNNAMED"));
        assertTrue(JvmFlags.setNames().contains(JvmFlags.IGNITE));
        assertThrows(IllegalArgumentException.class, () -> JvmFlags.set("no-such-set"));
    }

    @Test
    void shouldAddNamedSetsAfterCommonFlags()
    {
        final List<String> command = JavaCommand.forMainClass("a.Main").classPath("cp").flagSets(JvmFlags.IGNITE)
            .maxHeap("64m").build();
        final int common = JvmFlags.forCurrentJvm().size();
        final List<String> ignite = JvmFlags.set(JvmFlags.IGNITE);
        assertEquals(ignite, command.subList(1 + common, 1 + common + ignite.size()));
        assertEquals("-Xmx64m", command.get(1 + common + ignite.size()));
        assertThrows(IllegalArgumentException.class, () -> JavaCommand.forMainClass("a.Main").flagSets("nope"));
    }

    @Test
    void shouldMatchFlagsSurefireGaveThisJvm()
    {
        // Surefire's argLine comes from the same pom properties: the single source reaches both.
        final List<String> actual = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(actual.containsAll(JvmFlags.forCurrentJvm()), "missing from " + actual);
    }

    @Test
    void shouldBuildCommandInOrderAndPassSpaceRoot()
    {
        final String previous = System.getProperty(SpaceRoot.PROPERTY);
        System.setProperty(SpaceRoot.PROPERTY, "/tmp/some-root");
        try
        {
            final List<String> command = JavaCommand.forMainClass("a.Main").classPath("cp").maxHeap("64m")
                .jvmOptions("-XX:+UseSerialGC").systemProperty("k", "v").arguments("x", "y").build();
            final int flags = JvmFlags.forCurrentJvm().size();
            assertTrue(command.get(0).endsWith("/bin/java"));
            assertEquals(JvmFlags.forCurrentJvm(), command.subList(1, 1 + flags));
            assertEquals(List.of("-Xmx64m", "-XX:+UseSerialGC", "-Dk=v", "-Dmp4j.dir=/tmp/some-root", "-cp", "cp",
                "a.Main", "x", "y"), command.subList(1 + flags, command.size()));
        }
        finally
        {
            if (previous == null)
            {
                System.clearProperty(SpaceRoot.PROPERTY);
            }
            else
            {
                System.setProperty(SpaceRoot.PROPERTY, previous);
            }
        }
    }
}
