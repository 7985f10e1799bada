package io.mp4j.ipc.pipe;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.CodecException;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.layout.PipeDescriptor;
import io.mp4j.ipc.liveness.ProcessIdentity;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A pipe's two ends in one JVM: everything but a real peer process.
 */
class PipeTest
{
    private static final ConnectionOptions OPTIONS = ConnectionOptions.defaults()
        .withLivenessCheckInterval(Duration.ofMillis(10));
    private static final Duration SHORT = Duration.ofMillis(50);

    @TempDir
    Path dir;

    private Space space;

    @BeforeEach
    void setUp()
    {
        space = Space.at(dir);
    }

    @Test
    @Timeout(10)
    void shouldRoundTripObjectsBothWaysOnDuplexPipe()
    {
        try (Pipe pipe = Pipe.create(space, "duplex");
             Connection a = pipe.open(Pipe.End.A, OPTIONS);
             Connection b = pipe.open(Pipe.End.B, OPTIONS))
        {
            assertTrue(a.canSend() && a.canReceive() && b.canSend() && b.canReceive());
            a.send("hello");
            a.send(42);
            a.send(null);
            assertEquals("hello", b.recv());
            assertEquals(42, b.recv());
            assertNull(b.recv());
            b.send("reply");
            assertEquals("reply", a.recv());
            assertEquals(ProcessIdentity.current(), a.peer());
            assertEquals(PipeOptions.DEFAULT_CAPACITY / 8, a.maxMessageLength());
            assertEquals(RegionKind.PIPE, pipe.kind());
        }
    }

    @Test
    @Timeout(10)
    void shouldCarryMessagesFromBToAOnlyOnSimplexPipe()
    {
        try (Pipe pipe = Pipe.create(space, "simplex", PipeOptions.defaults().withDuplex(false).withCapacity(4096));
             Connection reader = pipe.open(Pipe.End.A, OPTIONS);
             Connection writer = pipe.open(Pipe.End.B, OPTIONS))
        {
            assertTrue(reader.canReceive());
            assertFalse(reader.canSend());
            assertTrue(writer.canSend());
            assertFalse(writer.canReceive());
            writer.send("one way");
            assertEquals("one way", reader.recv());
            assertThrows(IllegalStateException.class, () -> reader.send("back"));
            assertThrows(IllegalStateException.class, writer::recv);
            assertThrows(IllegalStateException.class, writer::isReady);
            assertEquals(PipeDescriptor.bodyLength(4096, false) + 128, Files.size(pipe.file()));
        }
        catch (final java.io.IOException ex)
        {
            fail(ex);
        }
    }

    @Test
    @Timeout(10)
    void shouldSendAndReceiveBytesWithOffsets()
    {
        try (Pipe pipe = Pipe.create(space, "bytes");
             Connection a = pipe.open(Pipe.End.A, OPTIONS);
             Connection b = pipe.open(Pipe.End.B, OPTIONS))
        {
            final byte[] source = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            a.sendBytes(source, 3, 4);
            a.sendBytes(source);
            a.sendBytes(new byte[0]);
            final byte[] target = new byte[12];
            Arrays.fill(target, (byte)-1);
            assertEquals(4, b.recvBytes(target, 2));
            assertArrayEquals(new byte[] {-1, -1, 3, 4, 5, 6, -1, -1, -1, -1, -1, -1}, target);
            assertArrayEquals(source, b.recvBytes());
            assertEquals(0, b.recvBytes(target, target.length), "an empty message fits at the end");
            assertThrows(IndexOutOfBoundsException.class, () -> a.sendBytes(source, 8, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> b.recvBytes(target, 13));
            assertThrows(IndexOutOfBoundsException.class, () -> b.recvBytes(target, -1));
        }
    }

    @Test
    @Timeout(10)
    void shouldThrowBufferTooShortHoldingTheWholeMessage()
    {
        try (Pipe pipe = Pipe.create(space, "short");
             Connection a = pipe.open(Pipe.End.A, OPTIONS);
             Connection b = pipe.open(Pipe.End.B, OPTIONS))
        {
            final byte[] message = {1, 2, 3, 4, 5, 6};
            a.sendBytes(message);
            a.sendBytes(new byte[] {9});
            final BufferTooShortException ex = assertThrows(BufferTooShortException.class,
                () -> b.recvBytes(new byte[8], 4));
            assertArrayEquals(message, ex.receivedMessage());
            assertEquals(6, ex.messageLength());
            assertEquals(4, ex.room());
            assertTrue(ex.getMessage().contains("6 bytes") && ex.getMessage().contains("4 bytes"), ex.getMessage());
            assertArrayEquals(new byte[] {9}, b.recvBytes(), "the short message was consumed, the next one follows");
        }
    }

    @Test
    @Timeout(10)
    void shouldPollWithTimeout()
    {
        try (Pipe pipe = Pipe.create(space, "poll");
             Connection a = pipe.open(Pipe.End.A, OPTIONS);
             Connection b = pipe.open(Pipe.End.B, OPTIONS))
        {
            assertFalse(b.poll());
            final long startNs = System.nanoTime();
            assertFalse(b.poll(SHORT));
            assertTrue(System.nanoTime() - startNs >= SHORT.toNanos(), "poll waited out its timeout");
            assertThrows(PipeTimeoutException.class, () -> b.recv(SHORT));
            a.send("now");
            assertTrue(b.poll());
            assertTrue(b.poll(SHORT));
            assertTrue(b.isReady());
            assertEquals("now", b.recv(SHORT));
            assertFalse(b.isReady());
        }
    }

    @Test
    @Timeout(10)
    void shouldWakePollWhenMessageArrivesFromAnotherThread() throws Exception
    {
        try (Pipe pipe = Pipe.create(space, "wake");
             Connection a = pipe.open(Pipe.End.A, OPTIONS);
             Connection b = pipe.open(Pipe.End.B, OPTIONS))
        {
            final Thread receiver = Thread.currentThread();
            final CompletableFuture<Void> sender = CompletableFuture.runAsync(() ->
            {
                awaitWaiting(receiver);
                a.send("late");
            });
            assertTrue(b.poll(Duration.ofSeconds(5)));
            assertEquals("late", b.recv());
            sender.get();
        }
    }

    @Test
    @Timeout(10)
    void shouldEndStreamAfterDrainingWhenPeerCloses()
    {
        try (Pipe pipe = Pipe.create(space, "eof");
             Connection b = pipe.open(Pipe.End.B, OPTIONS))
        {
            final Connection a = pipe.open(Pipe.End.A, OPTIONS);
            a.send("first");
            a.send("second");
            a.close();
            assertTrue(a.isClosed());
            a.close();
            assertTrue(b.poll(), "end of stream counts as ready");
            assertEquals("first", b.recv());
            assertEquals("second", b.recv());
            assertTrue(b.poll());
            final PipeClosedException eof = assertThrows(PipeClosedException.class, b::recv);
            assertEquals(PipeClosedException.Reason.PEER_CLOSED, eof.reason());
            assertThrows(PipeClosedException.class, b::recvBytes, "and it stays ended");
            final PipeClosedException broken = assertThrows(PipeClosedException.class, () -> b.send("anyone?"));
            assertEquals(PipeClosedException.Reason.PEER_CLOSED, broken.reason());
            final PipeClosedException closed = assertThrows(PipeClosedException.class, () -> a.send("after"));
            assertEquals(PipeClosedException.Reason.CLOSED, closed.reason());
            assertThrows(PipeClosedException.class, a::recv);
            assertThrows(PipeClosedException.class, a::poll);
        }
    }

    @Test
    @Timeout(10)
    void shouldRefuseMessageLargerThanLimitNamingIt()
    {
        try (Pipe pipe = Pipe.create(space, "large", PipeOptions.defaults().withCapacity(1024));
             Connection a = pipe.open(Pipe.End.A, OPTIONS);
             Connection b = pipe.open(Pipe.End.B, OPTIONS))
        {
            assertEquals(128, pipe.maxMessageLength());
            a.sendBytes(new byte[128]);
            final MessageTooLargeException ex = assertThrows(MessageTooLargeException.class,
                () -> a.sendBytes(new byte[129]));
            assertEquals(129, ex.lengthBytes());
            assertEquals(128, ex.maxLengthBytes());
            assertTrue(ex.getMessage().contains("129") && ex.getMessage().contains("128"), ex.getMessage());
            assertThrows(MessageTooLargeException.class, () -> a.send("x".repeat(200)));
            assertEquals(128, b.recvBytes().length);
            assertFalse(b.poll(), "nothing of the refused messages was sent");
        }
    }

    @Test
    @Timeout(10)
    void shouldTimeOutSendOnFullRingAndResumeOnceDrained()
    {
        try (Pipe pipe = Pipe.create(space, "full", PipeOptions.defaults().withCapacity(1024));
             Connection a = pipe.open(Pipe.End.A, OPTIONS);
             Connection b = pipe.open(Pipe.End.B, OPTIONS))
        {
            int sent = 0;
            final byte[] message = new byte[100];
            while (true)
            {
                message[0] = (byte)sent;
                try
                {
                    a.sendBytes(message, 0, message.length, SHORT);
                    sent++;
                }
                catch (final PipeTimeoutException ex)
                {
                    break;
                }
            }
            assertTrue(sent >= 7, "sent=" + sent);
            // Two records free the room for one more even where it must wrap to the start of the ring.
            assertEquals(0, b.recvBytes()[0]);
            assertEquals(1, b.recvBytes()[0]);
            message[0] = (byte)sent;
            a.sendBytes(message, 0, message.length, SHORT);
            for (int i = 2; i <= sent; i++)
            {
                assertEquals((byte)i, b.recvBytes()[0]);
            }
            assertFalse(b.poll());
        }
    }

    @Test
    @Timeout(10)
    void shouldOpenEachEndOnceOnly()
    {
        try (Pipe pipe = Pipe.create(space, "once"))
        {
            final Connection a = pipe.open(Pipe.End.A, OPTIONS);
            assertTrue(pipe.isOpen(Pipe.End.A));
            assertFalse(pipe.isOpen(Pipe.End.B));
            final PipeException twice = assertThrows(PipeException.class, () -> pipe.open(Pipe.End.A, OPTIONS));
            assertTrue(twice.getMessage().contains("is open in pid " + ProcessHandle.current().pid()),
                twice.getMessage());
            a.close();
            final PipeException reopen = assertThrows(PipeException.class, () -> pipe.open(Pipe.End.A, OPTIONS));
            assertTrue(reopen.getMessage().contains("closed"), reopen.getMessage());
            assertThrows(Mp4jException.class, () -> Pipe.create(space, "once"), "the name is taken");
        }
    }

    @Test
    @Timeout(10)
    void shouldOpenEndThroughHandleAndAttach()
    {
        try (Pipe pipe = Pipe.create(space, "handle", PipeOptions.defaults().withCapacity(2048));
             Pipe attached = Pipe.attach(space, "handle");
             Pipe byHandle = Pipe.attach(pipe.handle());
             Connection a = attached.open(Pipe.End.A, OPTIONS);
             Connection b = pipe.handle(Pipe.End.B).open(OPTIONS))
        {
            assertFalse(attached.created());
            assertEquals(PipeOptions.defaults().withCapacity(2048), byHandle.options());
            a.send("via handle");
            assertEquals("via handle", b.recv());
            assertEquals(Pipe.End.B, b.end());
            assertEquals("handle", b.pipeName());
            assertThrows(Mp4jException.class, () -> Pipe.attach(space, "missing"));
            try (var other = space.sharedLong("long"))
            {
                assertThrows(Mp4jException.class, () -> Pipe.attach(space, "long"));
                assertThrows(Mp4jException.class, () -> Pipe.attach(other.handle()));
                assertThrows(IllegalArgumentException.class, () -> new ConnectionHandle(other.handle(), Pipe.End.A));
            }
            assertThrows(Mp4jException.class, () -> space.attach("handle", Pipe.class),
                "a pipe opens through its own class");
        }
    }

    @Test
    @Timeout(10)
    void shouldRemoveFileWhenBothEndsAreClosed()
    {
        final Path file;
        try (Pipe pipe = Pipe.create(space, "removed"))
        {
            file = pipe.file();
            final Connection a = pipe.open(Pipe.End.A, OPTIONS);
            final Connection b = pipe.open(Pipe.End.B, OPTIONS);
            a.close();
            assertTrue(Files.exists(file), "the peer is still open");
            b.close();
            assertFalse(Files.exists(file), "the second close removes it");
        }
        assertFalse(Files.exists(file));

        try (Pipe pipe = Pipe.create(space, "kept", PipeOptions.defaults().withRemoveWhenClosed(false)))
        {
            pipe.open(Pipe.End.A, OPTIONS).close();
            pipe.open(Pipe.End.B, OPTIONS).close();
            assertTrue(Files.exists(pipe.file()));
            pipe.unlink();
            assertFalse(Files.exists(pipe.file()));
        }
    }

    @Test
    @Timeout(10)
    void shouldKeepFileForUnopenedEndUntilUnlinked()
    {
        try (Pipe pipe = Pipe.create(space, "waiting"))
        {
            try (Connection a = pipe.open(Pipe.End.A, OPTIONS))
            {
                a.send("for later");
            }
            assertTrue(Files.exists(pipe.file()));
            try (Connection b = pipe.open(Pipe.End.B, OPTIONS))
            {
                assertEquals("for later", b.recv(), "a message outlives its sender's close");
                assertThrows(PipeClosedException.class, b::recv);
            }
            assertFalse(Files.exists(pipe.file()));
            pipe.unlink(); // the removed word says it is gone already: nothing else is deleted
        }
    }

    @Test
    @Timeout(10)
    void shouldEndStreamWhenUnopenedEndIsAbandoned()
    {
        try (Pipe pipe = Pipe.create(space, "abandoned");
             Connection a = pipe.open(Pipe.End.A, OPTIONS))
        {
            assertFalse(a.poll());
            assertTrue(pipe.abandon(Pipe.End.B));
            assertFalse(pipe.abandon(Pipe.End.B));
            assertFalse(pipe.abandon(Pipe.End.A), "an open end is not abandoned");
            assertTrue(a.poll());
            assertThrows(PipeClosedException.class, a::recv);
            assertThrows(PipeException.class, () -> pipe.open(Pipe.End.B, OPTIONS));
        }
    }

    @Test
    @Timeout(10)
    void shouldEndStreamWhenPeerProcessIsDeadLeavingAClaim() throws Exception
    {
        final ProcessIdentity dead = deadProcess();
        try (Pipe pipe = Pipe.create(space, "dead", PipeOptions.defaults().withCapacity(4096));
             Connection a = pipe.open(Pipe.End.A, OPTIONS);
             Connection b = pipe.open(Pipe.End.B, OPTIONS))
        {
            b.send("committed");
            final Region raw = RegionFiles.attach(dir, "dead", RegionKind.PIPE, 1000);
            try
            {
                // End B's process claims a record and dies before committing it.
                final OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(raw.body(),
                    PipeDescriptor.ringOffset(4096, PipeDescriptor.RING_TO_A), PipeDescriptor.ringLength(4096)));
                final int index = ring.tryClaim(PipeDescriptor.MESSAGE_TYPE_ID, 64);
                assertTrue(index > 0);
                raw.body().putBytes(index, new byte[32]);
                final int end = PipeDescriptor.END_B_OFFSET;
                raw.body().putLong(end + PipeDescriptor.END_OWNER_PID_OFFSET, dead.pid());
                raw.body().putLongVolatile(end + PipeDescriptor.END_OWNER_START_TIME_OFFSET, dead.startTimeMs());
            }
            finally
            {
                raw.close();
            }
            assertEquals("committed", a.recv());
            final PipeClosedException eof = assertThrows(PipeClosedException.class, a::recv);
            assertEquals(PipeClosedException.Reason.PEER_DIED, eof.reason());
            assertTrue(eof.getMessage().contains("pid " + dead.pid()) && eof.getMessage().contains("dropped"),
                eof.getMessage());
            assertTrue(a.isReady());
            final PipeClosedException broken = assertThrows(PipeClosedException.class, () ->
            {
                while (true)
                {
                    a.sendBytes(new byte[500]);
                }
            });
            assertEquals(PipeClosedException.Reason.PEER_DIED, broken.reason(), "a send fails once the ring is full");
            assertEquals(dead, a.peer());
        }
    }

    @Test
    @Timeout(10)
    void shouldWakeBlockedReceiverWhenItsEndIsClosed() throws Exception
    {
        try (Pipe pipe = Pipe.create(space, "wakeup");
             Connection b = pipe.open(Pipe.End.B, OPTIONS))
        {
            final Connection a = pipe.open(Pipe.End.A, OPTIONS);
            final AtomicReference<Thread> thread = new AtomicReference<>();
            final CompletableFuture<Throwable> receiver = CompletableFuture.supplyAsync(() ->
            {
                thread.set(Thread.currentThread());
                try
                {
                    a.recv();
                    return null;
                }
                catch (final Throwable ex)
                {
                    return ex;
                }
            });
            while (thread.get() == null)
            {
                Thread.onSpinWait();
            }
            awaitWaiting(thread.get());
            final IllegalStateException second = assertThrows(IllegalStateException.class, a::recv);
            assertTrue(second.getMessage().contains("one thread at a time"), second.getMessage());
            a.close();
            final Throwable ex = receiver.get();
            assertInstanceOf(PipeClosedException.class, ex);
            assertEquals(PipeClosedException.Reason.CLOSED, ((PipeClosedException)ex).reason());
            assertThrows(PipeClosedException.class, b::recv, "the peer sees the close");
        }
    }

    @Test
    @Timeout(10)
    void shouldStopWaitingWhenInterrupted()
    {
        try (Pipe pipe = Pipe.create(space, "interrupt");
             Connection a = pipe.open(Pipe.End.A, OPTIONS);
             Connection b = pipe.open(Pipe.End.B, OPTIONS))
        {
            Thread.currentThread().interrupt();
            try
            {
                final PipeException ex = assertThrows(PipeException.class, b::recv);
                assertTrue(ex.getMessage().contains("interrupted"), ex.getMessage());
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status stays set");
            }
            finally
            {
                Thread.interrupted();
            }
            a.send("still works");
            assertEquals("still works", b.recv());
        }
    }

    @Test
    @Timeout(10)
    void shouldRequireCodecForObjects()
    {
        try (Pipe pipe = Pipe.create(space, "nocodec");
             Connection a = pipe.open(Pipe.End.A, OPTIONS.withCodec(null));
             Connection b = pipe.open(Pipe.End.B, OPTIONS))
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> a.send("x"));
            assertTrue(ex.getMessage().contains("codec"), ex.getMessage());
            b.send("text");
            final byte[] encoded = a.recvBytes();
            assertEquals("text", Codecs.objects().decode(new UnsafeBuffer(encoded), 0, encoded.length),
                "recvBytes of an object message gives the codec's bytes");
        }
    }

    @Test
    @Timeout(10)
    void shouldCarryAnyObjectOfTheDefaultCodecAndConsumeOneItCannotDecode()
    {
        try (Pipe pipe = Pipe.create(space, "objects");
             Connection a = pipe.open(Pipe.End.A);
             Connection b = pipe.open(Pipe.End.B))
        {
            a.send(new int[] {1, 2, 3});
            a.send(Long.MAX_VALUE);
            a.sendBytes(new byte[] {(byte)0x7F, 1, 2});
            a.send(List.of("a", "b"));
            assertArrayEquals(new int[] {1, 2, 3}, (int[])b.recv());
            assertEquals(Long.MAX_VALUE, b.recv());
            assertThrows(CodecException.class, b::recv);
            assertEquals(List.of("a", "b"), b.recv(), "the undecodable message was consumed, the next one follows");
        }
    }

    @Test
    void shouldRejectBadOptions()
    {
        assertThrows(IllegalArgumentException.class, () -> PipeOptions.defaults().withCapacity(1000));
        assertThrows(IllegalArgumentException.class, () -> PipeOptions.defaults().withCapacity(512));
        assertThrows(IllegalArgumentException.class, () -> PipeOptions.defaults().withCapacity(1 << 30));
        assertThrows(IllegalArgumentException.class,
            () -> ConnectionOptions.defaults().withLivenessCheckInterval(Duration.ofMillis(-1)));
        try (Pipe pipe = Pipe.create(space, "args");
             Connection a = pipe.open(Pipe.End.A, OPTIONS))
        {
            assertThrows(IllegalArgumentException.class, () -> a.poll(Duration.ofMillis(-1)));
        }
    }

    static ProcessIdentity deadProcess() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        final ProcessIdentity identity = ProcessIdentity.of(process.toHandle());
        process.waitFor();
        assertFalse(identity.isAlive());
        return identity;
    }

    /** Spins until the thread is parked (in an idle strategy's park, or in a wait). */
    static void awaitWaiting(final Thread thread)
    {
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING)
        {
            Thread.onSpinWait();
        }
    }
}
