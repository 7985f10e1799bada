package io.mp4j.ipc.region;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.RegionFormatException;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.testkit.Tmpfs;
import io.mp4j.ipc.values.SharedByteArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.mp4j.ipc.layout.RegionHeaderDescriptor.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A file system too full for a region gives a clear {@link Mp4jException} at create time, leaves no file behind,
 * and never a SIGBUS later. Needs a small tmpfs where the default root has more room than a region can take:
 * mounted here, which takes root; skipped where mounting is impossible.
 */
@NoLeaks
class FullFileSystemTest
{
    private static final long TMPFS_BYTES = 1 << 20;
    private static final int BIG_BYTES = 640 * 1024;
    private static final int MAX_RACE_ROUNDS = 50;

    @TempDir
    Path temp;

    @Test
    @Timeout(60)
    void shouldRefuseARegionLargerThanTheFreeSpace(final Space defaultSpace) throws IOException
    {
        final long rootFree = Files.getFileStore(Files.isDirectory(SpaceRoot.resolve()) ?
            SpaceRoot.resolve() : SpaceRoot.resolve().getParent()).getUsableSpace();
        if (rootFree + (1 << 20) < RegionFiles.MAX_TOTAL_LENGTH)
        {
            assertRefusedForSpace(defaultSpace);
            return;
        }
        try (Tmpfs tmpfs = mountTmpfs())
        {
            assertRefusedForSpace(Space.at(tmpfs.mountPoint().resolve("space")));
        }
    }

    @Test
    @Timeout(60)
    void shouldRefuseASecondRegionThatDoesNotFitAndKeepTheFirstUsable() throws IOException
    {
        try (Tmpfs tmpfs = mountTmpfs())
        {
            final Space space = Space.at(tmpfs.mountPoint().resolve("space"));
            try (SharedByteArray first = space.sharedByteArray("first", BIG_BYTES))
            {
                final Mp4jException ex = assertThrows(Mp4jException.class,
                    () -> space.sharedByteArray("second", BIG_BYTES));
                assertFalse(ex instanceof RegionFormatException);
                assertTrue(ex.getMessage().contains(space.directory().resolve("second").toString()), ex.getMessage());
                assertTrue(ex.getMessage().contains("bytes free"), ex.getMessage());
                assertFalse(Files.exists(space.directory().resolve("second")), "no file left behind");

                first.set(BIG_BYTES - 1, (byte)1); // every page was allocated at create: no SIGBUS
                assertEquals(1, first.get(BIG_BYTES - 1));
                first.unlink();
            }
            space.destroy();
        }
    }

    /**
     * Two threads create a region each at once; each fits alone, not both. Both pass the free-space check, so one
     * runs out of space while zero-filling its file: it must fail with a clear exception and delete its file.
     */
    @Test
    @Timeout(120)
    void shouldFailCleanlyWhenTheFileSystemFillsUpDuringTheAllocation() throws Exception
    {
        try (Tmpfs tmpfs = mountTmpfs())
        {
            final Space space = Space.at(tmpfs.mountPoint().resolve("space"));
            final ExecutorService threads = Executors.newFixedThreadPool(2);
            try
            {
                int midwayFailures = 0;
                final List<String> outcomes = new ArrayList<>();
                for (int round = 0; round < MAX_RACE_ROUNDS && midwayFailures == 0; round++)
                {
                    final CyclicBarrier start = new CyclicBarrier(2);
                    final List<Future<SharedByteArray>> results = new ArrayList<>();
                    for (final String name : List.of("a" + round, "b" + round))
                    {
                        results.add(threads.submit(() ->
                        {
                            start.await();
                            return space.sharedByteArray(name, BIG_BYTES);
                        }));
                    }
                    // Both creates end before any region is unlinked: an unlink would make room for the other.
                    final List<SharedByteArray> created = new ArrayList<>();
                    for (final Future<SharedByteArray> result : results)
                    {
                        try
                        {
                            created.add(result.get());
                        }
                        catch (final ExecutionException ex)
                        {
                            final Mp4jException failure = assertInstanceOf(Mp4jException.class, ex.getCause());
                            final String message = failure.getMessage();
                            assertTrue(message.contains(space.directory().toString()), "names the file: " + message);
                            if (message.startsWith("cannot allocate " + (HEADER_LENGTH + BIG_BYTES) +
                                " bytes for region"))
                            {
                                assertTrue(message.contains("is the file system full?"), message);
                                midwayFailures++;
                            }
                            else
                            {
                                // Refused by the free-space check, or out of space for the header itself.
                                assertTrue(message.contains("bytes free") ||
                                    message.contains("No space left on device"), message);
                            }
                            outcomes.add(message);
                        }
                    }
                    final int createdCount = created.size();
                    for (final SharedByteArray array : created)
                    {
                        array.set(BIG_BYTES - 1, (byte)1); // its pages were allocated at create: no SIGBUS
                        array.unlink();
                    }
                    assertTrue(createdCount <= 1, "both regions cannot fit");
                    try (Stream<Path> left = Files.list(space.directory()))
                    {
                        assertEquals(List.of(), left.toList(), "no file left behind by a failed create");
                    }
                }
                assertTrue(midwayFailures > 0, "no round ran out of space during the zero-fill in " +
                    MAX_RACE_ROUNDS + " rounds: " + outcomes);
                System.out.println("out of space during the allocation: " + outcomes.get(outcomes.size() - 1));
            }
            finally
            {
                threads.shutdownNow();
            }
            space.destroy();
        }
    }

    private static void assertRefusedForSpace(final Space space) throws IOException
    {
        space.sharedLong("probe").unlink(); // makes the space's directory
        final long free = Files.getFileStore(space.directory()).getUsableSpace();
        final int length = (int)Math.min(Integer.MAX_VALUE - 2L * HEADER_LENGTH, free + (1 << 20));
        final Path file = space.directory().resolve("huge");

        final Mp4jException ex = assertThrows(Mp4jException.class, () -> space.sharedByteArray("huge", length));

        assertFalse(ex instanceof RegionFormatException, ex.toString());
        assertTrue(ex.getMessage().contains(file.toString()), "names the file: " + ex.getMessage());
        assertTrue(ex.getMessage().contains("needs " + (HEADER_LENGTH + length) + " bytes"),
            ex.getMessage());
        assertTrue(ex.getMessage().matches(".*the file system has \\d+ bytes free.*"), ex.getMessage());
        assertFalse(Files.exists(file), "no file left behind");
        space.destroy();
    }

    private Tmpfs mountTmpfs() throws IOException
    {
        final Path mountPoint = Files.createDirectory(temp.resolve("tmpfs"));
        try
        {
            return Tmpfs.mount(mountPoint, TMPFS_BYTES);
        }
        catch (final Tmpfs.MountException ex)
        {
            assumeTrue(false, "cannot mount a small tmpfs here: " + ex.getMessage());
            throw ex;
        }
    }
}
