package io.mp4j.ipc.region;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.RegionFormatException;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.liveness.ProcessIdentity;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedInt;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.ipc.values.SharedLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.mp4j.ipc.layout.RegionHeaderDescriptor.*;
import static io.mp4j.ipc.region.RegionFileBytes.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Files that are not sound regions give {@link RegionFormatException} naming the file and the field, from attach
 * and from create-or-attach alike: never a crash, never a hang.
 */
@NoLeaks
class BadRegionFilesTest
{
    private static final Duration QUICK = Duration.ofSeconds(3);

    @Test
    @Timeout(30)
    void shouldRefuseToAttachAValueAsAnArray(final Space space)
    {
        final Path file = space.directory().resolve("v");
        try (SharedLong value = space.sharedLong("v", 3))
        {
            final Mp4jException ex = assertThrows(Mp4jException.class,
                () -> space.attach("v", SharedLongArray.class));
            assertInstanceOf(RegionFormatException.class, ex, "a kind mismatch is a format error: " + ex);
            assertBadFile((RegionFormatException)ex, file, "kind", "LONG_VALUE");
            assertBadFile(assertThrows(RegionFormatException.class,
                () -> RegionFiles.attach(space.directory(), "v", RegionKind.LONG_ARRAY, 1_000)),
                file, "kind", "LONG_VALUE where LONG_ARRAY was expected");
            assertEquals(3, value.get(), "the region is untouched");
            value.unlink();
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseToCreateOrAttachAnExistingNameAsAnotherKind(final Space space)
    {
        final Path file = space.directory().resolve("v");
        try (SharedLong value = space.sharedLong("v", 3))
        {
            assertBadFile(assertThrows(RegionFormatException.class, () -> space.sharedInt("v")),
                file, "kind", "LONG_VALUE where INT_VALUE was expected");
            assertBadFile(assertThrows(RegionFormatException.class, () -> space.sharedDouble("v")),
                file, "kind", "LONG_VALUE where DOUBLE_VALUE was expected");
            assertBadFile(assertThrows(RegionFormatException.class, () -> space.sharedLongArray("v", 1)),
                file, "kind", "LONG_VALUE where LONG_ARRAY was expected");
            assertBadFile(assertThrows(RegionFormatException.class, () -> space.counters("v", 4)),
                file, "kind", "LONG_VALUE where COUNTERS was expected");
            assertEquals(3, value.get());
            value.unlink();
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseANewerMajorVersionAndAcceptANewerMinorOne(final Space space) throws IOException
    {
        final Path file = closedValue(space, "v");

        patchInt(file, VERSION_MINOR_OFFSET, VERSION_MINOR + 5);
        try (SharedLong value = space.attach("v", SharedLong.class))
        {
            assertEquals(7, value.get(), "a newer minor version only adds what this reader may ignore");
        }

        patchInt(file, VERSION_MAJOR_OFFSET, VERSION_MAJOR + 1);
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("v", SharedLong.class)),
            file, "version", "layout " + (VERSION_MAJOR + 1) + "." + (VERSION_MINOR + 5) + " is not readable");
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.sharedLong("v")),
            file, "version", "is not readable");
        assertTrue(space.remove("v"));
    }

    @Test
    @Timeout(30)
    void shouldRefuseWrongMagic(final Space space) throws IOException
    {
        final Path file = closedValue(space, "v");
        patchLong(file, MAGIC_OFFSET, 0x1122334455667788L);

        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("v", SharedLong.class)),
            file, "magic", "0x1122334455667788 is not an mp4j region's");
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.sharedLong("v")), file, "magic", "");
        assertTrue(space.remove("v"));
    }

    @Test
    @Timeout(30)
    void shouldRefuseRandomBytes(final Space space) throws IOException
    {
        final Random random = new Random(42);
        final byte[] page = new byte[4096];
        random.nextBytes(page);
        final Path junk = space.directory().resolve("junk");
        write(junk, page);
        final byte[] scrap = new byte[HEADER_LENGTH - 1];
        random.nextBytes(scrap);
        final Path short1 = space.directory().resolve("scrap");
        write(short1, scrap);

        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("junk", SharedLong.class)),
            junk, "magic", "a foreign or corrupt file");
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.sharedLongArray("junk", 496)),
            junk, "magic", "");
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("scrap", SharedLong.class)),
            short1, "length", "shorter than the " + HEADER_LENGTH + "-byte header");
        assertTrue(space.remove("junk"));
        assertTrue(space.remove("scrap"));
    }

    @Test
    @Timeout(30)
    void shouldRefuseUnknownKindHeaderLengthAndTotalLength(final Space space) throws IOException
    {
        final Path file = closedValue(space, "v");
        patchInt(file, KIND_OFFSET, 999);
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("v", SharedLong.class)),
            file, "kind", "unknown kind code 999");

        patchInt(file, KIND_OFFSET, RegionKind.LONG_VALUE.code());
        patchInt(file, HEADER_LENGTH_OFFSET, 64);
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("v", SharedLong.class)),
            file, "headerLength", "64 bytes");

        patchInt(file, HEADER_LENGTH_OFFSET, HEADER_LENGTH);
        patchLong(file, TOTAL_LENGTH_OFFSET, 8);
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("v", SharedLong.class)),
            file, "totalLength", "shorter than the header");
        assertTrue(space.remove("v"));
    }

    @Test
    @Timeout(30)
    void shouldRefuseAFileShorterThanTheHeader(final Space space) throws IOException
    {
        final Path file = closedValue(space, "v");
        truncate(file, HEADER_LENGTH / 2);

        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("v", SharedLong.class)),
            file, "length", "(truncated)");
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.sharedLong("v")),
            file, "length", "shorter than the " + HEADER_LENGTH + "-byte header");
        assertTrue(space.remove("v"));
    }

    @Test
    @Timeout(30)
    void shouldRefuseAFileShorterOrLongerThanItsHeaderSays(final Space space) throws IOException
    {
        final Path file = space.directory().resolve("a");
        try (SharedLongArray array = space.sharedLongArray("a", 100))
        {
            array.set(99, 1);
        }
        final long totalLength = HEADER_LENGTH + 100L * Long.BYTES;
        truncate(file, totalLength - Long.BYTES);

        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("a", SharedLongArray.class)),
            file, "length", "the file is " + (totalLength - Long.BYTES) + " bytes but its header says " +
            totalLength + " (truncated)");
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.sharedLongArray("a", 100)),
            file, "length", "(truncated)");

        Files.write(file, new byte[2 * Long.BYTES], java.nio.file.StandardOpenOption.APPEND);
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("a", SharedLongArray.class)),
            file, "length", "the file is " + (totalLength + Long.BYTES) + " bytes but its header says " +
            totalLength);
        assertTrue(space.remove("a"));
    }

    @Test
    @Timeout(30)
    void shouldFailToAttachAnEmptyFileAfterTheAttachTimeout(final Space space) throws IOException
    {
        final Path file = space.directory().resolve("empty");
        write(file, new byte[0]);
        final Duration timeout = Duration.ofMillis(200);

        final long startNs = System.nanoTime();
        final RegionFormatException ex = assertThrows(RegionFormatException.class,
            () -> space.withAttachTimeout(timeout).attach("empty", SharedLong.class));
        final long elapsedNs = System.nanoTime() - startNs;

        assertBadFile(ex, file, "ready", "empty (0 bytes) after waiting 200 ms");
        assertTrue(elapsedNs >= timeout.toNanos(), "waited for a creator to write the header");
        assertTrue(elapsedNs < QUICK.toNanos(), "then gave up: " + TimeUnit.NANOSECONDS.toMillis(elapsedNs) + " ms");
        assertBadFile(assertThrows(RegionFormatException.class,
            () -> space.withAttachTimeout(timeout).sharedLong("empty")), file, "ready", "empty (0 bytes)");
        assertTrue(space.remove("empty"));
    }

    @Test
    @Timeout(30)
    void shouldRefuseAtOnceAHalfInitialisedFileWhoseCreatorIsDead(final Space space)
        throws IOException, InterruptedException
    {
        final Process exited = new ProcessBuilder("true").start();
        assertEquals(0, exited.waitFor());
        final Path file = space.directory().resolve("half");
        writeUnreadyValue(file, new ProcessIdentity(exited.pid(), ProcessIdentity.UNKNOWN_START));

        final long startNs = System.nanoTime();
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("half", SharedLong.class)),
            file, "ready", "half initialised: its creator pid " + exited.pid() + " died before marking it ready");
        assertTrue(System.nanoTime() - startNs < QUICK.toNanos(), "not waited for the attach timeout");
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.sharedLong("half")),
            file, "ready", "half initialised");
        assertTrue(space.remove("half"));
    }

    @Test
    @Timeout(30)
    void shouldTakeACreatorWhosePidWasReusedForDead(final Space space) throws IOException
    {
        final ProcessIdentity self = ProcessIdentity.current();
        assertNotEquals(ProcessIdentity.UNKNOWN_START, self.startTimeMs(), "this OS reports start times");
        final Path file = space.directory().resolve("half");
        writeUnreadyValue(file, new ProcessIdentity(self.pid(), self.startTimeMs() - 60_000));

        final long startNs = System.nanoTime();
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("half", SharedLong.class)),
            file, "ready", "half initialised");
        assertTrue(System.nanoTime() - startNs < QUICK.toNanos(), "not waited for the attach timeout");
        assertTrue(space.remove("half"));
    }

    @Test
    @Timeout(30)
    void shouldRefuseADirectoryWhereARegionFileShouldBe(final Space space) throws IOException
    {
        final Path directory = Files.createDirectories(space.directory().resolve("d"));

        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("d", SharedLong.class)),
            directory, "type", "a directory where a region file was expected");
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.sharedLong("d")),
            directory, "type", "a directory");
        assertTrue(Files.isDirectory(directory), "left as it was");
        Files.delete(directory);
    }

    @Test
    @Timeout(30)
    void shouldRefuseASymlinkWhereARegionFileShouldBe(final Space space) throws IOException
    {
        final Path target = closedValue(space, "target");
        final Path link = Files.createSymbolicLink(space.directory().resolve("link"), target);
        final Path dangling = Files.createSymbolicLink(space.directory().resolve("dangling"),
            space.directory().resolve("nowhere"));

        assertBadFile(assertThrows(RegionFormatException.class, () -> space.attach("link", SharedLong.class)),
            link, "type", "a symbolic link where a region file was expected");
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.sharedLong("link")),
            link, "type", "a symbolic link");
        assertBadFile(assertThrows(RegionFormatException.class, () -> space.sharedInt("dangling")),
            dangling, "type", "a symbolic link");
        assertFalse(Files.exists(space.directory().resolve("nowhere")), "create never follows a link");
        assertTrue(space.remove("link"));
        assertTrue(space.remove("dangling"));
        assertTrue(Files.isRegularFile(target), "removing the link leaves its target");
        assertTrue(space.remove("target"));
    }

    @Test
    @Timeout(30)
    void shouldSayNoSuchRegionForAMissingName(final Space space)
    {
        final Mp4jException ex = assertThrows(Mp4jException.class, () -> space.attach("missing", SharedInt.class));
        assertFalse(ex instanceof RegionFormatException);
        assertTrue(ex.getMessage().contains("no such region: " + space.directory().resolve("missing")),
            ex.getMessage());
        assertFalse(space.remove("missing"));
    }

    private static Path closedValue(final Space space, final String name)
    {
        try (SharedLong value = space.sharedLong(name, 7))
        {
            return value.file();
        }
    }
}
