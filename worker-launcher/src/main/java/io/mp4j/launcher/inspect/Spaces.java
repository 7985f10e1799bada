package io.mp4j.launcher.inspect;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.region.Names;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The spaces under a root directory, and what a command-line argument names.
 *
 * <p>Threading: static methods, any thread.
 */
public final class Spaces
{
    private Spaces()
    {
    }

    /**
     * @param root a root of spaces.
     * @return its space directories, by name; empty if the root does not exist.
     * @throws Mp4jException if the root cannot be listed.
     */
    public static List<Path> under(final Path root)
    {
        final List<Path> spaces = new ArrayList<>();
        if (!Files.isDirectory(root))
        {
            return spaces;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root))
        {
            for (final Path entry : entries)
            {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS))
                {
                    spaces.add(entry);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot list the root of spaces " + root + ": " + ex, ex);
        }
        spaces.sort(null);
        return spaces;
    }

    /**
     * @param root     a root of spaces.
     * @param argument a space's name under the root, or a path to a space directory (it holds a '/').
     * @return the space's directory; it may not exist.
     * @throws IllegalArgumentException if the name is not a valid space name.
     */
    public static Path resolve(final Path root, final String argument)
    {
        if (argument.indexOf('/') >= 0)
        {
            return Path.of(argument).toAbsolutePath().normalize();
        }
        return root.resolve(Names.validate("space", argument));
    }
}
