package io.mp4j.bench.suite;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Short helper processes (a Python probe, a compiler): run one, wait with a timeout, keep its output.
 *
 * <p>Threading: static methods, any thread.
 */
final class Processes
{
    private Processes()
    {
    }

    /**
     * What a short process did.
     *
     * @param exitCode its exit code, or -1 if it did not start or did not end in time.
     * @param output   its standard output and error, interleaved; or why it did not run.
     */
    record Outcome(int exitCode, String output)
    {
        /**
         * @return whether it exited with 0.
         */
        boolean ok()
        {
            return exitCode == 0;
        }
    }

    /**
     * @param command   the command line.
     * @param directory the working directory, or null for this process's.
     * @param timeoutMs how long it may run; then it is killed.
     * @return what it did; never throws for a command that cannot start.
     * @throws InterruptedException if interrupted while waiting (the process is killed).
     */
    static Outcome run(final List<String> command, final Path directory, final long timeoutMs)
        throws InterruptedException
    {
        final Process process;
        try
        {
            final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (directory != null)
            {
                builder.directory(directory.toFile());
            }
            process = builder.start();
        }
        catch (final IOException ex)
        {
            return new Outcome(-1, "cannot run " + command.get(0) + ": " + ex.getMessage());
        }
        final CompletableFuture<String> output = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
        try
        {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly().waitFor();
                return new Outcome(-1, String.join(" ", command) + " did not end within " + timeoutMs + " ms");
            }
            return new Outcome(process.exitValue(), output.get(timeoutMs, TimeUnit.MILLISECONDS));
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            return new Outcome(process.exitValue(), "");
        }
        finally
        {
            if (process.isAlive())
            {
                process.destroyForcibly();
            }
        }
    }
}
