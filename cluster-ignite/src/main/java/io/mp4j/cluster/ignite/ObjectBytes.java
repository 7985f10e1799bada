package io.mp4j.cluster.ignite;

import io.mp4j.ipc.codec.Codec;
import io.mp4j.launcher.worker.LauncherClasses;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How the shared objects' keys, values and messages travel through Ignite: as byte arrays of the launcher's object
 * codec, the same encoding and allow-list as the local engine's. Ignite's marshaller only sees {@code byte[]} and
 * {@code String}. A key becomes a string with one char per byte (ISO-8859-1), so that equal encodings are equal
 * keys in every node.
 *
 * <p>Threading: thread-safe.
 */
final class ObjectBytes
{
    private final Codec<Object> codec = LauncherClasses.codec();
    private final ThreadLocal<ExpandableArrayBuffer> buffers =
        ThreadLocal.withInitial(() -> new ExpandableArrayBuffer(256));

    /**
     * @param value a value, or null.
     * @return its encoding.
     * @throws io.mp4j.ipc.codec.CodecException if it cannot be encoded.
     */
    byte[] encode(final Object value)
    {
        final ExpandableArrayBuffer buffer = buffers.get();
        final int length = codec.encode(value, buffer, 0);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    /**
     * @param bytes an encoding, or null (no entry).
     * @return the value, or null.
     */
    Object decode(final byte[] bytes)
    {
        return bytes == null ? null : codec.decode(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    /**
     * @param key a key, or null.
     * @return the cache key of its encoding.
     */
    String key(final Object key)
    {
        return new String(encode(key), StandardCharsets.ISO_8859_1);
    }

    /**
     * @param key a cache key made by {@link #key}.
     * @return the key.
     */
    Object decodeKey(final String key)
    {
        return decode(key.getBytes(StandardCharsets.ISO_8859_1));
    }
}
