package io.mp4j.ipc.pipe;

import io.mp4j.ipc.SharedHandle;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.layout.PipeDescriptor;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionKind;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A pipe between this JVM (end A) and a child JVM (end B): traffic, and the child killed, killed mid-write, and
 * stopped.
 */
@NoLeaks
class PipeCrossJvmTest
{
    private static final ConnectionOptions OPTIONS = ConnectionOptions.defaults();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final int CAPACITY = 64 * 1024;

    @TempDir
    Path dir;

    private Space space;

    @BeforeEach
    void setUp()
    {
        space = Space.at(dir);
    }

    @Test
    @Timeout(60)
    void shouldEchoRandomMessagesInOrderThroughChildJvm() throws Exception
    {
        final int count = 3000;
        final long seed = System.nanoTime();
        try (Pipe pipe = Pipe.create(space, "echo", PipeOptions.defaults().withCapacity(CAPACITY));
             ChildJvm child = ChildJvm.start(EchoChild.class, dir.toString(), "echo"))
        {
            final Connection a = pipe.open(Pipe.End.A, OPTIONS);
            awaitOpen(pipe, child);
            final int maxLength = a.maxMessageLength();
            final CompletableFuture<Void> sender = CompletableFuture.runAsync(() ->
            {
                for (int i = 0; i < count; i++)
                {
                    if (i % 7 == 0)
                    {
                        a.send("object " + i);
                    }
                    else
                    {
                        a.sendBytes(payload(seed, i, maxLength));
                    }
                }
            });
            final byte[] buffer = new byte[maxLength];
            for (int i = 0; i < count; i++)
            {
                if (i % 7 == 0)
                {
                    assertEquals("object " + i, a.recv(), "seed=" + seed);
                }
                else
                {
                    final int length = a.recvBytes(buffer, 0);
                    final ByteBuffer echo = ByteBuffer.wrap(buffer, 0, length);
                    assertEquals(i, echo.getInt(), "order; seed=" + seed);
                    final CRC32 crc = new CRC32();
                    crc.update(buffer, 8, length - 8);
                    assertEquals((int)crc.getValue(), echo.getInt(), "checksum of " + i + "; seed=" + seed);
                    assertArrayEquals(payload(seed, i, maxLength), Arrays.copyOf(buffer, length), "seed=" + seed);
                }
            }
            sender.get(10, TimeUnit.SECONDS);

            a.close();
            assertEquals(0, child.waitFor(START_TIMEOUT), "the child saw the end of stream and closed");
            assertFalse(Files.exists(pipe.file()), "the child closed last and removed the file");
        }
    }

    @Test
    @Timeout(60)
    void shouldEndStreamWhenChildIsKilledWhileParentWaits() throws Exception
    {
        try (Pipe pipe = Pipe.create(space, "killed", PipeOptions.defaults().withCapacity(CAPACITY));
             ChildJvm child = ChildJvm.start(EchoChild.class, dir.toString(), "killed"))
        {
            final Connection a = pipe.open(Pipe.End.A, OPTIONS);
            awaitOpen(pipe, child);
            a.send("alive?");
            assertEquals("alive?", a.recv());

            final Thread receiver = Thread.currentThread();
            final CompletableFuture<Long> killer = CompletableFuture.supplyAsync(() ->
            {
                PipeTest.awaitWaiting(receiver);
                child.kill();
                return System.nanoTime();
            });
            final PipeClosedException eof = assertThrows(PipeClosedException.class, a::recv);
            final long killedNs = killer.get();
            final long noticedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNs);
            assertEquals(PipeClosedException.Reason.PEER_DIED, eof.reason());
            assertTrue(eof.getMessage().contains("pid " + child.pid()), eof.getMessage());
            assertTrue(noticedMs < 5_000, "noticed after " + noticedMs + " ms");
            assertThrows(PipeClosedException.class, () -> a.recv(Duration.ofSeconds(1)), "the stream stays ended");
            a.close();
            assertFalse(Files.exists(pipe.file()), "closing after the peer died removes the file");
        }
    }

    @Test
    @Timeout(60)
    void shouldNeverDeliverHalfMessageOfChildKilledBetweenClaimAndCommit() throws Exception
    {
        try (Pipe pipe = Pipe.create(space, "half", PipeOptions.defaults().withCapacity(CAPACITY));
             ChildJvm child = ChildJvm.start(HalfWriterChild.class, dir.toString(), "half");
             Connection a = pipe.open(Pipe.End.A, OPTIONS))
        {
            child.awaitPoint("claimed", START_TIMEOUT);
            assertArrayEquals(filled(100, 1), a.recvBytes());
            assertArrayEquals(filled(200, 2), a.recvBytes());
            final Region raw = RegionFiles.attach(dir, "half", RegionKind.PIPE, 1000);
            try
            {
                final InboundRing ring = new InboundRing(new UnsafeBuffer(raw.body(), PipeDescriptor.ringOffset(
                    CAPACITY, PipeDescriptor.RING_TO_A), PipeDescriptor.ringLength(CAPACITY)));
                assertTrue(ring.hasClaimAtHead(), "the child's claim sits uncommitted under the head");
                assertFalse(ring.hasMessage());
            }
            finally
            {
                raw.close();
            }
            assertFalse(a.poll(Duration.ofMillis(100)), "a claimed record is not a message");

            child.kill();
            final long killedNs = System.nanoTime();
            final PipeClosedException eof = assertThrows(PipeClosedException.class, a::recvBytes);
            assertTrue(System.nanoTime() - killedNs < TimeUnit.SECONDS.toNanos(5));
            assertEquals(PipeClosedException.Reason.PEER_DIED, eof.reason());
            assertTrue(eof.getMessage().contains("dropped"), eof.getMessage());
            assertTrue(a.poll(), "the end of stream is ready at once");
        }
    }

    @Test
    @Timeout(60)
    void shouldTimeOutWhileChildIsStoppedAndResumeAfterContinue() throws Exception
    {
        try (Pipe pipe = Pipe.create(space, "stopped", PipeOptions.defaults().withCapacity(CAPACITY));
             ChildJvm child = ChildJvm.start(EchoChild.class, dir.toString(), "stopped"))
        {
            final Connection a = pipe.open(Pipe.End.A, OPTIONS);
            awaitOpen(pipe, child);
            a.send("before");
            assertEquals("before", a.recv());

            child.stop();
            a.send("during");
            final long startNs = System.nanoTime();
            assertFalse(a.poll(Duration.ofMillis(300)), "a stopped peer sends nothing, and is not dead");
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(300));
            assertThrows(PipeTimeoutException.class, () -> a.recv(Duration.ofMillis(200)));

            child.cont();
            assertEquals("during", a.recv(START_TIMEOUT));
            a.send("after");
            assertEquals("after", a.recv(START_TIMEOUT));
            a.close();
            assertEquals(0, child.waitFor(START_TIMEOUT));
        }
    }

    private static void awaitOpen(final Pipe pipe, final ChildJvm child) throws InterruptedException
    {
        final long startNs = System.nanoTime();
        while (!pipe.isOpen(Pipe.End.B))
        {
            if (System.nanoTime() - startNs > START_TIMEOUT.toNanos())
            {
                fail("child " + child.pid() + " did not open end B within " + START_TIMEOUT);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static byte[] payload(final long seed, final int index, final int maxLength)
    {
        final Random random = new Random(seed * 31 + index);
        final byte[] bytes = new byte[8 + random.nextInt(maxLength - 7)];
        random.nextBytes(bytes);
        final CRC32 crc = new CRC32();
        crc.update(bytes, 8, bytes.length - 8);
        ByteBuffer.wrap(bytes).putInt(index).putInt((int)crc.getValue());
        return bytes;
    }

    private static byte[] filled(final int length, final int value)
    {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte)value);
        return bytes;
    }

    private static Connection openEndB(final String directory, final String name)
    {
        return new ConnectionHandle(new SharedHandle(directory, name, RegionKind.PIPE), Pipe.End.B)
            .open(ConnectionOptions.defaults().withCodec(null));
    }

    /** Echoes every message back, as bytes, until the end of stream. Arguments: space directory, pipe name. */
    public static final class EchoChild
    {
        /**
         * @param args space directory, pipe name.
         */
        public static void main(final String[] args)
        {
            try (Connection b = openEndB(args[0], args[1]))
            {
                final byte[] buffer = new byte[b.maxMessageLength()];
                while (true)
                {
                    final int length;
                    try
                    {
                        length = b.recvBytes(buffer, 0);
                    }
                    catch (final PipeClosedException ex)
                    {
                        return;
                    }
                    b.sendBytes(buffer, 0, length);
                }
            }
        }
    }

    /**
     * Sends two messages, then claims a third in the raw ring, writes half of it and waits to be killed. Arguments:
     * space directory, pipe name.
     */
    public static final class HalfWriterChild
    {
        /**
         * @param args space directory, pipe name.
         */
        public static void main(final String[] args)
        {
            final Connection b = openEndB(args[0], args[1]);
            b.sendBytes(filled(100, 1));
            b.sendBytes(filled(200, 2));
            final Region raw = RegionFiles.attach(Path.of(args[0]), args[1], RegionKind.PIPE, 10_000);
            final OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(raw.body(),
                PipeDescriptor.ringOffset(CAPACITY, PipeDescriptor.RING_TO_A), PipeDescriptor.ringLength(CAPACITY)));
            final int index = ring.tryClaim(PipeDescriptor.MESSAGE_TYPE_ID, 1000);
            ring.buffer().putBytes(index, filled(500, 3));
            ChildPoints.reached("claimed");
            while (true)
            {
                LockSupport.park();
            }
        }
    }
}
