package io.mp4j.launcher.demo;

import io.mp4j.ipc.SharedHandle;
import io.mp4j.ipc.region.RegionKind;

/**
 * Writes a {@link SharedHandle} as one command-line argument and reads it back: {@code kind:name:directory}.
 */
final class Handles
{
    private Handles()
    {
    }

    static String toArgument(final SharedHandle handle)
    {
        return handle.kind() + ":" + handle.name() + ":" + handle.spaceDirectory();
    }

    static SharedHandle fromArgument(final String argument)
    {
        final String[] parts = argument.split(":", 3);
        if (parts.length != 3)
        {
            throw new IllegalArgumentException("not a handle argument (kind:name:directory): " + argument);
        }
        return new SharedHandle(parts[2], parts[1], RegionKind.valueOf(parts[0]));
    }
}
