package io.mp4j.ipc.region;

import io.mp4j.ipc.RegionFormatException;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.ipc.values.SharedLongArray;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link RegionFiles#attachReadOnly}: what readers such as {@code mp4j stat} map. They see the writers' stores, never
 * write, and get a clear refusal for what is not a ready region.
 */
@NoLeaks
class ReadOnlyAttachTest
{
    @Test
    void shouldSeeTheWritersStoresThroughAReadOnlyMapping(final Space space) throws IOException
    {
        try (SharedLong value = space.sharedLong("v", 41);
            Region view = RegionFiles.attachReadOnly(value.file(), RegionKind.LONG_VALUE))
        {
            assertTrue(view.readOnly());
            assertEquals(RegionKind.LONG_VALUE, view.kind());
            assertEquals(41, view.body().getLongAcquire(0));
            value.set(42);
            assertEquals(42, view.body().getLongVolatile(0));
            value.unlink();
        }
    }

    @Test
    void shouldRefuseToBuildASharedObjectOverAReadOnlyMapping(final Space space) throws IOException
    {
        try (SharedLongArray array = space.sharedLongArray("a", 8);
            Region view = RegionFiles.attachReadOnly(array.file(), null))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new SharedLongArray(view));
            assertTrue(ex.getMessage().contains("read-only"), ex.getMessage());
            array.unlink();
        }
    }

    @Test
    void shouldRefuseMissingForeignAndOtherKindFilesAtOnce(final Space space) throws IOException
    {
        assertThrows(NoSuchFileException.class, () -> RegionFiles.attachReadOnly(space.directory().resolve("none"),
            null));
        try (SharedLong value = space.sharedLong("v"))
        {
            final RegionFormatException kind = assertThrows(RegionFormatException.class,
                () -> RegionFiles.attachReadOnly(value.file(), RegionKind.QUEUE));
            assertTrue(kind.getMessage().contains("kind"), kind.getMessage());
            final Path foreign = space.directory().resolve("foreign");
            Files.write(foreign, new byte[256]);
            final RegionFormatException magic = assertThrows(RegionFormatException.class,
                () -> RegionFiles.attachReadOnly(foreign, null));
            assertTrue(magic.getMessage().contains("magic"), magic.getMessage());
            Files.delete(foreign);
            value.unlink();
        }
    }
}
