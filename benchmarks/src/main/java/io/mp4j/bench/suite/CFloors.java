package io.mp4j.bench.suite;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The C floors, compiled with gcc when it is on {@code PATH}: {@code pingpong} (one cache line's round trip between
 * two processes pinned to cpus 0 and 1) beside the pipe, {@code spsc} (a one-way ring without headers) beside the
 * queue. They need two cpus.
 *
 * @param pingpong the compiled round trip, or null.
 * @param spsc     the compiled ring, or null.
 * @param summary  one line for the report: what was compiled with what, or why not.
 */
record CFloors(Path pingpong, Path spsc, String summary)
{
    private static final long COMPILE_TIMEOUT_MS = 120_000;

    /**
     * @param sources the directory holding {@code pingpong.c} and {@code spsc.c}.
     * @param path    the {@code PATH} to find gcc on.
     * @param cpus    the cpus this JVM may use.
     * @return the binaries, or none with the reason.
     * @throws InterruptedException if interrupted while compiling.
     */
    static CFloors compile(final Path sources, final String path, final int cpus) throws InterruptedException
    {
        if (cpus < 2)
        {
            return skipped("the C floors pin two processes to cpus 0 and 1; this machine has " + cpus);
        }
        Path gcc = null;
        for (final String dir : (path == null ? "" : path).split(File.pathSeparator))
        {
            final Path candidate = dir.isEmpty() ? null : Path.of(dir, "gcc");
            if (candidate != null && Files.isExecutable(candidate))
            {
                gcc = candidate;
                break;
            }
        }
        if (gcc == null)
        {
            return skipped("no gcc on PATH");
        }
        final Processes.Outcome version = Processes.run(List.of(gcc.toString(), "-dumpfullversion"), null,
            COMPILE_TIMEOUT_MS);
        final Path pingpong = sources.resolve("pingpong");
        final Path spsc = sources.resolve("spsc");
        for (final Path binary : List.of(pingpong, spsc))
        {
            final Processes.Outcome outcome = Processes.run(List.of(gcc.toString(), "-O2", "-o", binary.toString(),
                binary + ".c", "-lrt"), sources, COMPILE_TIMEOUT_MS);
            if (!outcome.ok())
            {
                return skipped("gcc failed on " + binary.getFileName() + ".c: " +
                    outcome.output().strip().lines().findFirst().orElse("exit code " + outcome.exitCode()));
            }
        }
        return new CFloors(pingpong, spsc, "gcc " + (version.ok() ? version.output().strip() : "?") +
            " -O2: pingpong.c (cache-line round trip), spsc.c (one-way ring)");
    }

    /**
     * @param reason why the floors are not used.
     * @return no floors.
     */
    static CFloors skipped(final String reason)
    {
        return new CFloors(null, null, "skipped: " + reason);
    }

    /**
     * @return whether the floors were compiled.
     */
    boolean present()
    {
        return pingpong != null;
    }
}
