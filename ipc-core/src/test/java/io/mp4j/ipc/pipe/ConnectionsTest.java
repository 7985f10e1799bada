package io.mp4j.ipc.pipe;

import io.mp4j.ipc.Waitable;
import io.mp4j.ipc.Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Connections#wait}: Python's {@code multiprocessing.connection.wait} over several pipe ends.
 */
class ConnectionsTest
{
    private static final ConnectionOptions OPTIONS = ConnectionOptions.defaults();

    @TempDir
    Path dir;

    @Test
    @Timeout(10)
    void shouldReturnTheReadyConnectionsOnly() throws Exception
    {
        final List<AutoCloseable> resources = new ArrayList<>();
        try
        {
            final List<Connection> senders = new ArrayList<>();
            final List<Connection> receivers = new ArrayList<>();
            open(3, resources, senders, receivers);

            senders.get(0).send("zero");
            senders.get(2).send("two");
            assertEquals(List.of(receivers.get(0), receivers.get(2)), Connections.wait(receivers, Duration.ZERO));
            assertEquals(List.of(receivers.get(0), receivers.get(2)), Connections.wait(receivers));
            assertEquals("zero", receivers.get(0).recv());
            assertEquals(List.of(receivers.get(2)), Connections.wait(receivers, Duration.ofSeconds(1)));

            senders.get(1).close();
            assertEquals(List.of(receivers.get(1), receivers.get(2)), Connections.wait(receivers, Duration.ZERO),
                "a connection whose peer closed is ready: its recv ends the stream at once");
        }
        finally
        {
            closeAll(resources);
        }
    }

    @Test
    @Timeout(10)
    void shouldTimeOutWithNoneReady()
    {
        final List<AutoCloseable> resources = new ArrayList<>();
        try
        {
            final List<Connection> senders = new ArrayList<>();
            final List<Connection> receivers = new ArrayList<>();
            open(2, resources, senders, receivers);
            final Duration timeout = Duration.ofMillis(50);
            final long startNs = System.nanoTime();
            assertEquals(List.of(), Connections.wait(receivers, timeout));
            assertTrue(System.nanoTime() - startNs >= timeout.toNanos());
            assertEquals(List.of(), Connections.wait(receivers, Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> Connections.wait(receivers, Duration.ofMillis(-1)));
        }
        finally
        {
            closeAll(resources);
        }
    }

    @Test
    @Timeout(10)
    void shouldWakeWhenAMessageArrives() throws Exception
    {
        final List<AutoCloseable> resources = new ArrayList<>();
        try
        {
            final List<Connection> senders = new ArrayList<>();
            final List<Connection> receivers = new ArrayList<>();
            open(4, resources, senders, receivers);
            final Thread waiter = Thread.currentThread();
            final CompletableFuture<Void> sender = CompletableFuture.runAsync(() ->
            {
                PipeTest.awaitWaiting(waiter);
                senders.get(3).send("late");
            });
            assertEquals(List.of(receivers.get(3)), Connections.wait(receivers, Duration.ofSeconds(5)));
            sender.get();
            assertEquals("late", receivers.get(3).recv());
        }
        finally
        {
            closeAll(resources);
        }
    }

    @Test
    @Timeout(10)
    void shouldAcceptAnyWaitable()
    {
        final Waitable never = () -> false;
        final Waitable always = () -> true;
        assertEquals(List.of(always), Connections.wait(List.of(never, always)));
        assertEquals(List.of(), Connections.wait(List.of(never), Duration.ofMillis(1)));
    }

    private void open(
        final int count,
        final List<AutoCloseable> resources,
        final List<Connection> senders,
        final List<Connection> receivers)
    {
        final Space space = Space.at(dir);
        for (int i = 0; i < count; i++)
        {
            final Pipe pipe = Pipe.create(space, "p" + i, PipeOptions.defaults().withDuplex(false).withCapacity(4096));
            resources.add(pipe);
            final Connection receiver = pipe.open(Pipe.End.A, OPTIONS);
            resources.add(receiver);
            receivers.add(receiver);
            final Connection sender = pipe.open(Pipe.End.B, OPTIONS);
            resources.add(sender);
            senders.add(sender);
        }
    }

    private static void closeAll(final List<AutoCloseable> resources) throws RuntimeException
    {
        for (final AutoCloseable resource : resources)
        {
            try
            {
                resource.close();
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }
}
