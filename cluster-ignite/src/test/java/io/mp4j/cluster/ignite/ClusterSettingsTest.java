package io.mp4j.cluster.ignite;

import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings are checked when made, and become the node configurations the class comment of
 * {@link NodeConfigurations} promises.
 */
class ClusterSettingsTest
{
    @Test
    void shouldRefuseBadAddressesAndSizes()
    {
        assertThrows(IllegalArgumentException.class, ClusterSettings::of);
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.of("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.of("127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.of("127.0.0.1:47502..47500"));
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.of("127.0.0.1:70000"));
        final ClusterSettings good = ClusterSettings.of("127.0.0.1:47500..47502", "127.0.0.1:47600");
        assertThrows(IllegalArgumentException.class, () -> good.withDataRegionBytes(1 << 20));
        assertThrows(IllegalArgumentException.class, () -> good.withComputeThreads(0));
        assertThrows(IllegalArgumentException.class, () -> good.withDiscoveryPort(0));
    }

    @Test
    void shouldReadDriverSettingsFromSystemProperties()
    {
        final String[] keys = {ClusterSettings.ADDRESSES_PROPERTY, ClusterSettings.HOST_PROPERTY,
            ClusterSettings.COMMUNICATION_PORT_PROPERTY, ClusterSettings.WORK_DIRECTORY_PROPERTY};
        for (final String key : keys)
        {
            assertNull(System.getProperty(key), key);
        }
        assertThrows(IllegalStateException.class, ClusterSettings::fromSystemProperties);
        try
        {
            System.setProperty(ClusterSettings.ADDRESSES_PROPERTY, "127.0.0.1:47500..47501, 127.0.0.2:47500");
            System.setProperty(ClusterSettings.HOST_PROPERTY, "127.0.0.2");
            System.setProperty(ClusterSettings.COMMUNICATION_PORT_PROPERTY, "29000");
            System.setProperty(ClusterSettings.WORK_DIRECTORY_PROPERTY, "/tmp/w");
            final ClusterSettings settings = ClusterSettings.fromSystemProperties();
            assertEquals(List.of("127.0.0.1:47500..47501", "127.0.0.2:47500"), settings.addresses());
            assertEquals("127.0.0.2", settings.host());
            assertEquals(29000, settings.communicationPort());
            assertEquals(Path.of("/tmp/w"), settings.workDirectory());
        }
        finally
        {
            for (final String key : keys)
            {
                System.clearProperty(key);
            }
        }
    }

    @Test
    void shouldConfigureMembersForExplicitDiscoveryOnTheirOwnPorts()
    {
        final ClusterSettings settings = ClusterSettings.of("127.0.0.1:28500..28502").withDiscoveryPort(28501)
            .withCommunicationPort(28600, 0).withDataRegionBytes(64L << 20).withComputeThreads(3);
        final IgniteConfiguration member = NodeConfigurations.member(settings);
        assertFalse(member.isClientMode());
        assertFalse(member.isPeerClassLoadingEnabled());
        assertEquals("127.0.0.1", member.getLocalHost());
        assertNull(member.getConnectorConfiguration());
        assertNull(member.getClientConnectorConfiguration());
        assertEquals(NodeConfigurations.TASK_EXECUTOR, member.getExecutorConfiguration()[0].getName());
        assertEquals(3, member.getExecutorConfiguration()[0].getSize());
        assertEquals(3, member.getUserAttributes().get(NodeConfigurations.COMPUTE_THREADS_ATTRIBUTE));
        assertEquals(64L << 20, member.getDataStorageConfiguration().getDefaultDataRegionConfiguration()
            .getMaxSize());
        final TcpDiscoverySpi discovery = assertInstanceOf(TcpDiscoverySpi.class, member.getDiscoverySpi());
        assertEquals(0, discovery.getLocalPortRange(), "the member binds its discovery port exactly");
        final TcpDiscoveryVmIpFinder finder = assertInstanceOf(TcpDiscoveryVmIpFinder.class, discovery.getIpFinder());
        assertFalse(finder.isShared());
        assertEquals(3, finder.getRegisteredAddresses().size(), "the three addresses of the list, and no other");
        final TcpCommunicationSpi communication = assertInstanceOf(TcpCommunicationSpi.class,
            member.getCommunicationSpi());
        assertEquals(28600, communication.getLocalPort());
        assertEquals(0, communication.getLocalPortRange());
        final CacheConfiguration<?, ?> template = member.getCacheConfiguration()[0];
        assertEquals(NodeConfigurations.STATE_CACHE_TEMPLATE, template.getName());
        assertEquals(CacheWriteSynchronizationMode.FULL_SYNC, template.getWriteSynchronizationMode());
        assertEquals(1, template.getBackups());
        assertEquals(1, member.getAtomicConfiguration().getBackups());
    }

    @Test
    void shouldConfigureDriversAsClientsThatLetTheirJvmLive()
    {
        final IgniteConfiguration driver = NodeConfigurations.driver(ClusterSettings.of("127.0.0.1:28500"));
        assertTrue(driver.isClientMode());
        assertEquals(NodeConfigurations.DRIVER_JOIN_TIMEOUT_MS,
            ((TcpDiscoverySpi)driver.getDiscoverySpi()).getJoinTimeout());
        assertTrue(driver.getFailureHandler().getClass().getSimpleName().startsWith("StopNode"));
        assertFalse(driver.getIgniteInstanceName().equals(
            NodeConfigurations.driver(ClusterSettings.of("127.0.0.1:28500")).getIgniteInstanceName()),
            "two drivers of one JVM have names of their own");
    }
}
