package io.mp4j.ipc.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, to fill a file system on purpose: {@code mount -t tmpfs -o size=N}, which
 * needs root (or CAP_SYS_ADMIN). {@link #close()} unmounts it.
 *
 * <p>Not thread-safe.
 */
public final class Tmpfs implements AutoCloseable
{
    private static final long COMMAND_TIMEOUT_MS = 30_000;

    private final Path mountPoint;
    private boolean mounted = true;

    private Tmpfs(final Path mountPoint)
    {
        this.mountPoint = mountPoint;
    }

    /**
     * Mounts a tmpfs.
     *
     * @param mountPoint an existing empty directory.
     * @param sizeBytes  the file system's size.
     * @return the mounted file system.
     * @throws MountException if it cannot be mounted (not root, no mount command, in a restricted container).
     */
    public static Tmpfs mount(final Path mountPoint, final long sizeBytes)
    {
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes + ",mode=0700", "tmpfs", mountPoint.toString()));
        return new Tmpfs(mountPoint);
    }

    /** @return where it is mounted. */
    public Path mountPoint()
    {
        return mountPoint;
    }

    /**
     * Unmounts it; if it is busy (a file still mapped after a failed test), detaches it lazily so that it goes away
     * with its last user. Idempotent.
     */
    @Override
    public void close()
    {
        if (mounted)
        {
            mounted = false;
            try
            {
                run(List.of("umount", mountPoint.toString()));
            }
            catch (final MountException ex)
            {
                run(List.of("umount", "-l", mountPoint.toString()));
            }
        }
    }

    private static void run(final List<String> command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly().waitFor();
                throw new MountException("'" + String.join(" ", command) + "' did not finish");
            }
            if (process.exitValue() != 0)
            {
                throw new MountException("'" + String.join(" ", command) + "' failed with code " +
                    process.exitValue() + ": " + output.trim());
            }
        }
        catch (final IOException ex)
        {
            throw new MountException("cannot run '" + String.join(" ", command) + "': " + ex, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new MountException("interrupted running '" + String.join(" ", command) + "'", ex);
        }
    }

    /**
     * A mount or unmount that failed.
     */
    public static final class MountException extends UncheckedIOException
    {
        private static final long serialVersionUID = 1L;

        MountException(final String message)
        {
            super(message, new IOException(message));
        }

        MountException(final String message, final Exception cause)
        {
            super(message, cause instanceof IOException io ? io : new IOException(cause));
        }
    }
}
