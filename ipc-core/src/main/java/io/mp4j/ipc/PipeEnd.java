package io.mp4j.ipc;

import java.time.Duration;

/**
 * One end of a pipe between two processes, as a {@code Connection} of Python's {@code multiprocessing.Pipe()}: what
 * one end sends the other receives, in order. The local engine's {@link io.mp4j.ipc.pipe.Connection} is one (rings
 * in a mapped file); a cluster backend supplies another (on Ignite, a queue per direction). Code written against
 * this interface runs on either.
 *
 * <p>Threading: one sending thread and one receiving thread at a time. Ordering: a message sent happens-before its
 * receipt.
 */
public interface PipeEnd extends AutoCloseable
{
    /**
     * Sends an object to the other end.
     *
     * @param value the object: any value the codec encodes.
     * @throws io.mp4j.ipc.pipe.PipeClosedException if the other end or this one is closed.
     * @throws io.mp4j.ipc.codec.CodecException     if the codec cannot encode it.
     */
    void send(Object value);

    /**
     * Receives the oldest object the other end sent, waiting as long as it takes.
     *
     * @return the object.
     * @throws io.mp4j.ipc.pipe.PipeClosedException if the stream has ended: the other end closed and every object
     *                                              it sent before has been received; or this end is closed.
     */
    Object recv();

    /**
     * Receives the oldest object the other end sent, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait.
     * @return the object.
     * @throws io.mp4j.ipc.pipe.PipeTimeoutException if none came in time.
     * @throws io.mp4j.ipc.pipe.PipeClosedException  if the stream has ended, or this end is closed.
     */
    Object recv(Duration timeout);

    /**
     * Closes this end: the other end receives what was sent before, then sees the stream end.
     */
    @Override
    void close();
}
