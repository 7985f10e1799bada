package io.mp4j.launcher.demo;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.queue.QueueClosedException;
import io.mp4j.ipc.queue.SharedQueue;

import java.nio.file.Path;

/**
 * A worker JVM of the queue demo: takes numbers from the tasks queue until it is shut down and drained, and puts
 * each number's cube on the results queue.
 */
public final class QueueDemoWorker
{
    /** The codec of both queues: built-in types, plus this package's records. */
    static final Codec<Object> CODEC = Codecs.objectsAllowing("io.mp4j.launcher.demo.*");

    private QueueDemoWorker()
    {
    }

    /**
     * @param args the space directory and the worker's index.
     */
    public static void main(final String[] args)
    {
        final Space space = Space.at(Path.of(args[0]));
        final int index = Integer.parseInt(args[1]);
        try (SharedQueue<Object> tasks = SharedQueue.attach(space, "tasks", CODEC);
            SharedQueue<Object> results = SharedQueue.attach(space, "results", CODEC))
        {
            while (true)
            {
                final long x;
                try
                {
                    x = (Long)tasks.get();
                }
                catch (final QueueClosedException ex)
                {
                    return;
                }
                results.put(new Cube(index, x, x * x * x));
            }
        }
    }
}
