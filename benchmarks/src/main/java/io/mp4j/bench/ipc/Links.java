package io.mp4j.bench.ipc;

import io.mp4j.ipc.IdleStrategies;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.pipe.Connection;
import io.mp4j.ipc.pipe.ConnectionOptions;
import io.mp4j.ipc.pipe.Pipe;
import io.mp4j.ipc.pipe.PipeClosedException;
import io.mp4j.ipc.pipe.PipeOptions;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The two-way links the round-trip benchmark compares, each with a parent side (which creates the shared resource)
 * and a child side (which attaches to it): an mp4j {@link Pipe}, a raw Agrona one-to-one ring pair on a mapped
 * file, a Unix domain socket and TCP loopback. Every link carries fixed-length messages (the length of the run) and
 * tells its peer to stop when the parent closes it.
 *
 * <p>Threading: one thread per side.
 */
final class Links
{
    /** The implementations, by the name used in the ids. */
    static final List<String> NAMES = List.of("mp4j.Pipe", "mp4j.Pipe.busyspin", "mp4j.Pipe.spins10",
        "agrona.OneToOneRingBuffer", "jdk.UnixDomainSocket", "jdk.TcpLoopback");

    private Links()
    {
    }

    /**
     * One side of a link.
     */
    interface Link extends AutoCloseable
    {
        /** Sends {@code length} bytes of {@code message}. */
        void send(byte[] message, int length);

        /** Waits for the next message, copies it into {@code into}; returns its length, or -1 at end of stream. */
        int receive(byte[] into);

        /** Waits until the child side is attached (sockets accept here); fails if {@code childAlive} turns false. */
        default void awaitPeer(final BooleanSupplier childAlive)
        {
        }

        /** The arguments the child side needs, after the implementation's name and the message length. */
        String[] childArguments();

        @Override
        void close();
    }

    /** @return true for the implementations whose round trip takes microseconds (fewer round trips are timed). */
    static boolean isSlow(final String name)
    {
        return name.startsWith("jdk.");
    }

    static Link parent(final String name, final Path dir, final String tag, final int messageLength)
    {
        return switch (name)
        {
            case "mp4j.Pipe", "mp4j.Pipe.busyspin", "mp4j.Pipe.spins10" -> Mp4jPipe.parent(dir, tag, name);
            case "agrona.OneToOneRingBuffer" -> AgronaPair.parent(dir, tag);
            case "jdk.UnixDomainSocket" -> Sockets.parent(dir.resolve(tag + ".sock"), messageLength);
            case "jdk.TcpLoopback" -> Sockets.parent(null, messageLength);
            default -> throw new IllegalArgumentException("unknown link " + name + "; known: " + NAMES);
        };
    }

    static Link child(final String name, final int messageLength, final String[] args)
    {
        return switch (name)
        {
            case "mp4j.Pipe", "mp4j.Pipe.busyspin", "mp4j.Pipe.spins10" -> Mp4jPipe.child(args, name);
            case "agrona.OneToOneRingBuffer" -> AgronaPair.child(args);
            case "jdk.UnixDomainSocket", "jdk.TcpLoopback" -> Sockets.child(args, messageLength);
            default -> throw new IllegalArgumentException("unknown link " + name + "; known: " + NAMES);
        };
    }

    // ----------------------------------------------------------------------------------------------------------------

    /**
     * mp4j's pipe: a duplex pipe with the default 1 MiB rings; {@code sendBytes} and {@code recvBytes} into a reused
     * array. {@code mp4j.Pipe}: the default connection options (100 spins, 10 yields, then parks from 1 us to 1 ms);
     * {@code mp4j.Pipe.busyspin}: {@code BusySpinIdleStrategy}; {@code mp4j.Pipe.spins10}: the default backoff with
     * 10 spins instead of 100.
     */
    static final class Mp4jPipe implements Link
    {
        private final Connection connection;
        private final String[] childArgs;

        private Mp4jPipe(final Connection connection, final String[] childArgs)
        {
            this.connection = connection;
            this.childArgs = childArgs;
        }

        private static ConnectionOptions options(final String name)
        {
            final ConnectionOptions defaults = ConnectionOptions.defaults().withCodec(null);
            return switch (name)
            {
                case "mp4j.Pipe.busyspin" -> defaults.withIdleStrategy(BusySpinIdleStrategy::new);
                case "mp4j.Pipe.spins10" -> defaults.withIdleStrategy(() -> new BackoffIdleStrategy(10,
                    IdleStrategies.YIELDS, IdleStrategies.MIN_PARK_NS, IdleStrategies.MAX_PARK_NS));
                default -> defaults;
            };
        }

        static Mp4jPipe parent(final Path dir, final String tag, final String name)
        {
            final Space space = Space.at(dir.resolve("space"));
            try (Pipe pipe = Pipe.create(space, tag, PipeOptions.defaults()))
            {
                return new Mp4jPipe(pipe.open(Pipe.End.A, options(name)),
                    new String[] {space.directory().toString(), tag});
            }
        }

        static Mp4jPipe child(final String[] args, final String name)
        {
            try (Pipe pipe = Pipe.attach(Space.at(Path.of(args[0])), args[1]))
            {
                return new Mp4jPipe(pipe.open(Pipe.End.B, options(name)), args);
            }
        }

        @Override
        public void send(final byte[] message, final int length)
        {
            connection.sendBytes(message, 0, length);
        }

        @Override
        public int receive(final byte[] into)
        {
            try
            {
                return connection.recvBytes(into, 0);
            }
            catch (final PipeClosedException ex)
            {
                return -1;
            }
        }

        @Override
        public String[] childArguments()
        {
            return childArgs;
        }

        @Override
        public void close()
        {
            connection.close(); // idempotent; the peer's receive ends; the second end's close deletes the file
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    /**
     * Two Agrona {@link OneToOneRingBuffer}s of 1 MiB (as mp4j's pipe) on one file, mapped by both processes;
     * receiving busy-spins. A record of type {@value #STOP_TYPE} ends the stream.
     */
    static final class AgronaPair implements Link
    {
        private static final int CAPACITY = 1 << 20;
        private static final int RING_LENGTH = CAPACITY + RingBufferDescriptor.TRAILER_LENGTH;
        private static final int MESSAGE_TYPE = 1;
        private static final int STOP_TYPE = 2;

        private final Path file;
        private final MappedByteBuffer mapped;
        private final OneToOneRingBuffer out;
        private final OneToOneRingBuffer in;
        private final UnsafeBuffer sendView = new UnsafeBuffer(new byte[0]);
        private final boolean owner;
        private final org.agrona.concurrent.MessageHandler handler = this::onRecord;
        private BooleanSupplier peerAlive = () -> true;
        private boolean closed;
        private byte[] target;
        private int received;
        private int type;

        private AgronaPair(final Path file, final boolean owner)
        {
            this.file = file;
            this.owner = owner;
            this.mapped = IoUtil.mapExistingFile(file.toFile(), "agrona-pingpong");
            final UnsafeBuffer whole = new UnsafeBuffer(mapped);
            final OneToOneRingBuffer toChild = new OneToOneRingBuffer(new UnsafeBuffer(whole, 0, RING_LENGTH));
            final OneToOneRingBuffer toParent =
                new OneToOneRingBuffer(new UnsafeBuffer(whole, RING_LENGTH, RING_LENGTH));
            this.out = owner ? toChild : toParent;
            this.in = owner ? toParent : toChild;
        }

        static AgronaPair parent(final Path dir, final String tag)
        {
            final Path file = dir.resolve(tag + ".agrona");
            createZeroed(file, 2L * RING_LENGTH);
            return new AgronaPair(file, true);
        }

        static AgronaPair child(final String[] args)
        {
            return new AgronaPair(Path.of(args[0]), false);
        }

        @Override
        public void send(final byte[] message, final int length)
        {
            sendView.wrap(message, 0, length);
            while (!out.write(MESSAGE_TYPE, sendView, 0, length))
            {
                Thread.onSpinWait();
            }
        }

        @Override
        public int receive(final byte[] into)
        {
            target = into;
            int spins = 0;
            while (in.read(handler, 1) == 0)
            {
                if ((++spins & 0xFFFFF) == 0 && !peerAlive.getAsBoolean())
                {
                    throw new IllegalStateException("the peer process died");
                }
                Thread.onSpinWait();
            }
            return type == STOP_TYPE ? -1 : received;
        }

        private void onRecord(final int msgTypeId, final org.agrona.MutableDirectBuffer buffer, final int index,
            final int length)
        {
            type = msgTypeId;
            received = length;
            buffer.getBytes(index, target, 0, length);
        }

        @Override
        public void awaitPeer(final BooleanSupplier childAlive)
        {
            this.peerAlive = childAlive;
        }

        @Override
        public String[] childArguments()
        {
            return new String[] {file.toString()};
        }

        @Override
        public void close()
        {
            if (closed)
            {
                return;
            }
            closed = true;
            if (owner)
            {
                final UnsafeBuffer one = new UnsafeBuffer(new byte[1]);
                out.write(STOP_TYPE, one, 0, 1);
            }
            IoUtil.unmap(mapped);
        }

        /** Deletes the file, once the child has exited. */
        void delete()
        {
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /**
     * Creates a zero-filled file of mode 0600.
     */
    static void createZeroed(final Path file, final long length)
    {
        try
        {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
            {
                raf.setLength(length);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + file, ex);
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    /**
     * A blocking {@link SocketChannel}: a Unix domain socket (JDK 16+) or TCP on 127.0.0.1 with TCP_NODELAY, as
     * plain as a user would write it. Messages have the run's fixed length; end of stream is the socket's.
     */
    static final class Sockets implements Link
    {
        private final ServerSocketChannel server;
        private final Path socketFile;
        private SocketChannel channel;
        private final ByteBuffer outBuffer;
        private final ByteBuffer inBuffer;
        private final int messageLength;

        private Sockets(final ServerSocketChannel server, final Path socketFile, final SocketChannel channel,
            final int messageLength)
        {
            this.server = server;
            this.socketFile = socketFile;
            this.channel = channel;
            this.messageLength = messageLength;
            this.outBuffer = ByteBuffer.allocateDirect(messageLength);
            this.inBuffer = ByteBuffer.allocateDirect(messageLength);
        }

        static Sockets parent(final Path socketFile, final int messageLength)
        {
            try
            {
                final ServerSocketChannel server;
                if (socketFile != null)
                {
                    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    server.bind(UnixDomainSocketAddress.of(socketFile));
                }
                else
                {
                    server = ServerSocketChannel.open(StandardProtocolFamily.INET);
                    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                }
                return new Sockets(server, socketFile, null, messageLength);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot listen", ex);
            }
        }

        static Sockets child(final String[] args, final int messageLength)
        {
            try
            {
                final SocketChannel channel;
                if (args[0].equals("unix"))
                {
                    channel = SocketChannel.open(UnixDomainSocketAddress.of(Path.of(args[1])));
                }
                else
                {
                    final SocketAddress address =
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1]));
                    channel = SocketChannel.open(address);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                return new Sockets(null, null, channel, messageLength);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot connect to " + String.join(" ", args), ex);
            }
        }

        @Override
        public void awaitPeer(final BooleanSupplier childAlive)
        {
            try
            {
                server.configureBlocking(false);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while ((channel = server.accept()) == null)
                {
                    if (!childAlive.getAsBoolean() || System.nanoTime() - deadline > 0)
                    {
                        throw new IllegalStateException("the child did not connect");
                    }
                    Thread.sleep(1);
                }
                channel.configureBlocking(true);
                if (socketFile == null)
                {
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot accept", ex);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", ex);
            }
        }

        @Override
        public void send(final byte[] message, final int length)
        {
            outBuffer.clear();
            outBuffer.put(message, 0, length).flip();
            try
            {
                while (outBuffer.hasRemaining())
                {
                    channel.write(outBuffer);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public int receive(final byte[] into)
        {
            inBuffer.clear();
            try
            {
                while (inBuffer.hasRemaining())
                {
                    if (channel.read(inBuffer) < 0)
                    {
                        return -1;
                    }
                }
            }
            catch (final IOException ex)
            {
                return -1; // reset by a peer that went away
            }
            inBuffer.flip();
            inBuffer.get(into, 0, messageLength);
            return messageLength;
        }

        @Override
        public String[] childArguments()
        {
            try
            {
                return socketFile != null ? new String[] {"unix", socketFile.toString()} :
                    new String[] {"tcp", Integer.toString(((InetSocketAddress)server.getLocalAddress()).getPort())};
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void close()
        {
            try
            {
                if (channel != null)
                {
                    channel.close();
                }
                if (server != null)
                {
                    server.close();
                }
                if (socketFile != null)
                {
                    Files.deleteIfExists(socketFile);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
