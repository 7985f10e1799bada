package io.mp4j.ipc.codec;

import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.ipc.values.SharedLongArray;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/**
 * A shared object written by the object codec travels as its handle and reads back attached to the same region.
 */
class SharedReferenceTest
{
    @TempDir
    Path dir;

    /** Holds a shared object in a field, as a captured lambda argument would. */
    record Holder(SharedLong counter, String label) implements Serializable
    {
    }

    @Test
    void shouldReattachSharedObjectPassedDirectly()
    {
        try (SharedLong counter = Space.at(dir).sharedLong("c", 41))
        {
            final Object decoded = roundTrip(Codecs.objects(), counter);
            final SharedLong copy = assertInstanceOf(SharedLong.class, decoded);
            try (copy)
            {
                assertNotSame(counter, copy);
                assertEquals(42, copy.incrementAndGet());
                assertEquals(42, counter.get(), "both map one region");
            }
        }
    }

    @Test
    void shouldReattachSharedObjectsInsideAGraph()
    {
        try (SharedLong counter = Space.at(dir).sharedLong("c"); SharedLongArray array =
            Space.at(dir).sharedLongArray("a", 4))
        {
            final Codec<Object> codec = Codecs.objectsAllowing(Holder.class.getName());
            final Object decoded = roundTrip(codec, List.of(new Holder(counter, "x"), array));
            final List<?> list = assertInstanceOf(List.class, decoded);
            final Holder holder = assertInstanceOf(Holder.class, list.get(0));
            holder.counter().addAndGet(5);
            ((SharedLongArray)list.get(1)).set(3, 9);
            assertEquals(5, counter.get());
            assertEquals(9, array.get(3));
            holder.counter().close();
            ((SharedObject)list.get(1)).close();
        }
    }

    private static Object roundTrip(final Codec<Object> codec, final Object value)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        final int length = codec.encode(value, buffer, 0);
        return codec.decode(buffer, 0, length);
    }
}
