package io.mp4j.launcher.memory;

import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.Task;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionCodeTest
{
    private static final String SAFE_ID = "[A-Za-z0-9._-]{1,120}";

    record Scale(int factor) implements Task<Integer, Integer>
    {
        @Override
        public Integer call(final Integer argument)
        {
            return argument * factor;
        }
    }

    static final class Negate implements Task<Integer, Integer>
    {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer call(final Integer argument)
        {
            return -argument;
        }
    }

    static final class Offset implements Task<Integer, Integer>
    {
        private static final long serialVersionUID = 1L;

        private final int offset;

        Offset(final int offset)
        {
            this.offset = offset;
        }

        @Override
        public Integer call(final Integer argument)
        {
            return argument + offset;
        }
    }

    enum Op implements Task<Integer, Integer>
    {
        NEGATE
        {
            @Override
            public Integer call(final Integer argument)
            {
                return -argument;
            }
        },
        SQUARE
        {
            @Override
            public Integer call(final Integer argument)
            {
                return argument * argument;
            }
        }
    }

    static int square(final int x)
    {
        return x * x;
    }

    static int twice(final int x)
    {
        return 2 * x;
    }

    @Test
    void shouldGiveALambdasCapturedValuesAsState()
    {
        final int k = Integer.parseInt("5");
        final String label = "fi" + "ve".repeat(k - 4);
        final Task<Integer, String> task = x -> label + (x + k);
        final FunctionCode code = FunctionCode.of(task);
        assertEquals(2, code.captured().size());
        assertTrue(code.captured().containsAll(List.of(5, "five")), code.captured().toString());
        assertTrue(code.name().startsWith("FunctionCodeTest.lambda$"), code.name());
        assertTrue(code.id().matches(SAFE_ID), code.id());
        assertThrows(UnsupportedOperationException.class, () -> code.captured().add(1));

        final Task<Integer, Integer> plain = x -> x + 1;
        assertEquals(List.of(), FunctionCode.of(plain).captured());
    }

    @Test
    void shouldNameAMethodReferenceByItsTarget()
    {
        final Task<Integer, Integer> reference = FunctionCodeTest::square;
        final FunctionCode code = FunctionCode.of(reference);
        assertEquals("FunctionCodeTest.square", code.name());
        assertTrue(code.id().startsWith("io.mp4j.launcher.memory.FunctionCodeTest.square-"), code.id());
        assertTrue(code.id().matches(SAFE_ID), code.id());
        assertEquals(List.of(), code.captured());
        assertEquals(32, code.codeDigest().length);
        assertEquals(32, code.codeVersion().length());
        assertTrue(code.codeVersion().matches("[0-9a-f]{32}"));

        final Task<Integer, Integer> other = FunctionCodeTest::twice;
        assertNotEquals(code.id(), FunctionCode.of(other).id());
        assertFalse(Arrays.equals(code.codeDigest(), FunctionCode.of(other).codeDigest()));
    }

    @Test
    void shouldGiveTheSameCodeOnTheSecondCall()
    {
        final Task<Integer, Integer> reference = FunctionCodeTest::square;
        final FunctionCode first = FunctionCode.of(reference);
        final FunctionCode second = FunctionCode.of(reference);
        final Task<Integer, Integer> sameTarget = FunctionCodeTest::square;
        final FunctionCode otherSite = FunctionCode.of(sameTarget);
        assertArrayEquals(first.codeDigest(), second.codeDigest());
        assertArrayEquals(first.codeDigest(), otherSite.codeDigest(), "another call site, same method");
        assertEquals(first.id(), otherSite.id());
        assertNotSame(first.codeDigest(), first.codeDigest(), "a copy each time");
    }

    @Test
    void shouldUseARecordTaskAsItsOwnState()
    {
        final Scale scale = new Scale(3);
        final FunctionCode code = FunctionCode.of(scale);
        assertEquals(List.of(scale), code.captured());
        assertEquals("FunctionCodeTest$Scale.call", code.name());
        assertTrue(code.id().matches(SAFE_ID), code.id());
        assertArrayEquals(code.codeDigest(), FunctionCode.of(new Scale(4)).codeDigest());
        assertEquals(List.of(), FunctionCode.of(new Negate()).captured());
        assertFalse(Arrays.equals(code.codeDigest(), FunctionCode.of(new Negate()).codeDigest()));
    }

    @Test
    void shouldUseAnEnumConstantTaskAsItsOwnState()
    {
        final FunctionCode negate = FunctionCode.of(Op.NEGATE);
        assertEquals(List.of(Op.NEGATE), negate.captured());
        assertFalse(Arrays.equals(negate.codeDigest(), FunctionCode.of(Op.SQUARE).codeDigest()));
        assertNotEquals(negate.id(), FunctionCode.of(Op.SQUARE).id());
    }

    @Test
    void shouldAcceptBiTasksJobsAndOtherSerializableLambdas()
    {
        final BiTask<Integer, Integer, Integer> sum = Integer::sum;
        final FunctionCode sumCode = FunctionCode.of(sum);
        assertEquals("Integer.sum", sumCode.name(), "a JDK method: named, not read");
        final Job<String> job = () -> "done";
        assertEquals(List.of(), FunctionCode.of(job).captured());
        final Supplier<String> supplier = (Supplier<String> & Serializable)() -> "x";
        assertTrue(FunctionCode.of(supplier).name().startsWith("FunctionCodeTest.lambda$"));
        final List<Integer> list = new ArrayList<>(List.of(1));
        final Task<Integer, Integer> bound = list::get;
        assertEquals(List.of(list), FunctionCode.of(bound).captured(), "a bound receiver is state");
    }

    @Test
    void shouldRejectWhatItCannotHash()
    {
        final IllegalArgumentException fields =
            assertThrows(IllegalArgumentException.class, () -> FunctionCode.of(new Offset(1)));
        assertTrue(fields.getMessage().contains(Offset.class.getName() + " has instance fields mp4j cannot hash"),
            fields.getMessage());
        assertTrue(fields.getMessage().endsWith("make it a record or a lambda"), fields.getMessage());

        final Function<Integer, Integer> notSerializable = x -> x;
        final IllegalArgumentException lambda =
            assertThrows(IllegalArgumentException.class, () -> FunctionCode.of(notSerializable));
        assertTrue(lambda.getMessage().contains(notSerializable.getClass().getName()), lambda.getMessage());

        final IllegalArgumentException string =
            assertThrows(IllegalArgumentException.class, () -> FunctionCode.of("text"));
        assertTrue(string.getMessage().contains("java.lang.String"), string.getMessage());

        final Task<Integer, Integer> task = FunctionCodeTest::square;
        final IllegalArgumentException prefix =
            assertThrows(IllegalArgumentException.class, () -> FunctionCode.of(task, List.of("")));
        assertEquals("extraPackagePrefixes[0]=''", prefix.getMessage());
    }

    @Test
    void shouldKeepIdsShortAndSafeForAnyName()
    {
        final String longName = "com.example." + "x".repeat(300) + ".Outer$Inner.lambda$main$0";
        final String id = FunctionCode.idOf(longName, "method " + longName);
        assertTrue(id.matches(SAFE_ID), id);
        assertEquals(120, id.length());
        assertTrue(id.contains("Outer_Inner.lambda_main_0-"), id);
        assertNotEquals(FunctionCode.idOf("a.B$c", "method a/B$c"), FunctionCode.idOf("a.B_c", "method a/B_c"),
            "names equal once made safe keep apart by their hash");
        assertTrue(FunctionCode.idOf("-x", "-x").startsWith("_x-"));
    }
}
