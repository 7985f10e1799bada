package io.mp4j.launcher.cli;

import io.mp4j.ipc.Mp4jException;

import java.nio.file.Path;

/**
 * A command was given a space that does not exist: exit code {@link Mp4jCommand#EXIT_ERROR}.
 */
final class NoSuchSpaceException extends Mp4jException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param argument  the space as given.
     * @param directory where it was looked for.
     */
    NoSuchSpaceException(final String argument, final Path directory)
    {
        super("no space '" + argument + "': " + directory + " does not exist");
    }
}
