package io.mp4j.ipc.codec;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.io.Serializable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A quick measurement behind the choice of fallback: the built-in record path against Java serialization of the same
 * Serializable record, in bytes (asserted) and time (printed only: timings in unit tests are noise, not targets).
 */
class FallbackMeasurementTest
{
    record Tick(long id, String symbol, double price, int quantity) implements Serializable
    {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void shouldMakeTheBuiltInRecordPathSmallerThanSerialization()
    {
        final ClassPolicy policy = new ClassPolicy(AllowList.defaults().allow(Tick.class));
        final JavaSerialization serialization = new JavaSerialization(policy, new ClassResolver(null));
        final Codec<Object> builtIn = Codecs.objectsAllowing(Tick.class.getName());
        final Codec<Tick> typed = Codecs.record(Tick.class);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final Tick tick = new Tick(123_456_789L, "ACME", 101.25, 300);

        final int builtInBytes = builtIn.encode(tick, buffer, 0);
        final int typedBytes = typed.encode(tick, buffer, 0);
        final int serializedBytes = serialization.encode(tick, buffer, 0, null);
        assertEquals(tick, serialization.decode(new ByteReader(buffer, 1, serializedBytes - 1)));
        assertTrue(typedBytes < builtInBytes && builtInBytes < serializedBytes,
            "typed=" + typedBytes + " builtIn=" + builtInBytes + " serialized=" + serializedBytes);

        final int rounds = 20_000;
        long sink = 0;
        for (int warm = 0; warm < 2; warm++)
        {
            final long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++)
            {
                final int length = typed.encode(tick, buffer, 0);
                sink += typed.decode(buffer, 0, length).quantity();
            }
            final long t1 = System.nanoTime();
            for (int i = 0; i < rounds; i++)
            {
                final int length = builtIn.encode(tick, buffer, 0);
                sink += ((Tick)builtIn.decode(buffer, 0, length)).quantity();
            }
            final long t2 = System.nanoTime();
            for (int i = 0; i < rounds / 10; i++)
            {
                final int end = serialization.encode(tick, buffer, 0, null);
                sink += ((Tick)serialization.decode(new ByteReader(buffer, 1, end - 1))).quantity();
            }
            final long t3 = System.nanoTime();
            if (warm == 1)
            {
                System.out.printf("codec round trip of %s: record(Tick) %d B %d ns, objects() %d B %d ns, " +
                    "Java serialization %d B %d ns (JDK %s; a short run, JIT barely warm)%n",
                    tick, typedBytes, (t1 - t0) / rounds, builtInBytes, (t2 - t1) / rounds,
                    serializedBytes, (t3 - t2) / (rounds / 10), Runtime.version());
            }
        }
        assertEquals(0, sink % 300);
    }
}
