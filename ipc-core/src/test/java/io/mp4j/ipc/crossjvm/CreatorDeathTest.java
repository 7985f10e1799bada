package io.mp4j.ipc.crossjvm;

import io.mp4j.ipc.RegionFormatException;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.layout.ValueDescriptor;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionInfo;
import io.mp4j.ipc.region.RegionKind;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedBoolean;
import io.mp4j.ipc.values.SharedLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A creator that dies (SIGKILL) or hangs (SIGSTOP) half way through creating a region: attachers are told so,
 * quickly for a dead creator and after their timeout for a stopped one, and the name can be reclaimed.
 */
@NoLeaks
class CreatorDeathTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String NAME = "half";
    private static final long INITIAL = 77;
    private static final Duration QUICK = Duration.ofSeconds(3);

    @Test
    @Timeout(120)
    void shouldTellAttachersTheCreatorDiedAndLetTheNameBeReclaimed(final Space space)
    {
        try (ChildJvm child = ChildJvm.start(CreatesAndParks.class, space.directory().toString(), "park"))
        {
            child.awaitPoint("initialising", TIMEOUT);
            assertEquals(137, child.kill());
        }

        final long startNs = System.nanoTime();
        final RegionFormatException ex = assertThrows(RegionFormatException.class,
            () -> RegionFiles.attach(space.directory(), NAME, null, Space.DEFAULT_ATTACH_TIMEOUT.toMillis()));
        assertQuick(startNs);
        assertEquals("ready", ex.field());
        assertEquals(space.directory().resolve(NAME), ex.file());
        assertTrue(ex.getMessage().contains(space.directory().resolve(NAME).toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("half initialised"), ex.getMessage());
        assertTrue(ex.getMessage().contains("died"), ex.getMessage());

        final long againNs = System.nanoTime();
        final RegionFormatException throughSpace = assertThrows(RegionFormatException.class,
            () -> space.attach(NAME, SharedLong.class));
        assertQuick(againNs);
        assertTrue(throughSpace.getMessage().contains("half initialised"), throughSpace.getMessage());
        final RegionFormatException createOrAttach = assertThrows(RegionFormatException.class,
            () -> space.sharedLong(NAME));
        assertTrue(createOrAttach.getMessage().contains("half initialised"), createOrAttach.getMessage());

        final List<RegionInfo> infos = space.list();
        assertEquals(1, infos.size(), infos.toString());
        final RegionInfo info = infos.get(0);
        assertEquals(NAME, info.name());
        assertEquals(RegionKind.LONG_VALUE, info.kind());
        assertFalse(info.ready());
        assertFalse(info.creatorAlive());
        assertFalse(info.isSound());
        assertTrue(info.problem().contains("ready"), info.problem());

        assertTrue(space.remove(NAME));
        try (SharedLong reclaimed = space.sharedLong(NAME, 5))
        {
            assertTrue(reclaimed.created());
            assertEquals(5, reclaimed.get());
            reclaimed.unlink();
        }
    }

    @Test
    @Timeout(120)
    void shouldTimeOutAttachWhileTheCreatorIsStoppedAndAttachOnceItContinues(final Space space)
    {
        try (SharedBoolean release = space.sharedBoolean("release");
             ChildJvm child = ChildJvm.start(CreatesAndParks.class, space.directory().toString(), "release"))
        {
            child.awaitPoint("initialising", TIMEOUT);
            child.stop();

            final Duration attachTimeout = Duration.ofMillis(300);
            final long startNs = System.nanoTime();
            final RegionFormatException ex = assertThrows(RegionFormatException.class,
                () -> space.withAttachTimeout(attachTimeout).attach(NAME, SharedLong.class));
            final long elapsedNs = System.nanoTime() - startNs;
            assertTrue(elapsedNs >= attachTimeout.toNanos(), "waited the attach timeout: " + elapsedNs + " ns");
            assertQuick(startNs);
            assertEquals("ready", ex.field());
            assertTrue(ex.getMessage().contains("pid " + child.pid() + " is alive but has not finished"),
                ex.getMessage());
            final RegionInfo info = space.list().stream().filter(i -> i.name().equals(NAME)).findFirst().orElseThrow();
            assertTrue(info.creatorAlive());
            assertFalse(info.ready());

            child.cont();
            release.set(true);
            child.awaitPoint("created", TIMEOUT);
            try (SharedLong value = space.attach(NAME, SharedLong.class))
            {
                assertFalse(value.created());
                assertEquals(INITIAL, value.get(), "the body the creator initialised once it continued");
                value.unlink();
            }
            child.awaitSuccess(TIMEOUT);
            release.unlink();
        }
    }

    @Test
    @Timeout(120)
    void shouldTellAttachersTheCreatorDiedOnceAStoppedCreatorIsKilled(final Space space)
    {
        try (ChildJvm child = ChildJvm.start(CreatesAndParks.class, space.directory().toString(), "park"))
        {
            child.awaitPoint("initialising", TIMEOUT);
            child.stop();
            assertThrows(RegionFormatException.class,
                () -> space.withAttachTimeout(Duration.ofMillis(100)).attach(NAME, SharedLong.class));
            child.kill();
        }
        final long startNs = System.nanoTime();
        final RegionFormatException ex = assertThrows(RegionFormatException.class,
            () -> space.attach(NAME, SharedLong.class));
        assertQuick(startNs);
        assertTrue(ex.getMessage().contains("half initialised"), ex.getMessage());
        assertTrue(space.remove(NAME));
    }

    private static void assertQuick(final long startNs)
    {
        final long elapsedNs = System.nanoTime() - startNs;
        assertTrue(elapsedNs < QUICK.toNanos(), "took " + elapsedNs / 1_000_000 + " ms, well under the " +
            Space.DEFAULT_ATTACH_TIMEOUT.toMillis() + " ms attach timeout expected");
    }

    /**
     * Creates region {@value #NAME} with {@link RegionFiles#create}, its initialiser stopping at point
     * "initialising": "park" parks there forever; "release" waits there for the shared flag "release", then
     * initialises the value and finishes.
     */
    public static final class CreatesAndParks
    {
        public static void main(final String[] args)
        {
            final Space space = Space.at(Path.of(args[0]));
            final boolean park = args[1].equals("park");
            try (SharedBoolean release = park ? null : space.sharedBoolean("release");
                 Region region = RegionFiles.create(space.directory(), NAME, RegionKind.LONG_VALUE,
                     ValueDescriptor.valueTotalLength(), body ->
                     {
                         if (park)
                         {
                             ChildPoints.parkAt("initialising");
                         }
                         ChildPoints.reached("initialising");
                         Await.until("the release flag", TIMEOUT, release::get);
                         body.putLong(ValueDescriptor.VALUE_OFFSET, INITIAL);
                     }))
            {
                ChildPoints.reached("created");
                ChildPoints.report("created", region.created());
            }
        }
    }
}
