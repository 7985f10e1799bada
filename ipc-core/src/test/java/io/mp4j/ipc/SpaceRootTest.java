package io.mp4j.ipc;

import io.mp4j.ipc.jvm.JavaCommand;
import io.mp4j.ipc.region.SpaceRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpaceRootTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldDefaultUnderDevShmAndFollowEnvironmentThenProperty() throws Exception
    {
        final String user = System.getProperty("user.name");
        assertEquals(Path.of("/dev/shm/mp4j-" + user), run(List.of(), null));
        assertEquals(dir.resolve("from-env"), run(List.of(), dir.resolve("from-env").toString()));
        assertEquals(dir.resolve("from-property"),
            run(List.of("-D" + SpaceRoot.PROPERTY + "=" + dir.resolve("from-property")),
                dir.resolve("from-env").toString()), "the property wins over the environment");
    }

    @Test
    void shouldCreateSpaceDirectoryOwnerOnlyAndRegionFilesOwnerOnly() throws Exception
    {
        final Space space = Space.at(dir.resolve("root").resolve("space"));
        try (var value = space.sharedLong("v"))
        {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(space.directory())));
            assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(space.directory().getParent())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(value.file())));
        }
        space.destroy();
        assertTrue(Files.notExists(space.directory()));
    }

    @Test
    void shouldRefuseToRemoveDirectoryStandingForRegion() throws Exception
    {
        final Space space = Space.at(dir.resolve("s"));
        Files.createDirectories(space.directory().resolve("notafile"));
        final RegionFormatException ex = org.junit.jupiter.api.Assertions.assertThrows(RegionFormatException.class,
            () -> space.remove("notafile"));
        assertTrue(ex.getMessage().contains("directory"), ex.getMessage());
        assertTrue(Files.isDirectory(space.directory().resolve("notafile")));
    }

    private static Path run(final List<String> jvmOptions, final String env) throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(JavaCommand.forMainClass(PrintRoot.class)
            .jvmOptions(jvmOptions.toArray(String[]::new)).build());
        builder.environment().remove(SpaceRoot.ENV);
        if (env != null)
        {
            builder.environment().put(SpaceRoot.ENV, env);
        }
        final Process process = builder.redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.waitFor(), out);
        return Path.of(out);
    }

    /** Prints the root of spaces as this JVM resolves it. */
    public static final class PrintRoot
    {
        public static void main(final String[] args)
        {
            System.out.println(SpaceRoot.resolve());
        }
    }
}
