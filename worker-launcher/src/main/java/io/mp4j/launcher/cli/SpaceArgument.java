package io.mp4j.launcher.cli;

import io.mp4j.launcher.inspect.Spaces;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The optional {@code SPACE} argument of {@code stat}, {@code ls} and {@code clean}.
 */
final class SpaceArgument
{
    @Parameters(arity = "0..1", paramLabel = "SPACE",
        description = "A space: its name under the root, or its directory's path (with a '/'). " +
            "Default: every space under the root.")
    String space;

    /**
     * @param root the root of spaces.
     * @return the space directories the argument names: every one under the root if none was given.
     * @throws NoSuchSpaceException     if the named space does not exist.
     * @throws IllegalArgumentException if the name is not a valid space name.
     */
    List<Path> spaces(final Path root)
    {
        if (space == null)
        {
            return Spaces.under(root);
        }
        final Path directory = Spaces.resolve(root, space);
        if (!Files.isDirectory(directory))
        {
            throw new NoSuchSpaceException(space, directory);
        }
        return List.of(directory);
    }

    /**
     * @return true if one space was named.
     */
    boolean named()
    {
        return space != null;
    }
}
