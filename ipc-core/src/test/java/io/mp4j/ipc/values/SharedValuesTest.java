package io.mp4j.ipc.values;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.SharedHandle;
import io.mp4j.ipc.Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Values and arrays in one JVM; two mappings of one region stand for two processes (the cross-JVM tests run the
 * same operations in child JVMs).
 */
class SharedValuesTest
{
    @TempDir
    Path dir;

    @Test
    void shouldUpdateLongAtomically()
    {
        try (SharedLong a = Space.at(dir).sharedLong("l", 5); SharedLong b = Space.at(dir).sharedLong("l", 99))
        {
            assertTrue(a.created());
            assertFalse(b.created());
            assertEquals(5, b.get(), "initial value applies only to the creator");
            assertEquals(5, a.getAndAdd(2));
            assertEquals(10, a.addAndGet(3));
            assertEquals(11, b.incrementAndGet());
            assertEquals(10, b.decrementAndGet());
            assertTrue(a.compareAndSet(10, 20));
            assertFalse(a.compareAndSet(10, 30));
            assertEquals(20, b.getAndSet(1));
            b.setRelease(7);
            assertEquals(7, a.getAcquire());
            b.setPlain(8);
            assertEquals(8, a.getPlain());
            a.set(9);
            assertEquals(9, b.get());
            assertEquals("SharedLong{l=9}", a.toString());
        }
    }

    @Test
    void shouldUpdateIntAtomically()
    {
        try (SharedInt a = Space.at(dir).sharedInt("i", 1); SharedInt b = Space.at(dir).sharedInt("i"))
        {
            assertEquals(1, b.get());
            assertEquals(1, a.getAndAdd(1));
            assertEquals(3, b.incrementAndGet());
            assertTrue(b.compareAndSet(3, Integer.MAX_VALUE));
            assertEquals(Integer.MIN_VALUE, a.incrementAndGet(), "wraps as an int");
            assertEquals(Integer.MIN_VALUE, a.getAndSet(0));
        }
    }

    @Test
    void shouldAddDoublesWithoutLosingUpdates() throws Exception
    {
        try (SharedDouble a = Space.at(dir).sharedDouble("d", 0.5); SharedDouble b = Space.at(dir).sharedDouble("d"))
        {
            assertEquals(0.5, b.get());
            final int n = 200_000;
            final Thread t = new Thread(() ->
            {
                for (int i = 0; i < n; i++)
                {
                    a.getAndAdd(1.0);
                }
            });
            t.start();
            for (int i = 0; i < n; i++)
            {
                b.addAndGet(1.0);
            }
            t.join();
            assertEquals(0.5 + 2 * n, a.get());
            assertTrue(a.compareAndSet(0.5 + 2 * n, Double.NaN));
            assertTrue(b.compareAndSet(Double.NaN, -0.0), "NaN compares by bits");
            assertFalse(b.compareAndSet(0.0, 1.0), "0.0 is not -0.0 by bits");
            assertEquals(-0.0, b.getAndSet(2.0));
            b.setRelease(3.0);
            assertEquals(3.0, a.get());
        }
    }

    @Test
    void shouldHoldBoolean()
    {
        try (SharedBoolean a = Space.at(dir).sharedBoolean("b", true); SharedBoolean b = Space.at(dir).sharedBoolean("b"))
        {
            assertTrue(b.get());
            assertTrue(a.compareAndSet(true, false));
            assertFalse(b.get());
            assertFalse(b.getAndSet(true));
            a.set(false);
            a.setRelease(true);
            assertTrue(b.get());
        }
    }

    @Test
    void shouldCheckArrayBoundsWithClearMessage()
    {
        try (SharedLongArray array = Space.at(dir).sharedLongArray("la", 4))
        {
            assertEquals(4, array.length());
            final IndexOutOfBoundsException ex = assertThrows(IndexOutOfBoundsException.class, () -> array.get(4));
            assertTrue(ex.getMessage().contains("index=4 length=4"), ex.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> array.set(-1, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> array.copyTo(2, new long[4], 0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> array.copyFrom(new long[2], 0, 0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> array.copyTo(0, new long[4], 0, -1));
        }
    }

    @Test
    void shouldUpdateArraysElementwiseAndInBulk()
    {
        final Space space = Space.at(dir);
        try (SharedLongArray longs = space.sharedLongArray("la", 3);
            SharedIntArray ints = space.sharedIntArray("ia", 3);
            SharedDoubleArray doubles = space.sharedDoubleArray("da", 3);
            SharedByteArray bytes = space.sharedByteArray("ba", 5))
        {
            longs.copyFrom(new long[]{1, 2, 3}, 0, 0, 3);
            assertEquals(2, longs.getAndAdd(1, 10));
            assertEquals(13, longs.addAndGet(1, 1));
            assertTrue(longs.compareAndSet(2, 3, 4));
            assertEquals(1, longs.getAndSet(0, 0));
            longs.setRelease(0, 5);
            longs.setPlain(0, 6);
            assertEquals(6, longs.getAcquire(0));
            assertArrayEquals(new long[]{6, 13, 4}, longs.toArray());

            ints.set(2, 7);
            assertEquals(7, ints.getAndAdd(2, 1));
            assertArrayEquals(new int[]{0, 0, 8}, ints.toArray());

            doubles.set(0, 1.5);
            assertEquals(1.5, doubles.getAndAdd(0, 1.0));
            assertTrue(doubles.compareAndSet(0, 2.5, 4.0));
            final double[] out = new double[4];
            doubles.copyTo(0, out, 1, 3);
            assertArrayEquals(new double[]{0, 4.0, 0, 0}, out);

            bytes.copyFrom("hello".getBytes(), 0, 0, 5);
            bytes.set(0, (byte)'j');
            assertEquals((byte)'e', bytes.get(1));
            assertEquals("jello", new String(bytes.toArray()));
            assertEquals(5, bytes.buffer().capacity());
            assertEquals((byte)'j', bytes.buffer().getByteVolatile(0));
        }
    }

    @Test
    void shouldRefuseArrayOfOtherLengthUnderSameName()
    {
        try (SharedIntArray array = Space.at(dir).sharedIntArray("x", 8))
        {
            assertEquals(8, array.length());
            final Mp4jException ex = assertThrows(Mp4jException.class, () -> Space.at(dir).sharedIntArray("x", 9));
            assertTrue(ex.getMessage().contains("length"), ex.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Space.at(dir).sharedIntArray("y", -1));
    }

    @Test
    void shouldReattachThroughSerializedHandle() throws Exception
    {
        try (SharedLongArray array = Space.at(dir).sharedLongArray("h", 2))
        {
            array.set(1, 42);
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes))
            {
                out.writeObject(array.handle());
            }
            final SharedHandle handle;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())))
            {
                handle = (SharedHandle)in.readObject();
            }
            try (SharedLongArray other = handle.attach(SharedLongArray.class))
            {
                assertEquals(42, other.get(1));
                assertFalse(other.created());
            }
            final Mp4jException ex = assertThrows(Mp4jException.class, () -> handle.attach(SharedLong.class));
            assertTrue(ex.getMessage().contains("not a SharedLong"), ex.getMessage());
        }
    }

    @Test
    @Timeout(10)
    void shouldThrowNotCrashAfterClose()
    {
        final SharedLong value = Space.at(dir).sharedLong("c");
        value.close();
        value.close();
        assertTrue(value.isClosed());
        assertThrows(IndexOutOfBoundsException.class, value::get);
        assertEquals("SharedLong{c=closed}", value.toString());
        value.unlink();
        assertTrue(Space.at(dir).list().isEmpty());
    }
}
