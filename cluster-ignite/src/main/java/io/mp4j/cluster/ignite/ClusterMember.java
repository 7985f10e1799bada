package io.mp4j.cluster.ignite;

import io.mp4j.launcher.cli.Subcommand;
import io.mp4j.launcher.worker.ParentWatch;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteState;
import org.apache.ignite.Ignition;
import org.apache.ignite.IgnitionListener;
import org.apache.ignite.configuration.IgniteConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one member of an mp4j Ignite cluster in this JVM until the member stops (SIGTERM stops it cleanly). The
 * member runs the tasks drivers send, so the drivers' task classes must be on its class path, as on a worker JVM's:
 * peer class loading is off.
 *
 * <pre>
 * java @ignite-flags -Xmx256m -cp mp4j-and-your-classes io.mp4j.cluster.ignite.ClusterMember \
 *     --addresses 127.0.0.1:47500..47502 --discovery-port 47500 --communication-port 47100
 * </pre>
 *
 * <p>The JVM needs the flags of the set {@code ignite} ({@link io.mp4j.ipc.jvm.JvmFlags#set}); without them the
 * member does not start and names those missing. Once the member has joined it prints one line starting with
 * {@value #READY_PREFIX} to standard output. Also available as {@code mp4j cluster-member} where this module is on
 * the {@code mp4j} command's class path.
 *
 * <p>Threading: {@link #call()} runs on the thread that starts the member, and returns once it has stopped.
 */
@Command(name = "cluster-member", mixinStandardHelpOptions = true,
    description = "Runs one member of an mp4j Apache Ignite cluster until it stops.")
public final class ClusterMember implements Subcommand
{
    /** Start of the line printed once the member has joined the cluster. */
    public static final String READY_PREFIX = "mp4j cluster member ready:";

    @Option(names = "--addresses", required = true, split = ",",
        description = "Discovery addresses of every member, host:port or host:first..last, comma separated.")
    private List<String> addresses;

    @Option(names = "--host", defaultValue = "127.0.0.1",
        description = "Local address to bind and announce (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--discovery-port", defaultValue = "" + ClusterSettings.DEFAULT_DISCOVERY_PORT,
        description = "This member's discovery port, one of the addresses (default: ${DEFAULT-VALUE}).")
    private int discoveryPort;

    @Option(names = "--communication-port", defaultValue = "" + ClusterSettings.DEFAULT_COMMUNICATION_PORT,
        description = "First communication port to try (default: ${DEFAULT-VALUE}).")
    private int communicationPort;

    @Option(names = "--communication-port-range",
        defaultValue = "" + ClusterSettings.DEFAULT_COMMUNICATION_PORT_RANGE,
        description = "Ports after the first to try (default: ${DEFAULT-VALUE}).")
    private int communicationPortRange;

    @Option(names = "--data-region-mb", defaultValue = "" + (ClusterSettings.DEFAULT_DATA_REGION_BYTES >> 20),
        description = "Largest off-heap data region, MiB (default: ${DEFAULT-VALUE}).")
    private long dataRegionMb;

    @Option(names = "--compute-threads", defaultValue = "0",
        description = "Threads running tasks (default: one per processor).")
    private int computeThreads;

    @Option(names = "--work-dir", description = "Ignite's work directory (default: java.io.tmpdir/mp4j-ignite-USER).")
    private Path workDirectory;

    @Option(names = "--name", description = "The node's name (default: mp4j-member-DISCOVERYPORT).")
    private String name;

    @Option(names = "--parent-pid", defaultValue = "0",
        description = "Exit when the process with this pid stops being the parent (0: never).")
    private long parentPid;

    /**
     * @param args the options above.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new ClusterMember()).execute(args));
    }

    /**
     * @return the settings the options describe.
     */
    ClusterSettings settings()
    {
        ClusterSettings settings = ClusterSettings.of(addresses.toArray(new String[0]))
            .withHost(host)
            .withDiscoveryPort(discoveryPort)
            .withCommunicationPort(communicationPort, communicationPortRange)
            .withDataRegionBytes(dataRegionMb << 20)
            .withInstanceName(name);
        if (computeThreads > 0)
        {
            settings = settings.withComputeThreads(computeThreads);
        }
        if (workDirectory != null)
        {
            settings = settings.withWorkDirectory(workDirectory);
        }
        return settings;
    }

    /**
     * Starts the member, prints the ready line, and waits until it stops.
     *
     * @return 0 once the member has stopped.
     * @throws MissingJvmFlagsException if this JVM lacks Ignite's flags.
     * @throws InterruptedException     if interrupted while the member runs.
     */
    @Override
    public Integer call() throws InterruptedException
    {
        if (parentPid > 0)
        {
            ParentWatch.start(parentPid);
        }
        IgniteFlags.requireInThisJvm();
        final ClusterSettings settings = settings();
        final IgniteConfiguration configuration = NodeConfigurations.member(settings);
        final String nodeName = configuration.getIgniteInstanceName();
        final CountDownLatch stopped = new CountDownLatch(1);
        final IgnitionListener listener = (instance, state) ->
        {
            if (state != IgniteState.STARTED && nodeName.equals(instance))
            {
                stopped.countDown();
            }
        };
        Ignition.addListener(listener);
        final Ignite ignite = Ignition.start(configuration);
        System.out.println(READY_PREFIX + " name=" + ignite.name() + " discovery=" + settings.host() + ":" +
            settings.discoveryPort() + " servers=" + ignite.cluster().forServers().nodes().size() + " pid=" +
            ProcessHandle.current().pid());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
