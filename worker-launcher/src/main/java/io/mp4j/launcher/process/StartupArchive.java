package io.mp4j.launcher.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A class-data-sharing archive for worker JVMs, made on first use and reused: the classes a worker loaded, stored
 * parsed and verified, so the next worker maps them instead of loading them again (dynamic AppCDS, JDK 13+).
 *
 * <ol>
 *     <li>The archive's file name is a hash of the java binary's home and version, the class path (each entry's
 *     name, size and modification time) and the worker's JVM options, so a rebuilt jar or another JDK gets a new
 *     archive and never a stale one. Archives live in {@value #DIRECTORY_PROPERTY} (default
 *     {@code ~/.cache/mp4j/cds}).</li>
 *     <li>If the archive exists, a worker starts with {@code -XX:SharedArchiveFile}.</li>
 *     <li>Else the first worker to create the lock file {@code NAME.lock} dumps its classes when it exits normally
 *     ({@code -XX:ArchiveClassesAtExit} to a temporary file), and the parent moves that file into place atomically
 *     after the exit; workers started meanwhile run without an archive. A lock older than {@link #STALE_LOCK} is
 *     taken over.</li>
 * </ol>
 * The JDK requires every class path entry to be a jar: with a directory on the class path (as in a build's
 * {@code target/classes}), workers run without an archive. CDS messages are switched off, since a JVM that cannot use
 * an archive runs on without it and the worker's output is the user's.
 *
 * <p>Threading: thread-safe.
 */
public final class StartupArchive
{
    /** System property naming the archive directory. */
    public static final String DIRECTORY_PROPERTY = "mp4j.cds.dir";

    /** A dump lock older than this is abandoned. */
    static final Duration STALE_LOCK = Duration.ofMinutes(2);

    private static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";

    private StartupArchive()
    {
    }

    /**
     * What one worker start does about the archive.
     *
     * @param options JVM options to add.
     * @param dumpTo  the temporary file the worker dumps to at exit, or null.
     * @param archive the archive, or null when archives do not apply.
     */
    public record Plan(List<String> options, Path dumpTo, Path archive)
    {
        /** No archive. */
        static final Plan NONE = new Plan(List.of(), null, null);

        /**
         * Called once the worker's process ended: installs what it dumped, or clears the way for another attempt.
         *
         * @param exitCode the worker's exit code.
         */
        public void exited(final int exitCode)
        {
            if (dumpTo == null)
            {
                return;
            }
            try
            {
                if (exitCode == 0 && Files.size(dumpTo) > 0)
                {
                    Files.move(dumpTo, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            catch (final IOException ex)
            {
                // no archive this time; the next worker start tries again
            }
            finally
            {
                deleteQuietly(dumpTo);
                deleteQuietly(lockOf(archive));
            }
        }
    }

    /**
     * @param classPath  the worker's class path.
     * @param jvmOptions its JVM options (part of the archive's identity).
     * @param javaHome   its java home.
     * @return what to do for this start.
     */
    public static Plan plan(final String classPath, final List<String> jvmOptions, final String javaHome)
    {
        final List<Path> entries = new ArrayList<>();
        for (final String entry : classPath.split(File.pathSeparator))
        {
            final Path path = Path.of(entry);
            if (entry.isEmpty() || !entry.endsWith(".jar") || !Files.isRegularFile(path))
            {
                return Plan.NONE;
            }
            entries.add(path);
        }
        try
        {
            final Path directory = directory();
            final Path archive = directory.resolve(key(entries, jvmOptions, javaHome) + ".jsa");
            if (Files.isRegularFile(archive))
            {
                return new Plan(List.of("-XX:SharedArchiveFile=" + archive, QUIET), null, archive);
            }
            Files.createDirectories(directory);
            if (!claim(lockOf(archive)))
            {
                return Plan.NONE;
            }
            final Path dumpTo = directory.resolve(archive.getFileName() + ".tmp-" + ProcessHandle.current().pid() +
                "-" + System.nanoTime());
            return new Plan(List.of("-XX:ArchiveClassesAtExit=" + dumpTo, QUIET), dumpTo, archive);
        }
        catch (final IOException ex)
        {
            return Plan.NONE;
        }
    }

    /**
     * @return the directory archives live in.
     */
    public static Path directory()
    {
        final String configured = System.getProperty(DIRECTORY_PROPERTY);
        return configured != null ? Path.of(configured) :
            Path.of(System.getProperty("user.home"), ".cache", "mp4j", "cds");
    }

    private static boolean claim(final Path lock) throws IOException
    {
        try
        {
            Files.createFile(lock);
            return true;
        }
        catch (final FileAlreadyExistsException taken)
        {
            final FileTime modified = Files.getLastModifiedTime(lock);
            if (modified.toInstant().plus(STALE_LOCK).isBefore(Instant.now()))
            {
                deleteQuietly(lock);
                return claim(lock);
            }
            return false;
        }
    }

    private static String key(final List<Path> entries, final List<String> jvmOptions, final String javaHome)
        throws IOException
    {
        final StringBuilder identity = new StringBuilder(javaHome).append('\n')
            .append(System.getProperty("java.vm.version")).append('\n');
        for (final Path entry : entries)
        {
            identity.append(entry.toAbsolutePath()).append(' ').append(Files.size(entry)).append(' ')
                .append(Files.getLastModifiedTime(entry).toMillis()).append('\n');
        }
        jvmOptions.forEach(option -> identity.append(option).append('\n'));
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return "worker-" + HexFormat.of().formatHex(digest, 0, 12);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static Path lockOf(final Path archive)
    {
        return archive.resolveSibling(archive.getFileName() + ".lock");
    }

    private static void deleteQuietly(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            // left for the stale-lock rule or the next install
        }
    }
}
