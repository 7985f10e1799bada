package io.mp4j.launcher.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up archive's life: one worker dumps, the parent installs the dump, later workers map it; a directory on
 * the class path, a failed dump or a changed jar never yield a stale or half archive.
 */
class StartupArchiveTest
{
    @TempDir
    Path dir;

    private String previous;
    private Path jar;

    @BeforeEach
    void useTemporaryArchiveDirectory() throws Exception
    {
        previous = System.getProperty(StartupArchive.DIRECTORY_PROPERTY);
        System.setProperty(StartupArchive.DIRECTORY_PROPERTY, dir.resolve("cds").toString());
        jar = Files.write(dir.resolve("app.jar"), new byte[] {1, 2, 3});
    }

    @AfterEach
    void restore()
    {
        if (previous == null)
        {
            System.clearProperty(StartupArchive.DIRECTORY_PROPERTY);
        }
        else
        {
            System.setProperty(StartupArchive.DIRECTORY_PROPERTY, previous);
        }
    }

    @Test
    void shouldDumpOnceThenMapTheInstalledArchive() throws Exception
    {
        final StartupArchive.Plan first = StartupArchive.plan(jar.toString(), List.of("-XX:+UseSerialGC"), "/jdk");
        assertNotNull(first.dumpTo());
        assertTrue(first.options().contains("-XX:ArchiveClassesAtExit=" + first.dumpTo()));

        final StartupArchive.Plan meanwhile = StartupArchive.plan(jar.toString(), List.of("-XX:+UseSerialGC"), "/jdk");
        assertTrue(meanwhile.options().isEmpty(), "one dump at a time: " + meanwhile);

        Files.write(first.dumpTo(), new byte[] {42});
        first.exited(0);
        assertTrue(Files.isRegularFile(first.archive()));
        assertFalse(Files.exists(first.dumpTo()));

        final StartupArchive.Plan later = StartupArchive.plan(jar.toString(), List.of("-XX:+UseSerialGC"), "/jdk");
        assertNull(later.dumpTo());
        assertEquals("-XX:SharedArchiveFile=" + first.archive(), later.options().get(0));
    }

    @Test
    void shouldNotInstallTheDumpOfAWorkerThatDidNotExitNormally() throws Exception
    {
        final StartupArchive.Plan first = StartupArchive.plan(jar.toString(), List.of(), "/jdk");
        Files.write(first.dumpTo(), new byte[] {42});
        first.exited(137);
        assertFalse(Files.exists(first.archive()));
        assertNotNull(StartupArchive.plan(jar.toString(), List.of(), "/jdk").dumpTo(), "the next start tries again");
    }

    @Test
    void shouldKeyTheArchiveOnJarContentOptionsAndJdk() throws Exception
    {
        final Path a = StartupArchive.plan(jar.toString(), List.of(), "/jdk").archive();
        final Path options = StartupArchive.plan(jar.toString(), List.of("-Xss1m"), "/jdk").archive();
        final Path jdk = StartupArchive.plan(jar.toString(), List.of(), "/other-jdk").archive();
        Files.write(jar, new byte[] {1, 2, 3, 4});
        final Path rebuilt = StartupArchive.plan(jar.toString(), List.of(), "/jdk").archive();
        assertNotEquals(a, options);
        assertNotEquals(a, jdk);
        assertNotEquals(a, rebuilt);
    }

    @Test
    void shouldSkipClassPathsWithDirectories()
    {
        final String classPath = jar + File.pathSeparator + dir;
        assertTrue(StartupArchive.plan(classPath, List.of(), "/jdk").options().isEmpty());
        assertNull(StartupArchive.plan(classPath, List.of(), "/jdk").archive());
    }
}
