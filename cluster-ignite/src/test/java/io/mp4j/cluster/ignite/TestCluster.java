package io.mp4j.cluster.ignite;

import io.mp4j.ipc.jvm.JvmFlags;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.ChildJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cluster for one test class: member JVMs ({@link ClusterMember} in {@link ChildJvm}s, with the production JVM
 * flags plus the set {@code ignite}) and this JVM's driver node, all on 127.0.0.1, with a discovery list naming
 * exactly the members' ports, from a block of ports of its own ({@link FreePorts}), and a work directory of its
 * own under {@code target/}. Members exit if this JVM dies. {@link #close()} stops the driver, kills the members
 * still alive and checks that no member process and no thread of the driver node is left.
 *
 * <p>Threading: one test thread.
 */
final class TestCluster implements AutoCloseable
{
    /** How long members get to start and join. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** How long a member may live: a safety net for a test that hangs. */
    static final Duration MEMBER_LIFETIME = Duration.ofMinutes(10);
    /** Compute threads of each member. */
    static final int COMPUTE_THREADS = 2;
    /** Ports after the first the driver may try for communication. */
    private static final int DRIVER_PORT_RANGE = 10;

    private final List<ChildJvm> members;
    private final IgniteCluster driver;
    private final ClusterSettings settings;
    private final Path workDirectory;

    private TestCluster(final List<ChildJvm> members, final IgniteCluster driver, final ClusterSettings settings,
        final Path workDirectory)
    {
        this.members = members;
        this.driver = driver;
        this.settings = settings;
        this.workDirectory = workDirectory;
    }

    /**
     * Starts the members at once, waits until each is ready, then connects this JVM's driver and waits until it
     * sees them all.
     *
     * @param count members, 2 or 3.
     * @return the running cluster.
     */
    static TestCluster start(final int count)
    {
        final int first = FreePorts.block(2 * count + DRIVER_PORT_RANGE + 1);
        final String addresses = "127.0.0.1:" + first + ".." + (first + count - 1);
        final Path work = workDirectory();
        final List<ChildJvm> members = new ArrayList<>();
        IgniteCluster driver = null;
        try
        {
            for (int i = 0; i < count; i++)
            {
                members.add(ChildJvm.of(ClusterMember.class)
                    .jvmOptions(JvmFlags.set(JvmFlags.IGNITE).toArray(new String[0]))
                    .jvmOptions("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC")
                    .arguments("--addresses", addresses,
                        "--discovery-port", Integer.toString(first + i),
                        "--communication-port", Integer.toString(first + count + i),
                        "--communication-port-range", "0",
                        "--data-region-mb", "64",
                        "--compute-threads", Integer.toString(COMPUTE_THREADS),
                        "--work-dir", work.toString(),
                        "--parent-pid", Long.toString(ProcessHandle.current().pid()))
                    .timeout(MEMBER_LIFETIME)
                    .start());
            }
            for (final ChildJvm member : members)
            {
                member.awaitStdout(ClusterMember.READY_PREFIX, START_TIMEOUT);
            }
            final ClusterSettings settings = ClusterSettings.of(addresses)
                .withCommunicationPort(first + 2 * count, DRIVER_PORT_RANGE)
                .withWorkDirectory(work);
            driver = IgniteCluster.connect(settings);
            final IgniteCluster connected = driver;
            Await.until(() -> "the driver to see " + count + " members, sees " + connected.members(), START_TIMEOUT,
                () -> connected.members() == count);
            return new TestCluster(members, driver, settings, work);
        }
        catch (final RuntimeException | Error ex)
        {
            if (driver != null)
            {
                driver.close();
            }
            members.forEach(member -> System.err.println(member.describe()));
            members.forEach(ChildJvm::close);
            throw ex;
        }
    }

    /**
     * @return the driver's handle on the cluster.
     */
    IgniteCluster driver()
    {
        return driver;
    }

    /**
     * @return the settings the driver joined with.
     */
    ClusterSettings settings()
    {
        return settings;
    }

    /**
     * @param index a member, from 0.
     * @return its JVM.
     */
    ChildJvm member(final int index)
    {
        return members.get(index);
    }

    @Override
    public void close()
    {
        final String driverName = driver.ignite().name();
        driver.close();
        members.forEach(ChildJvm::close);
        for (final ChildJvm member : members)
        {
            if (member.isAlive())
            {
                throw new AssertionError("member still alive: " + member.describe());
            }
        }
        Await.until(() -> "the driver node's threads to end: " + threadsOf(driverName), Duration.ofSeconds(30),
            () -> threadsOf(driverName).isEmpty());
        deleteTree(workDirectory);
    }

    private static List<String> threadsOf(final String nodeName)
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.isAlive() && thread.getName().contains(nodeName))
            .map(Thread::getName)
            .toList();
    }

    private static Path workDirectory()
    {
        try
        {
            final Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "ignite-work-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void deleteTree(final Path root)
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + root, ex);
        }
    }
}
