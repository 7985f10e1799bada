package io.mp4j.bench.collections;

import io.mp4j.ipc.jvm.JavaCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Child JVMs of the collection benchmarks and the run directory they share. A child's command line comes from
 * {@link JavaCommand} (this JVM's java, class path and mp4j's JVM flags, as for production workers); its stdout is
 * collected line by line (it prints its results there), its stderr is inherited. A child halts by itself once this
 * JVM is gone ({@link #watchParent()}); a shutdown hook kills the children still running and deletes the run
 * directory.
 *
 * <p>Threading: any thread.
 */
final class Children
{
    private static final Set<Child> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            LIVE.forEach(c -> c.process.destroyForcibly());
            DIRECTORIES.forEach(Children::deleteRecursively);
        }, "collections-bench-cleanup"));
    }

    private Children()
    {
    }

    /** A started child JVM. */
    static final class Child
    {
        final Process process;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        private Child(final Process process)
        {
            this.process = process;
            this.reader = new Thread(this::pump, "child-" + process.pid() + "-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        private void pump()
        {
            try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = r.readLine()) != null)
                {
                    synchronized (lines)
                    {
                        lines.add(line);
                    }
                }
            }
            catch (final IOException ignore)
            {
                // the child is gone
            }
        }

        /**
         * Waits for exit with code 0 (killing the child on timeout or failure).
         *
         * @param timeoutMs how long to wait.
         * @return every line it printed on stdout.
         * @throws InterruptedException if interrupted.
         */
        List<String> awaitExit(final long timeoutMs) throws InterruptedException
        {
            try
            {
                if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
                {
                    throw new IllegalStateException("child JVM " + process.pid() + " still running after " +
                        timeoutMs + " ms");
                }
                if (process.exitValue() != 0)
                {
                    throw new IllegalStateException("child JVM " + process.pid() + " exited with code " +
                        process.exitValue());
                }
            }
            finally
            {
                destroy();
            }
            reader.join(5_000);
            synchronized (lines)
            {
                return new ArrayList<>(lines);
            }
        }

        /** Kills the child if it still runs, and waits for it. */
        void destroy()
        {
            LIVE.remove(this);
            if (process.isAlive())
            {
                process.destroyForcibly();
                try
                {
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * @param mainClass the child's main class.
     * @param args      its arguments.
     * @return the started child.
     */
    static Child start(final Class<?> mainClass, final String... args)
    {
        final List<String> command = JavaCommand.forMainClass(mainClass).jvmOptions("-Xmx512m").arguments(args)
            .build();
        try
        {
            final Child child = new Child(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start());
            LIVE.add(child);
            return child;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command, ex);
        }
    }

    /**
     * Kills every child of the list still running.
     *
     * @param children the children.
     */
    static void destroyAll(final List<Child> children)
    {
        children.forEach(Child::destroy);
    }

    /**
     * For a child JVM: a daemon thread that halts it within 200 ms once its parent process has gone, so that no
     * spinning child outlives a killed benchmark.
     */
    static void watchParent()
    {
        final ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null)
        {
            return;
        }
        final Thread t = new Thread(() ->
        {
            while (parent.isAlive())
            {
                try
                {
                    Thread.sleep(200);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
            System.err.println("collections bench child " + ProcessHandle.current().pid() + ": parent gone, halting");
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Makes the run directory (mode 0700) and registers it for deletion at exit.
     *
     * @param dir the directory, normally under /dev/shm.
     * @return it.
     */
    static Path runDirectory(final Path dir)
    {
        try
        {
            if (!Files.isDirectory(dir))
            {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make " + dir, ex);
        }
        DIRECTORIES.add(dir);
        return dir;
    }

    /**
     * Deletes a file or a directory tree; missing is fine.
     *
     * @param path what to delete.
     */
    static void deleteRecursively(final Path path)
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(path))
        {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + path, ex);
        }
    }
}
