package io.mp4j.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits, before a step, for the machine to be quiet: a {@value #WINDOW_MS} ms window in which the cpus were at least
 * {@value #IDLE_PERCENT} % idle ({@code /proc/stat}), as the project's benchmark scripts do with
 * {@code QUIET_WAIT_S}. It gives up after its limit and the step runs anyway: the wait and the idle share go into
 * the step's meta line.
 *
 * <p>Threading: static methods, any thread.
 */
final class QuietWait
{
    /** The length of one measured window. */
    static final long WINDOW_MS = 2_000;
    /** The idle share a quiet window has, in percent. */
    static final int IDLE_PERCENT = 85;

    private static final Path STAT = Path.of("/proc/stat");

    private QuietWait()
    {
    }

    /**
     * What a wait found.
     *
     * @param waitedMs    how long it waited.
     * @param idlePercent the idle share of the last window, or NaN if {@code /proc/stat} cannot be read.
     */
    record Waited(long waitedMs, double idlePercent)
    {
    }

    /**
     * @param limitMs how long to wait at most; 0 returns at once.
     * @return how long it waited and the last window's idle share.
     * @throws InterruptedException if interrupted.
     */
    static Waited await(final long limitMs) throws InterruptedException
    {
        if (limitMs <= 0)
        {
            return new Waited(0, Double.NaN);
        }
        final long startNs = System.nanoTime();
        while (true)
        {
            final long[] before = cpuTicks();
            TimeUnit.MILLISECONDS.sleep(WINDOW_MS);
            final long[] after = cpuTicks();
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            if (before == null || after == null)
            {
                return new Waited(waitedMs, Double.NaN);
            }
            final long total = after[0] - before[0];
            final double idle = total <= 0 ? 100 : 100.0 * (after[1] - before[1]) / total;
            if (idle >= IDLE_PERCENT || waitedMs >= limitMs)
            {
                return new Waited(waitedMs, idle);
            }
        }
    }

    /**
     * @return the cpus' total and idle (idle + iowait) ticks since boot, or null.
     */
    private static long[] cpuTicks()
    {
        try
        {
            final List<String> lines = Files.readAllLines(STAT, StandardCharsets.US_ASCII);
            final String[] f = lines.get(0).strip().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++)
            {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }
}
