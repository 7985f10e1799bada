package io.mp4j.cluster.ignite;

import io.mp4j.ipc.jvm.JvmFlags;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ignite's flags come from the one list ({@link JvmFlags#set}): Surefire gave them to this JVM, and a JVM started
 * with mp4j's common flags only (as a user's driver might be) fails at once with a message naming those missing,
 * before Ignite is touched, as a driver and as a member.
 */
@NoLeaks
@Timeout(60)
class IgniteFlagsTest
{
    private static final Duration EXIT = Duration.ofSeconds(30);

    @Test
    void shouldFindEveryIgniteFlagInThisJvm()
    {
        assertEquals(List.of(), IgniteFlags.missingInThisJvm());
        final List<String> given = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(given.containsAll(JvmFlags.set(JvmFlags.IGNITE)), "missing from " + given);
    }

    @Test
    void shouldRefuseToStartADriverWithoutTheFlagsAndNameThem()
    {
        try (ChildJvm child = ChildJvm.start(DriverWithoutFlags.class))
        {
            assertNotEquals(0, child.waitFor(EXIT));
            final String stderr = child.stderr();
            assertTrue(stderr.contains(MissingJvmFlagsException.class.getName()), stderr);
            assertTrue(stderr.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), stderr);
            assertTrue(stderr.contains("--add-opens=java.base/java.util.concurrent=ALL-UNNAMED"), stderr);
            assertFalse(stderr.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"),
                "a flag of the common list is not missing: " + stderr);
            assertFalse(stderr.contains("org.apache.ignite"), "Ignite was not touched: " + stderr);
        }
    }

    @Test
    void shouldRefuseToStartAMemberWithoutTheFlags()
    {
        try (ChildJvm child = ChildJvm.start(ClusterMember.class, "--addresses", "127.0.0.1:47500"))
        {
            assertNotEquals(0, child.waitFor(EXIT));
            assertTrue(child.stderr().contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), child.stderr());
            assertFalse(child.stdout().contains(ClusterMember.READY_PREFIX), child.stdout());
        }
    }

    /**
     * A driver started with mp4j's common flags only.
     */
    public static final class DriverWithoutFlags
    {
        private DriverWithoutFlags()
        {
        }

        /**
         * @param args none.
         */
        public static void main(final String[] args)
        {
            try (IgniteCluster cluster = IgniteCluster.connect(ClusterSettings.of("127.0.0.1:47500")))
            {
                System.out.println("connected to " + cluster);
            }
        }
    }
}
