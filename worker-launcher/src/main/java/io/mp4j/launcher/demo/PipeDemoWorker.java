package io.mp4j.launcher.demo;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.pipe.Connection;
import io.mp4j.ipc.pipe.Pipe;
import io.mp4j.ipc.pipe.PipeClosedException;

import java.nio.file.Path;

/**
 * The worker JVM of the pipe demo: answers each object with a reply and echoes raw bytes, until the other end
 * closes.
 */
public final class PipeDemoWorker
{
    private PipeDemoWorker()
    {
    }

    /**
     * @param args the space directory and the pipe's name.
     */
    public static void main(final String[] args)
    {
        final Pipe pipe = Pipe.attach(Space.at(Path.of(args[0])), args[1]);
        try (Connection connection = pipe.open(Pipe.End.B))
        {
            pipe.close();
            final Object greeting = connection.recv();
            connection.send("pong from pid " + ProcessHandle.current().pid() + " to '" + greeting + "'");
            final byte[] buffer = new byte[connection.maxMessageLength()];
            while (true)
            {
                final int length;
                try
                {
                    length = connection.recvBytes(buffer, 0);
                }
                catch (final PipeClosedException ex)
                {
                    return;
                }
                connection.sendBytes(buffer, 0, length);
            }
        }
    }
}
