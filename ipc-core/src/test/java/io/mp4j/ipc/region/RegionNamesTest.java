package io.mp4j.ipc.region;

import io.mp4j.ipc.SharedHandle;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Names become file names, so only plain ones are accepted: no separator, no "..", no leading '.', no control
 * character, not empty, at most {@link Names#MAX_LENGTH} characters.
 */
@NoLeaks
class RegionNamesTest
{
    static List<String> badNames()
    {
        return List.of("../x", "..", ".", "a/b", "/abs", "a\\b", "", "x".repeat(Names.MAX_LENGTH + 1), "a\u0000b",
            "new\nline", "tab\t", "bell\u0007", "del\u007f", ".hidden", "a b", "caf\u00e9", "semi;colon", "star*");
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void shouldRefuseABadRegionName(final String name, final Space space)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> space.sharedLong(name));
        assertTrue(ex.getMessage().startsWith("region name "), ex.getMessage());
        assertFalse(ex.getMessage().chars().anyMatch(c -> c < 0x20), "control characters are escaped: " + ex);
        assertThrows(IllegalArgumentException.class, () -> space.attach(name, SharedLong.class));
        assertThrows(IllegalArgumentException.class, () -> space.remove(name));
        assertThrows(IllegalArgumentException.class, () -> RegionFiles.regionFile(space.directory(), name));
        assertThrows(IllegalArgumentException.class,
            () -> new SharedHandle(space.directory().toString(), name, RegionKind.LONG_VALUE));
        assertFalse(Files.exists(space.directory()), "nothing was created");
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void shouldRefuseABadSpaceName(final String name)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Space.open(name));
        assertTrue(ex.getMessage().startsWith("space name "), ex.getMessage());
    }

    @Test
    void shouldRefuseANullName(final Space space)
    {
        assertThrows(IllegalArgumentException.class, () -> space.sharedLong(null));
        assertThrows(IllegalArgumentException.class, () -> Space.open(null));
    }

    @Test
    void shouldAcceptPlainNamesUpToTheLongest(final Space space)
    {
        for (final String name : List.of("x".repeat(Names.MAX_LENGTH), "a.b_c-D9", "x..y", "trailing."))
        {
            try (SharedLong value = space.sharedLong(name, 1))
            {
                assertTrue(value.created());
                assertEquals(space.directory().resolve(name), value.file());
                value.unlink();
            }
        }
    }

    @Test
    void shouldQuoteTheOffendingNameInTheMessage(final Space space)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> space.sharedLong("a\u0001b"));
        assertTrue(ex.getMessage().contains("index=1"), ex.getMessage());
        assertTrue(ex.getMessage().contains("\"a\\u0001b\""), ex.getMessage());
        final IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
            () -> space.sharedLong("y".repeat(201)));
        assertTrue(tooLong.getMessage().contains("length=201 max=200"), tooLong.getMessage());
    }
}
