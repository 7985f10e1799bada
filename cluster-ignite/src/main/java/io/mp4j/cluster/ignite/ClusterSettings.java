package io.mp4j.cluster.ignite;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where the nodes of an mp4j Ignite cluster are and what they may take: the one explicit list of discovery addresses
 * (no multicast, no cloud discovery: a node only ever talks to the addresses named), the local address and ports a
 * node binds, and a member's memory and compute threads. Members ({@link ClusterMember}) and drivers
 * ({@link IgniteCluster#connect}) of one cluster use the same addresses. Immutable.
 *
 * @param addresses              discovery addresses of the members, {@code host:port} or
 *                               {@code host:firstPort..lastPort}, e.g. {@code 127.0.0.1:47500..47502}.
 * @param host                   the local address this node binds and announces; {@code 127.0.0.1} by default, so
 *                               that nothing leaves the host unless asked.
 * @param discoveryPort          a member's discovery port, bound exactly (it is what {@code addresses} names);
 *                               unused by a driver, which binds no discovery port.
 * @param communicationPort      the first port this node tries for communication.
 * @param communicationPortRange how many ports after {@code communicationPort} it may try.
 * @param dataRegionBytes        a member's off-heap data region, its largest size (Ignite's default is 20% of RAM).
 * @param computeThreads         a member's threads running tasks (Ignite's public pool), at least 1.
 * @param workDirectory          where Ignite keeps its marshaller mappings and logs.
 * @param instanceName           the node's name, or null for one made from its role, port and pid.
 */
public record ClusterSettings(
    List<String> addresses,
    String host,
    int discoveryPort,
    int communicationPort,
    int communicationPortRange,
    long dataRegionBytes,
    int computeThreads,
    Path workDirectory,
    String instanceName)
{
    /** Ignite's default discovery port. */
    public static final int DEFAULT_DISCOVERY_PORT = 47500;
    /** Ignite's default communication port. */
    public static final int DEFAULT_COMMUNICATION_PORT = 47100;
    /** Ports after the first a node may try for communication, by default. */
    public static final int DEFAULT_COMMUNICATION_PORT_RANGE = 100;
    /** A member's data region by default: small, since the pool keeps no data in the cluster. */
    public static final long DEFAULT_DATA_REGION_BYTES = 128L << 20;
    /** Smallest data region Ignite accepts. */
    public static final long MIN_DATA_REGION_BYTES = 10L << 20;

    /** System property: discovery addresses, comma separated (required by {@link #fromSystemProperties()}). */
    public static final String ADDRESSES_PROPERTY = "mp4j.ignite.addresses";
    /** System property: the local address. */
    public static final String HOST_PROPERTY = "mp4j.ignite.host";
    /** System property: the first communication port. */
    public static final String COMMUNICATION_PORT_PROPERTY = "mp4j.ignite.communicationPort";
    /** System property: the work directory. */
    public static final String WORK_DIRECTORY_PROPERTY = "mp4j.ignite.workDirectory";

    /**
     * Validates.
     *
     * @param addresses              discovery addresses.
     * @param host                   the local address.
     * @param discoveryPort          a member's discovery port.
     * @param communicationPort      the first communication port.
     * @param communicationPortRange ports after it to try.
     * @param dataRegionBytes        a member's data region.
     * @param computeThreads         a member's task threads.
     * @param workDirectory          Ignite's work directory.
     * @param instanceName           the node's name, or null.
     */
    public ClusterSettings
    {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty())
        {
            throw new IllegalArgumentException("addresses is empty: name the members' discovery addresses, e.g. " +
                "127.0.0.1:47500..47502");
        }
        for (final String address : addresses)
        {
            checkAddress(address);
        }
        Objects.requireNonNull(host, "host");
        checkPort("discoveryPort", discoveryPort);
        checkPort("communicationPort", communicationPort);
        if (communicationPortRange < 0)
        {
            throw new IllegalArgumentException("communicationPortRange is negative: communicationPortRange=" +
                communicationPortRange);
        }
        if (dataRegionBytes < MIN_DATA_REGION_BYTES)
        {
            throw new IllegalArgumentException("dataRegionBytes must be at least " + MIN_DATA_REGION_BYTES +
                ": dataRegionBytes=" + dataRegionBytes);
        }
        if (computeThreads < 1)
        {
            throw new IllegalArgumentException("computeThreads must be at least 1: computeThreads=" +
                computeThreads);
        }
        Objects.requireNonNull(workDirectory, "workDirectory");
    }

    /**
     * @param addresses the members' discovery addresses.
     * @return settings for those members on loopback: default ports, a 128 MiB data region, one compute thread per
     * processor, a work directory under {@code java.io.tmpdir} of this user's.
     */
    public static ClusterSettings of(final String... addresses)
    {
        return new ClusterSettings(List.of(addresses), "127.0.0.1", DEFAULT_DISCOVERY_PORT,
            DEFAULT_COMMUNICATION_PORT, DEFAULT_COMMUNICATION_PORT_RANGE, DEFAULT_DATA_REGION_BYTES,
            Runtime.getRuntime().availableProcessors(), defaultWorkDirectory(), null);
    }

    /**
     * Settings of a driver from system properties: {@value #ADDRESSES_PROPERTY} (required, comma separated),
     * {@value #HOST_PROPERTY}, {@value #COMMUNICATION_PORT_PROPERTY}, {@value #WORK_DIRECTORY_PROPERTY}; the rest
     * as in {@link #of}.
     *
     * @return the settings.
     * @throws IllegalStateException if {@value #ADDRESSES_PROPERTY} is not set.
     */
    public static ClusterSettings fromSystemProperties()
    {
        final String addresses = System.getProperty(ADDRESSES_PROPERTY);
        if (addresses == null || addresses.isBlank())
        {
            throw new IllegalStateException("system property " + ADDRESSES_PROPERTY + " is not set: name the " +
                "members' discovery addresses, e.g. -D" + ADDRESSES_PROPERTY + "=127.0.0.1:47500..47502");
        }
        ClusterSettings settings = of(Arrays.stream(addresses.split(",")).map(String::trim)
            .filter(a -> !a.isEmpty()).toArray(String[]::new));
        final String host = System.getProperty(HOST_PROPERTY);
        if (host != null && !host.isBlank())
        {
            settings = settings.withHost(host.trim());
        }
        final String port = System.getProperty(COMMUNICATION_PORT_PROPERTY);
        if (port != null && !port.isBlank())
        {
            settings = settings.withCommunicationPort(Integer.parseInt(port.trim()), settings.communicationPortRange);
        }
        final String work = System.getProperty(WORK_DIRECTORY_PROPERTY);
        if (work != null && !work.isBlank())
        {
            settings = settings.withWorkDirectory(Path.of(work.trim()));
        }
        return settings;
    }

    /**
     * @param host the local address to bind and announce.
     * @return a copy with it.
     */
    public ClusterSettings withHost(final String host)
    {
        return new ClusterSettings(addresses, host, discoveryPort, communicationPort, communicationPortRange,
            dataRegionBytes, computeThreads, workDirectory, instanceName);
    }

    /**
     * @param discoveryPort a member's discovery port.
     * @return a copy with it.
     */
    public ClusterSettings withDiscoveryPort(final int discoveryPort)
    {
        return new ClusterSettings(addresses, host, discoveryPort, communicationPort, communicationPortRange,
            dataRegionBytes, computeThreads, workDirectory, instanceName);
    }

    /**
     * @param communicationPort the first communication port.
     * @param range             ports after it to try.
     * @return a copy with them.
     */
    public ClusterSettings withCommunicationPort(final int communicationPort, final int range)
    {
        return new ClusterSettings(addresses, host, discoveryPort, communicationPort, range, dataRegionBytes,
            computeThreads, workDirectory, instanceName);
    }

    /**
     * @param dataRegionBytes a member's data region.
     * @return a copy with it.
     */
    public ClusterSettings withDataRegionBytes(final long dataRegionBytes)
    {
        return new ClusterSettings(addresses, host, discoveryPort, communicationPort, communicationPortRange,
            dataRegionBytes, computeThreads, workDirectory, instanceName);
    }

    /**
     * @param computeThreads a member's threads running tasks.
     * @return a copy with it.
     */
    public ClusterSettings withComputeThreads(final int computeThreads)
    {
        return new ClusterSettings(addresses, host, discoveryPort, communicationPort, communicationPortRange,
            dataRegionBytes, computeThreads, workDirectory, instanceName);
    }

    /**
     * @param workDirectory Ignite's work directory.
     * @return a copy with it.
     */
    public ClusterSettings withWorkDirectory(final Path workDirectory)
    {
        return new ClusterSettings(addresses, host, discoveryPort, communicationPort, communicationPortRange,
            dataRegionBytes, computeThreads, workDirectory, instanceName);
    }

    /**
     * @param instanceName the node's name.
     * @return a copy with it.
     */
    public ClusterSettings withInstanceName(final String instanceName)
    {
        return new ClusterSettings(addresses, host, discoveryPort, communicationPort, communicationPortRange,
            dataRegionBytes, computeThreads, workDirectory, instanceName);
    }

    /**
     * @return {@code java.io.tmpdir/mp4j-ignite-<user>}.
     */
    public static Path defaultWorkDirectory()
    {
        return Path.of(System.getProperty("java.io.tmpdir"), "mp4j-ignite-" + System.getProperty("user.name"));
    }

    private static void checkAddress(final String address)
    {
        final int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1)
        {
            throw new IllegalArgumentException("address must be host:port or host:first..last: address=" + address);
        }
        final String ports = address.substring(colon + 1);
        final int dots = ports.indexOf("..");
        try
        {
            if (dots < 0)
            {
                checkPort("port", Integer.parseInt(ports));
            }
            else
            {
                final int first = Integer.parseInt(ports.substring(0, dots));
                final int last = Integer.parseInt(ports.substring(dots + 2));
                checkPort("first port", first);
                checkPort("last port", last);
                if (last < first)
                {
                    throw new IllegalArgumentException("port range ends before it starts: address=" + address);
                }
            }
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("address must be host:port or host:first..last: address=" + address,
                ex);
        }
    }

    private static void checkPort(final String what, final int port)
    {
        if (port < 1 || port > 65_535)
        {
            throw new IllegalArgumentException(what + " must be 1 to 65535: " + what + "=" + port);
        }
    }
}
