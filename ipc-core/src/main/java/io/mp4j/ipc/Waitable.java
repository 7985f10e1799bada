package io.mp4j.ipc;

import io.mp4j.ipc.pipe.Connections;

/**
 * Something a thread can wait on with {@link Connections#wait}, as the objects Python's
 * {@code multiprocessing.connection.wait} takes: a pipe connection or a shared queue.
 *
 * <p>Threading: {@link #isReady()} may be called from any thread of the process that opened the object, while its
 * receiving thread works; it never consumes anything.
 */
public interface Waitable
{
    /**
     * Whether a receive would return without waiting: a message is waiting, or the stream has ended (the peer
     * closed or died, or this side was closed), so that a receive throws at once.
     *
     * <p>Ordering: acquire loads of the shared positions and states, so a true answer is followed by a receive
     * that sees the message.
     *
     * @return true if ready.
     */
    boolean isReady();
}
