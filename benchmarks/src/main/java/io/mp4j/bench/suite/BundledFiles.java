package io.mp4j.bench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The peer programs shipped inside the jar as resources of this package: the Python peer scripts (copied from the
 * project's peer suite, with their JSON ids, plus {@code peers.py}, which runs the figures the report shows) and the
 * C floors. {@link #extract} writes them into a directory, since python3 and gcc need files.
 *
 * <p>Threading: static methods, any thread.
 */
final class BundledFiles
{
    /** The Python files, under {@code python/}. */
    static final List<String> PYTHON = List.of("peers.py", "_common.py", "_poolsuite.py", "bench_pipe.py",
        "bench_queue.py", "bench_shared.py", "bench_manager.py", "bench_joblib.py", "env_info.py");

    /** The C floors, under {@code c/}: a cache-line round trip and a one-way ring. */
    static final List<String> C = List.of("pingpong.c", "spsc.c");

    private BundledFiles()
    {
    }

    /**
     * Writes the Python files into {@code dir/python} and the C files into {@code dir/c}.
     *
     * @param dir an existing directory.
     * @return {@code dir}.
     * @throws UncheckedIOException if a file cannot be written.
     * @throws IllegalStateException if a resource is missing from the jar.
     */
    static Path extract(final Path dir)
    {
        copy(dir, "python", PYTHON);
        copy(dir, "c", C);
        return dir;
    }

    private static void copy(final Path dir, final String folder, final List<String> names)
    {
        try
        {
            final Path target = Files.createDirectories(dir.resolve(folder));
            for (final String name : names)
            {
                try (InputStream in = BundledFiles.class.getResourceAsStream(folder + "/" + name))
                {
                    if (in == null)
                    {
                        throw new IllegalStateException("resource missing from the class path: " +
                            BundledFiles.class.getPackageName().replace('.', '/') + "/" + folder + "/" + name);
                    }
                    Files.copy(in, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the peer programs into " + dir, ex);
        }
    }
}
