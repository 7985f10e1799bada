package io.mp4j.ipc.queue;

import org.agrona.DirectBuffer;

/**
 * Receives a message in place, zero copy: the bytes are valid only during the call.
 */
@FunctionalInterface
public interface MessageHandler
{
    /**
     * @param buffer the queue's buffer.
     * @param offset where the message starts.
     * @param length its length in bytes.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}
