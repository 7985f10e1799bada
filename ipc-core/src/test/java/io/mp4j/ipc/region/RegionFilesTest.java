package io.mp4j.ipc.region;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.RegionFormatException;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.counters.Counter;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.layout.ValueDescriptor;
import io.mp4j.ipc.liveness.ProcessIdentity;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedByteArray;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.ipc.values.SharedLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.mp4j.ipc.layout.RegionHeaderDescriptor.HEADER_LENGTH;
import static io.mp4j.ipc.region.RegionFileBytes.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Region files on the default root: their modes, what {@link Space#list()} tells of sound and bad files, and the
 * life cycle of close and unlink.
 */
@NoLeaks
class RegionFilesTest
{
    @Test
    void shouldCreateRegionFilesReadableByTheOwnerOnlyInAnOwnerOnlySpace(final Space space) throws IOException
    {
        try (SharedLong value = space.sharedLong("v"); Counters counters = space.counters("c", 4))
        {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(value.file())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(counters.file())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(space.directory())));
            assertEquals(space.directory(), value.file().getParent());
            value.unlink();
            counters.unlink();
        }
    }

    @Test
    @Timeout(30)
    void shouldListKindSizeCreatorAndProblemOfEachFile(final Space space) throws IOException, InterruptedException
    {
        final Process exited = new ProcessBuilder("true").start();
        try (SharedLong value = space.sharedLong("value");
             SharedLongArray array = space.sharedLongArray("array", 10);
             Counters counters = space.counters("counters", 4))
        {
            assertEquals(0, exited.waitFor());
            write(space.directory().resolve("empty"), new byte[0]);
            final byte[] junk = new byte[4096];
            new Random(7).nextBytes(junk);
            write(space.directory().resolve("junk"), junk);
            Files.createDirectory(space.directory().resolve("dir"));
            writeUnreadyValue(space.directory().resolve("half"),
                new ProcessIdentity(exited.pid(), ProcessIdentity.UNKNOWN_START));

            final List<RegionInfo> infos = space.list();
            assertEquals(List.of("array", "counters", "dir", "empty", "half", "junk", "value"),
                infos.stream().map(RegionInfo::name).collect(Collectors.toList()), "sorted by name");
            final Map<String, RegionInfo> byName = infos.stream()
                .collect(Collectors.toMap(RegionInfo::name, Function.identity()));

            assertSound(byName.get("value"), RegionKind.LONG_VALUE, ValueDescriptor.valueTotalLength());
            assertSound(byName.get("array"), RegionKind.LONG_ARRAY, HEADER_LENGTH + 10L * Long.BYTES);
            assertSound(byName.get("counters"), RegionKind.COUNTERS, Files.size(counters.file()));

            final RegionInfo half = byName.get("half");
            assertEquals(RegionKind.LONG_VALUE, half.kind());
            assertEquals(exited.pid(), half.creator().pid());
            assertFalse(half.creatorAlive());
            assertFalse(half.ready());
            assertProblem(half, "ready");

            final RegionInfo empty = byName.get("empty");
            assertEquals(0, empty.lengthBytes());
            assertNull(empty.kind());
            assertNull(empty.creator());
            assertProblem(empty, "length");

            final RegionInfo directory = byName.get("dir");
            assertNull(directory.kind());
            assertProblem(directory, "type");

            final RegionInfo foreign = byName.get("junk");
            assertEquals(4096, foreign.lengthBytes());
            assertProblem(foreign, "magic");

            for (final String bad : List.of("empty", "junk", "half"))
            {
                assertTrue(space.remove(bad), bad);
            }
            assertThrows(RegionFormatException.class, () -> space.remove("dir"), "remove refuses a directory");
            Files.delete(space.directory().resolve("dir"));
            value.unlink();
            array.unlink();
            counters.unlink();
        }
    }

    @Test
    void shouldListNothingForASpaceNotYetMade(final Space space)
    {
        assertFalse(Files.exists(space.directory()));
        assertEquals(List.of(), space.list());
    }

    @Test
    void shouldThrowIndexOutOfBoundsOnUseAfterClose(final Space space)
    {
        final SharedLong value = space.sharedLong("v", 1);
        final SharedLongArray array = space.sharedLongArray("a", 4);
        final SharedByteArray bytes = space.sharedByteArray("b", 4);
        value.close();
        array.close();
        bytes.close();

        assertTrue(value.isClosed());
        assertThrows(IndexOutOfBoundsException.class, value::get);
        assertThrows(IndexOutOfBoundsException.class, () -> value.set(2));
        assertThrows(IndexOutOfBoundsException.class, () -> value.getAndAdd(1));
        assertThrows(IndexOutOfBoundsException.class, () -> array.get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.buffer().getByte(0));
        assertEquals("SharedLong{v=closed}", value.toString());
        value.close(); // idempotent

        try (SharedLong again = space.attach("v", SharedLong.class))
        {
            assertEquals(1, again.get(), "closing unmapped this object only; the file stays");
        }
        assertTrue(space.remove("v"));
        assertTrue(space.remove("a"));
        assertTrue(space.remove("b"));
    }

    /**
     * Run in a child JVM: were a closed registry's views left over unmapped memory, the use would crash the JVM.
     */
    @Test
    @Timeout(60)
    void shouldThrowIndexOutOfBoundsOnUseOfCountersAfterCloseOrUnlink(final Space space)
    {
        try (ChildJvm child = ChildJvm.start(UsesClosedCounters.class, space.directory().toString()))
        {
            final int code = child.waitFor(Duration.ofSeconds(30));
            assertEquals(0, code, "the child must not crash\n" + child.describe());
            final String outOfBounds = IndexOutOfBoundsException.class.getName();
            for (final String use : List.of("closed.counter.get", "closed.counter.close", "closed.allocate",
                "unlinked.counter.increment"))
            {
                assertEquals(outOfBounds, child.awaitValue(use, Duration.ofSeconds(1)), use);
            }
            // Reading a closed registry sees no counter at all, or throws: either way it does not crash.
            assertTrue(List.of(outOfBounds, "returned []").contains(child.awaitValue("closed.snapshot",
                Duration.ofSeconds(1))), child.describe());
            assertTrue(List.of(outOfBounds, "returned []").contains(child.awaitValue("unlinked.snapshot",
                Duration.ofSeconds(1))), child.describe());
            assertTrue(List.of(outOfBounds, "returned null").contains(child.awaitValue("unlinked.find",
                Duration.ofSeconds(1))), child.describe());
        }
        assertEquals(List.of(), space.list());
    }

    @Test
    @Timeout(30)
    void shouldDeleteOnUnlinkWhileOtherMappingsKeepWorking(final Space space)
    {
        try (SharedLong creator = space.sharedLong("v", 1); SharedLong other = space.sharedLong("v"))
        {
            final Path file = creator.file();
            creator.unlink();
            assertFalse(Files.exists(file));
            assertTrue(creator.isClosed());
            assertThrows(IndexOutOfBoundsException.class, creator::get);
            creator.unlink(); // idempotent

            other.set(5);
            assertEquals(5, other.get(), "a mapping made before the unlink still works");
            final Mp4jException ex = assertThrows(Mp4jException.class, () -> space.attach("v", SharedLong.class));
            assertTrue(ex.getMessage().contains("no such region"), ex.getMessage());

            try (SharedLong fresh = space.sharedLong("v", 9))
            {
                assertTrue(fresh.created(), "the name is free at once");
                assertEquals(9, fresh.get());
                assertEquals(5, other.get(), "the new region is another object");
                fresh.unlink();
            }
        }
    }

    public static final class UsesClosedCounters
    {
        public static void main(final String[] args)
        {
            final Space space = Space.at(Path.of(args[0]));
            final Counters closed = space.counters("closed", 4);
            final Counter first = closed.allocate("first");
            closed.close();
            report("closed.counter.get", first::get);
            report("closed.counter.close", first::close);
            report("closed.snapshot", closed::snapshot);
            report("closed.allocate", () -> closed.allocate("second"));
            space.remove("closed");

            final Counters unlinked = space.counters("unlinked", 4);
            final Counter counter = unlinked.allocate("counter");
            unlinked.unlink();
            report("unlinked.counter.increment", counter::increment);
            report("unlinked.snapshot", unlinked::snapshot);
            report("unlinked.find", () -> unlinked.find("counter"));
        }

        private static void report(final String use, final Runnable action)
        {
            report(use, () ->
            {
                action.run();
                return "nothing";
            });
        }

        private static void report(final String use, final Supplier<?> action)
        {
            try
            {
                ChildPoints.report(use, "returned " + action.get());
            }
            catch (final RuntimeException ex)
            {
                ChildPoints.report(use, ex.getClass().getName());
            }
        }
    }

    private static void assertSound(final RegionInfo info, final RegionKind kind, final long length)
    {
        assertEquals(kind, info.kind(), info.toString());
        assertEquals(length, info.lengthBytes(), info.toString());
        assertEquals(ProcessIdentity.current(), info.creator(), info.toString());
        assertTrue(info.creatorAlive(), info.toString());
        assertTrue(info.ready(), info.toString());
        assertNull(info.problem(), info.toString());
        assertTrue(info.isSound());
    }

    private static void assertProblem(final RegionInfo info, final String field)
    {
        assertFalse(info.isSound(), info.toString());
        assertTrue(info.problem().contains(info.file().toString()), "names the file: " + info.problem());
        assertTrue(info.problem().contains(": " + field + ": "), "names the field " + field + ": " + info.problem());
    }
}
