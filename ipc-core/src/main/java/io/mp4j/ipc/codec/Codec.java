package io.mp4j.ipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Turns values into bytes and back, for queues and pipes. {@code Codecs} has the built-in ones.
 *
 * <p>Threading: implementations are stateless or thread-safe, so one codec may serve every thread.
 *
 * @param <T> the type of value.
 */
public interface Codec<T>
{
    /**
     * Encodes a value.
     *
     * @param value  the value.
     * @param buffer where to write; an expandable buffer grows as needed.
     * @param offset where to start.
     * @return the number of bytes written.
     * @throws CodecException if the value cannot be encoded, naming its class and why.
     */
    int encode(T value, MutableDirectBuffer buffer, int offset);

    /**
     * Decodes a value encoded by {@link #encode}.
     *
     * @param buffer the bytes.
     * @param offset where they start.
     * @param length how many.
     * @return the value.
     * @throws CodecException if the bytes are not a value this codec accepts.
     */
    T decode(DirectBuffer buffer, int offset, int length);
}
