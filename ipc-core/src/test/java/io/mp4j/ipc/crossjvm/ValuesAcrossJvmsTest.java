package io.mp4j.ipc.crossjvm;

import io.mp4j.ipc.SharedHandle;
import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.testkit.Serialized;
import io.mp4j.ipc.values.SharedBoolean;
import io.mp4j.ipc.values.SharedByteArray;
import io.mp4j.ipc.values.SharedDouble;
import io.mp4j.ipc.values.SharedDoubleArray;
import io.mp4j.ipc.values.SharedInt;
import io.mp4j.ipc.values.SharedIntArray;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.ipc.values.SharedLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every value and array kind written in one JVM is read in another, and back: the child gets the objects as
 * serialized {@link SharedHandle}s on its command line and re-attaches them.
 */
@NoLeaks
class ValuesAcrossJvmsTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int LENGTH = 1_000;
    private static final int BYTES_LENGTH = 4_099;

    private static final long LONG = 0x0123_4567_89AB_CDEFL;
    private static final int INT = -123_456_789;
    private static final double DOUBLE = Math.PI;

    @Test
    @Timeout(120)
    void shouldReadInAChildWhatTheParentWroteAndBack(final Space space)
    {
        try (SharedLong longValue = space.sharedLong("long", LONG);
             SharedInt intValue = space.sharedInt("int", INT);
             SharedDouble doubleValue = space.sharedDouble("double", DOUBLE);
             SharedBoolean booleanValue = space.sharedBoolean("boolean", true);
             SharedLongArray longs = space.sharedLongArray("longs", LENGTH);
             SharedIntArray ints = space.sharedIntArray("ints", LENGTH);
             SharedDoubleArray doubles = space.sharedDoubleArray("doubles", LENGTH);
             SharedByteArray bytes = space.sharedByteArray("bytes", BYTES_LENGTH))
        {
            for (int i = 0; i < LENGTH; i++)
            {
                longs.set(i, longAt(i, 0));
                ints.set(i, intAt(i, 0));
                doubles.set(i, doubleAt(i, 0));
            }
            for (int i = 0; i < BYTES_LENGTH; i++)
            {
                bytes.set(i, byteAt(i, 0));
            }
            final List<SharedObject> objects =
                List.of(longValue, intValue, doubleValue, booleanValue, longs, ints, doubles, bytes);
            final List<String> handles = new ArrayList<>();
            for (final SharedObject object : objects)
            {
                handles.add(Serialized.toBase64(object.handle()));
            }

            try (ChildJvm child = ChildJvm.start(ReadsAndWritesBack.class, handles.toArray(new String[0])))
            {
                child.awaitSuccess(TIMEOUT);

                for (final SharedObject object : objects)
                {
                    assertEquals(object.handle().toString(), child.awaitValue("handle." + object.name(), TIMEOUT));
                    assertEquals("false", child.awaitValue("created." + object.name(), TIMEOUT));
                }
                assertEquals(Long.toString(LONG), child.awaitValue("long", TIMEOUT));
                assertEquals(Integer.toString(INT), child.awaitValue("int", TIMEOUT));
                assertEquals(Long.toString(Double.doubleToRawLongBits(DOUBLE)), child.awaitValue("double", TIMEOUT));
                assertEquals("true", child.awaitValue("boolean", TIMEOUT));
                for (final String array : List.of("longs", "ints", "doubles", "bytes"))
                {
                    assertEquals("-1", child.awaitValue(array + ".firstMismatch", TIMEOUT), array);
                }
            }

            assertEquals(~LONG, longValue.get());
            assertEquals(~INT, intValue.get());
            assertEquals(Double.doubleToRawLongBits(-DOUBLE), Double.doubleToRawLongBits(doubleValue.get()));
            assertFalse(booleanValue.get());
            for (int i = 0; i < LENGTH; i++)
            {
                assertEquals(longAt(i, 1), longs.get(i));
                assertEquals(intAt(i, 1), ints.get(i));
                assertEquals(Double.doubleToRawLongBits(doubleAt(i, 1)), Double.doubleToRawLongBits(doubles.get(i)));
            }
            for (int i = 0; i < BYTES_LENGTH; i++)
            {
                assertEquals(byteAt(i, 1), bytes.get(i));
            }
            objects.forEach(SharedObject::unlink);
        }
    }

    static long longAt(final int index, final int round)
    {
        return (index * 0x9E37_79B9_7F4A_7C15L) ^ (round * 0x5DEE_CE66DL) ^ Long.MIN_VALUE;
    }

    static int intAt(final int index, final int round)
    {
        return index * -31 + round * 1_000_003;
    }

    static double doubleAt(final int index, final int round)
    {
        return round == 0 ? index / 7.0 : -index * 1e300 / 3;
    }

    static byte byteAt(final int index, final int round)
    {
        return (byte)(index * 13 + round * 101);
    }

    public static final class ReadsAndWritesBack
    {
        public static void main(final String[] args)
        {
            final SharedHandle[] handles = new SharedHandle[args.length];
            for (int i = 0; i < args.length; i++)
            {
                handles[i] = Serialized.fromBase64(args[i], SharedHandle.class);
            }
            try (SharedLong longValue = Space.attach(handles[0], SharedLong.class);
                 SharedInt intValue = Space.attach(handles[1], SharedInt.class);
                 SharedDouble doubleValue = Space.attach(handles[2], SharedDouble.class);
                 SharedBoolean booleanValue = Space.attach(handles[3], SharedBoolean.class);
                 SharedLongArray longs = handles[4].attach(SharedLongArray.class);
                 SharedIntArray ints = handles[5].attach(SharedIntArray.class);
                 SharedDoubleArray doubles = handles[6].attach(SharedDoubleArray.class);
                 SharedByteArray bytes = handles[7].attach(SharedByteArray.class))
            {
                for (final SharedObject object :
                    List.of(longValue, intValue, doubleValue, booleanValue, longs, ints, doubles, bytes))
                {
                    ChildPoints.report("handle." + object.name(), object.handle());
                    ChildPoints.report("created." + object.name(), object.created());
                }
                ChildPoints.report("long", longValue.get());
                ChildPoints.report("int", intValue.get());
                ChildPoints.report("double", Double.doubleToRawLongBits(doubleValue.get()));
                ChildPoints.report("boolean", booleanValue.get());
                ChildPoints.report("longs.firstMismatch", firstMismatch(LENGTH, i -> longs.get(i) == longAt(i, 0)));
                ChildPoints.report("ints.firstMismatch", firstMismatch(LENGTH, i -> ints.get(i) == intAt(i, 0)));
                ChildPoints.report("doubles.firstMismatch", firstMismatch(LENGTH,
                    i -> Double.doubleToRawLongBits(doubles.get(i)) == Double.doubleToRawLongBits(doubleAt(i, 0))));
                ChildPoints.report("bytes.firstMismatch", firstMismatch(BYTES_LENGTH, i -> bytes.get(i) == byteAt(i, 0)));

                longValue.set(~longValue.get());
                intValue.set(~intValue.get());
                doubleValue.set(-doubleValue.get());
                booleanValue.set(false);
                for (int i = 0; i < LENGTH; i++)
                {
                    longs.set(i, longAt(i, 1));
                    ints.set(i, intAt(i, 1));
                    doubles.set(i, doubleAt(i, 1));
                }
                for (int i = 0; i < BYTES_LENGTH; i++)
                {
                    bytes.set(i, byteAt(i, 1));
                }
            }
        }

        private static int firstMismatch(final int length, final IntPredicate matches)
        {
            for (int i = 0; i < length; i++)
            {
                if (!matches.test(i))
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
