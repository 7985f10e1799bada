package io.mp4j.cluster.ignite;

import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.AtomicConfiguration;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.ExecutorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SystemDataRegionConfiguration;
import org.apache.ignite.failure.StopNodeFailureHandler;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Ignite configuration of mp4j's nodes, members and drivers alike, from {@link ClusterSettings}:
 *
 * <ul>
 *   <li>discovery only through the explicit address list ({@link TcpDiscoveryVmIpFinder}, never multicast); a member
 *       binds exactly its discovery port, a driver (a client node) binds none;</li>
 *   <li>every socket on the settings' host (127.0.0.1 by default); no REST connector and no thin-client listener,
 *       so a node binds its discovery and communication ports and nothing else;</li>
 *   <li>no peer class loading: members load tasks from their own class path, as worker JVMs do;</li>
 *   <li>a small data region ({@link ClusterSettings#dataRegionBytes()}, a 10 to 40 MiB system region) instead of
 *       Ignite's 20% of RAM; no persistence;</li>
 *   <li>shared state is written synchronously to its backup: the atomics have one backup, and caches named
 *       {@value #STATE_CACHE_TEMPLATE} get {@code FULL_SYNC} and one backup (Ignite's default, {@code PRIMARY_SYNC}
 *       reading from backups, lost updates under locks);</li>
 *   <li>a member runs tasks on {@link ClusterSettings#computeThreads()} threads of its own executor,
 *       {@value #TASK_EXECUTOR}, announced to drivers as the node attribute {@value #COMPUTE_THREADS_ATTRIBUTE}: not
 *       on Ignite's public pool, which handles the requests that cancel jobs and so must not be full of tasks that
 *       wait for them;</li>
 *   <li>a driver whose node fails stops that node and lets its JVM live (Ignite's default halts the JVM).</li>
 * </ul>
 *
 * <p>Threading: static methods, any thread.
 */
public final class NodeConfigurations
{
    /** Node attribute holding a member's compute threads. */
    public static final String COMPUTE_THREADS_ATTRIBUTE = "mp4j.compute.threads";
    /** The members' executor that runs tasks. */
    public static final String TASK_EXECUTOR = "mp4j-tasks";
    /** Template of caches holding shared state: {@code FULL_SYNC}, one backup. */
    public static final String STATE_CACHE_TEMPLATE = "mp4j-*";
    /** How long a driver waits to join a member before it fails. */
    public static final long DRIVER_JOIN_TIMEOUT_MS = 30_000;

    private static final long SYSTEM_REGION_INITIAL_BYTES = 10L << 20;
    private static final long SYSTEM_REGION_MAX_BYTES = 40L << 20;
    private static final long DATA_REGION_INITIAL_BYTES = 16L << 20;
    private static final int PUBLIC_THREADS = 2;
    private static final AtomicInteger DRIVERS = new AtomicInteger();

    private NodeConfigurations()
    {
    }

    /**
     * @param settings the cluster's settings.
     * @return the configuration of a member (a server node).
     */
    public static IgniteConfiguration member(final ClusterSettings settings)
    {
        final String name = settings.instanceName() != null ? settings.instanceName() :
            "mp4j-member-" + settings.discoveryPort();
        final TcpDiscoverySpi discovery = discovery(settings);
        discovery.setLocalPort(settings.discoveryPort());
        discovery.setLocalPortRange(0);
        final DataStorageConfiguration storage = new DataStorageConfiguration();
        storage.setDefaultDataRegionConfiguration(new DataRegionConfiguration()
            .setName("default")
            .setInitialSize(Math.min(DATA_REGION_INITIAL_BYTES, settings.dataRegionBytes()))
            .setMaxSize(settings.dataRegionBytes())
            .setPersistenceEnabled(false));
        storage.setSystemDataRegionConfiguration(new SystemDataRegionConfiguration()
            .setInitialSize(SYSTEM_REGION_INITIAL_BYTES)
            .setMaxSize(SYSTEM_REGION_MAX_BYTES));
        return common(settings, name, discovery)
            .setClientMode(false)
            .setExecutorConfiguration(new ExecutorConfiguration(TASK_EXECUTOR).setSize(settings.computeThreads()))
            .setUserAttributes(Map.of(COMPUTE_THREADS_ATTRIBUTE, settings.computeThreads()))
            .setDataStorageConfiguration(storage);
    }

    /**
     * @param settings the cluster's settings.
     * @return the configuration of a driver (a client node: it joins the members, holds no data, runs no task).
     */
    public static IgniteConfiguration driver(final ClusterSettings settings)
    {
        final String name = settings.instanceName() != null ? settings.instanceName() :
            "mp4j-driver-" + ProcessHandle.current().pid() + "-" + DRIVERS.incrementAndGet();
        final TcpDiscoverySpi discovery = discovery(settings);
        discovery.setJoinTimeout(DRIVER_JOIN_TIMEOUT_MS);
        return common(settings, name, discovery)
            .setClientMode(true)
            .setFailureHandler(new StopNodeFailureHandler());
    }

    private static IgniteConfiguration common(final ClusterSettings settings, final String name,
        final TcpDiscoverySpi discovery)
    {
        final TcpCommunicationSpi communication = new TcpCommunicationSpi();
        communication.setLocalAddress(settings.host());
        communication.setLocalPort(settings.communicationPort());
        communication.setLocalPortRange(settings.communicationPortRange());
        return new IgniteConfiguration()
            .setIgniteInstanceName(name)
            .setLocalHost(settings.host())
            .setWorkDirectory(settings.workDirectory().toAbsolutePath().toString())
            .setPeerClassLoadingEnabled(false)
            .setPublicThreadPoolSize(PUBLIC_THREADS)
            .setMetricsLogFrequency(0)
            .setConnectorConfiguration(null)
            .setClientConnectorConfiguration(null)
            .setDiscoverySpi(discovery)
            .setCommunicationSpi(communication)
            .setAtomicConfiguration(new AtomicConfiguration().setCacheMode(CacheMode.PARTITIONED).setBackups(1))
            .setCacheConfiguration(new CacheConfiguration<>(STATE_CACHE_TEMPLATE)
                .setCacheMode(CacheMode.PARTITIONED)
                .setBackups(1)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC));
    }

    private static TcpDiscoverySpi discovery(final ClusterSettings settings)
    {
        final TcpDiscoveryVmIpFinder finder = new TcpDiscoveryVmIpFinder(false);
        finder.setAddresses(settings.addresses());
        final TcpDiscoverySpi discovery = new TcpDiscoverySpi();
        discovery.setLocalAddress(settings.host());
        discovery.setIpFinder(finder);
        return discovery;
    }
}
