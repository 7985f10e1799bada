package io.mp4j.launcher.cli;

import io.mp4j.ipc.region.SpaceRoot;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code --root} option of the commands that look at spaces: the directory holding them, by default
 * {@link SpaceRoot#resolve()} ({@code /dev/shm/mp4j-<user>}, or what {@code -Dmp4j.dir} or {@code MP4J_DIR} say).
 */
final class RootOption
{
    @Option(names = "--root", paramLabel = "DIR",
        description = "The directory of spaces (default: -Dmp4j.dir, else $MP4J_DIR, else /dev/shm/mp4j-<user>).")
    Path root;

    /**
     * @return the root to use.
     */
    Path root()
    {
        return root != null ? root.toAbsolutePath().normalize() : SpaceRoot.resolve();
    }
}
