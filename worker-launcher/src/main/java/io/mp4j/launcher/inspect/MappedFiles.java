package io.mp4j.launcher.inspect;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which processes map which files under a directory, read once from Linux's {@code /proc/<pid>/maps}: a region whose
 * creator died may still be used by the processes that attached it, and {@code mp4j clean} leaves those.
 *
 * <p>Threading: immutable once made.
 */
public final class MappedFiles
{
    private static final Path PROC = Path.of("/proc");
    private static final String DELETED = " (deleted)";

    private final boolean available;
    private final Map<String, Set<Long>> mappers;

    private MappedFiles(final boolean available, final Map<String, Set<Long>> mappers)
    {
        this.available = available;
        this.mappers = mappers;
    }

    /**
     * Reads the mappings of every process this user may see, keeping those of files under a directory.
     *
     * @param under a directory, such as the root of spaces.
     * @return what maps which file there; {@link #available()} is false where {@code /proc} cannot be read.
     */
    public static MappedFiles scan(final Path under)
    {
        final String prefix = realPath(under) + "/";
        final Map<String, Set<Long>> mappers = new HashMap<>();
        final long self = ProcessHandle.current().pid();
        if (!Files.isDirectory(PROC.resolve("self")))
        {
            return new MappedFiles(false, mappers);
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*"))
        {
            for (final Path process : processes)
            {
                final long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self)
                {
                    readMaps(process.resolve("maps"), pid, prefix, mappers);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return new MappedFiles(false, mappers);
        }
        return new MappedFiles(true, mappers);
    }

    private static void readMaps(final Path maps, final long pid, final String prefix,
        final Map<String, Set<Long>> mappers)
    {
        try (BufferedReader reader = Files.newBufferedReader(maps, StandardCharsets.UTF_8))
        {
            for (String line; (line = reader.readLine()) != null; )
            {
                final int path = line.indexOf('/');
                if (path < 0 || !line.startsWith(prefix, path))
                {
                    continue;
                }
                String file = line.substring(path);
                if (file.endsWith(DELETED))
                {
                    file = file.substring(0, file.length() - DELETED.length());
                }
                mappers.computeIfAbsent(file, k -> new TreeSet<>()).add(pid);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // the process ended, or is another user's: it maps none of this user's files
        }
    }

    private static String realPath(final Path path)
    {
        try
        {
            return path.toRealPath().toString();
        }
        catch (final IOException ex)
        {
            return path.toAbsolutePath().normalize().toString();
        }
    }

    /**
     * @return false if the mappings could not be read (no {@code /proc}): then no file is known to be mapped.
     */
    public boolean available()
    {
        return available;
    }

    /**
     * @param file a file under the scanned directory.
     * @return the pids of the processes mapping it when scanned, other than this one; empty if none.
     */
    public Set<Long> mappers(final Path file)
    {
        return mappers.getOrDefault(realPath(file), Set.of());
    }

    /**
     * @param directory a directory under the scanned one.
     * @return the pids of the processes mapping any file under it when scanned, other than this one.
     */
    public Set<Long> mappersUnder(final Path directory)
    {
        final String prefix = realPath(directory) + "/";
        final Set<Long> pids = new TreeSet<>();
        mappers.forEach((file, by) ->
        {
            if (file.startsWith(prefix))
            {
                pids.addAll(by);
            }
        });
        return pids;
    }
}
