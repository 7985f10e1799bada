package io.mp4j.bench.ipc;

import io.mp4j.ipc.jvm.JavaCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs of the IPC benchmarks and the run directory they share. A child's command line comes from
 * {@link JavaCommand} (this JVM's java, class path and mp4j's JVM flags, as for production workers); its stdout is
 * read line by line (the child reports {@code READY} and its results there), its stderr is inherited. Children
 * halt by themselves when this JVM dies ({@link #watchParent()}), and a shutdown hook kills those still running
 * and deletes the run directory when this JVM is stopped.
 *
 * <p>Threading: any thread.
 */
public final class Jvms
{
    private static final Set<Child> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            LIVE.forEach(c -> c.process.destroyForcibly());
            DIRECTORIES.forEach(Jvms::deleteRecursively);
        }, "ipc-bench-cleanup"));
    }

    private Jvms()
    {
    }

    /**
     * A started child JVM.
     */
    public static final class Child
    {
        /** The child's process. */
        public final Process process;
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> all = new ArrayList<>();
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
                    synchronized (all)
                    {
                        all.add(line);
                    }
                    lines.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // the child is gone
            }
        }

        /**
         * Waits for a line starting with a prefix, failing if the child exits or the timeout passes.
         *
         * @param prefix    the line's start.
         * @param timeoutMs how long to wait.
         * @return the line.
         * @throws InterruptedException if interrupted.
         */
        public String awaitLine(final String prefix, final long timeoutMs) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (true)
            {
                final String line = lines.poll(50, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix))
                {
                    return line;
                }
                if (line == null && !process.isAlive() && lines.isEmpty())
                {
                    throw new IllegalStateException("child JVM " + process.pid() + " exited with code " +
                        process.exitValue() + " before printing " + prefix);
                }
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("child JVM " + process.pid() + " printed no " + prefix +
                        " within " + timeoutMs + " ms");
                }
            }
        }

        /**
         * Waits for exit with code 0 (killing the child on timeout).
         *
         * @param timeoutMs how long to wait.
         * @return every line it printed on stdout.
         * @throws InterruptedException if interrupted.
         */
        public List<String> awaitExit(final long timeoutMs) throws InterruptedException
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
            reader.join(5_000); // it ends at EOF, shortly after the exit
            synchronized (all)
            {
                return new ArrayList<>(all);
            }
        }

        /**
         * Kills the child if it still runs, and waits for it.
         */
        public void destroy()
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
     * @param prefix    words before the java command, e.g. {@code taskset -c 1}; may be empty.
     * @param mainClass the child's main class.
     * @param args      its arguments.
     * @return the started child.
     */
    public static Child start(final List<String> prefix, final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>(prefix);
        command.addAll(JavaCommand.forMainClass(mainClass).jvmOptions("-Xmx512m").arguments(args).build());
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
     * Kills every child in the list still running.
     *
     * @param children the children.
     */
    public static void destroyAll(final List<Child> children)
    {
        children.forEach(Child::destroy);
    }

    /**
     * For a child JVM: a daemon thread that halts this JVM within 200 ms once its parent process has gone, so
     * that no spinning child outlives a killed benchmark.
     */
    public static void watchParent()
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
            System.err.println("ipc bench child " + ProcessHandle.current().pid() + ": parent gone, halting");
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
    public static Path runDirectory(final Path dir)
    {
        try
        {
            if (!Files.isDirectory(dir))
            {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
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
    public static void deleteRecursively(final Path path)
    {
        if (!Files.exists(path))
        {
            return;
        }
        try
        {
            Files.walkFileTree(path, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
                {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path dir, final IOException exc) throws IOException
                {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (final NoSuchFileException ignore)
        {
            // deleted meanwhile
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + path, ex);
        }
    }
}
