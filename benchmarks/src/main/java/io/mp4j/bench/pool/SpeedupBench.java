package io.mp4j.bench.pool;

import io.mp4j.bench.ResultLines;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.ProcessPool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Speed-up of CPU-bound tasks ({@link Tasks#burn}, calibrated to {@code task_ms} each on this JVM) against the
 * number of workers: {@code tasks} tasks through {@code ProcessPool.map} with chunks of 1 on a warm pool of n
 * workers, beside the same tasks on a fixed thread pool of n threads in this JVM ({@code jdk.ExecutorService},
 * {@code invokeAll}: the machine's own ceiling) and one after the other in this thread ({@code jdk.serial}).
 * Each run times the serial loop and every pool, so the speed-up of a run is its serial time over its pool time; the
 * figure is the median over runs. {@code scaling} is a pool's time with 1 worker over its time with n;
 * {@code parent_cpu_share} is the CPU time this JVM (the pool's caller and supervisor) used during the pool's map,
 * over the map's wall time: what the waiting parent takes from the workers' cores. {@code jdk.serial.cpu_bound
 * ms_per_task} is the measured length of a task (the calibration aims at {@code task_ms}).
 *
 * <p>Amdahl's law, {@code S(n) = 1 / (s + (1 - s) / n)}, is fitted to the median speed-ups by least squares on
 * {@code 1/S - 1/n = s (1 - 1/n)} over the n above 1; {@code amdahl_serial_fraction} is s (per run and median).
 * The target (design.md section 6) is {@code S(n) >= 0.9 n}: {@code efficiency = S(n) / n >= 0.9}.
 */
final class SpeedupBench
{
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean)java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private SpeedupBench()
    {
    }

    static void run(final List<Integer> workerCounts, final int runs, final int taskMs, final int tasks,
        final ResultLines out) throws Exception
    {
        final long iterations = calibrate(taskMs);
        System.err.printf("== speed-up: %d tasks of %d ms (%,d burn steps), workers %s, %d runs; %d processors%n",
            tasks, taskMs, iterations, workerCounts, runs, Runtime.getRuntime().availableProcessors());
        final Figures figures = new Figures();
        final List<Long> inputs = new ArrayList<>();
        for (int i = 0; i < tasks; i++)
        {
            inputs.add(iterations + i); // distinct inputs: no two tasks return the same sum
        }
        final long[] expected = new long[tasks];
        final Map<Integer, ProcessPool> pools = new LinkedHashMap<>();
        final Map<Integer, ExecutorService> executors = new LinkedHashMap<>();
        try
        {
            for (final int n : workerCounts)
            {
                pools.put(n, new ProcessPool(PoolOptions.defaults().withWorkers(n).withKeepAlive(Duration.ZERO)));
                executors.put(n, Executors.newFixedThreadPool(n));
            }
            for (int i = 0; i < tasks; i++)
            {
                expected[i] = Tasks.burn(inputs.get(i));
            }
            // warm-up: every worker JIT-compiles the loop; threads of this JVM share its compiled code
            for (final int n : workerCounts)
            {
                check(pools.get(n).map(Tasks::burn, inputs.subList(0, Math.min(tasks, 2 * n)), 1), expected);
                check(threads(executors.get(n), inputs.subList(0, Math.min(tasks, 2 * n))), expected);
            }

            final Map<String, Object> common = ResultLines.params("task_ms", taskMs, "tasks", tasks);
            final double[][] speedups = new double[workerCounts.size()][runs];
            for (int run = 0; run < runs; run++)
            {
                final long s0 = System.nanoTime();
                final long[] serial = new long[tasks];
                for (int i = 0; i < tasks; i++)
                {
                    serial[i] = Tasks.burn(inputs.get(i));
                }
                final double serialS = (System.nanoTime() - s0) / 1e9;
                if (!Arrays.equals(serial, expected))
                {
                    throw new IllegalStateException("serial results differ");
                }
                figures.add("jdk.serial.cpu_bound", "seconds", "s", common, serialS);
                figures.add("jdk.serial.cpu_bound", "ms_per_task", "ms", common, serialS * 1e3 / tasks);
                double pool1 = Double.NaN;
                double threads1 = Double.NaN;
                for (int k = 0; k < workerCounts.size(); k++)
                {
                    final int n = workerCounts.get(k);
                    final Map<String, Object> p = new LinkedHashMap<>(common);
                    p.put("workers", n);

                    final long c0 = OS.getProcessCpuTime();
                    final long p0 = System.nanoTime();
                    check(pools.get(n).map(Tasks::burn, inputs, 1), expected);
                    final double poolS = (System.nanoTime() - p0) / 1e9;
                    final double parentCpuS = (OS.getProcessCpuTime() - c0) / 1e9;
                    final long t0 = System.nanoTime();
                    check(threads(executors.get(n), inputs), expected);
                    final double threadsS = (System.nanoTime() - t0) / 1e9;
                    if (n == 1)
                    {
                        pool1 = poolS;
                        threads1 = threadsS;
                    }
                    speedups[k][run] = serialS / poolS;
                    figures.add("mp4j.ProcessPool.cpu_bound", "seconds", "s", p, poolS);
                    figures.add("mp4j.ProcessPool.cpu_bound", "speedup", "x", p, serialS / poolS);
                    figures.add("mp4j.ProcessPool.cpu_bound", "efficiency", "x", p, serialS / poolS / n);
                    figures.add("jdk.ExecutorService.cpu_bound", "seconds", "s", p, threadsS);
                    figures.add("jdk.ExecutorService.cpu_bound", "speedup", "x", p, serialS / threadsS);
                    figures.add("jdk.ExecutorService.cpu_bound", "efficiency", "x", p, serialS / threadsS / n);
                    figures.add("mp4j.ProcessPool.cpu_bound", "speedup_over_threads", "x", p, threadsS / poolS);
                    figures.add("mp4j.ProcessPool.cpu_bound", "parent_cpu_share", "x", p, parentCpuS / poolS);
                    if (!Double.isNaN(pool1))
                    {
                        figures.add("mp4j.ProcessPool.cpu_bound", "scaling", "x", p, pool1 / poolS);
                        figures.add("jdk.ExecutorService.cpu_bound", "scaling", "x", p, threads1 / threadsS);
                    }
                    System.err.printf("   run %d workers %d: serial %.3f s, ProcessPool %.3f s (speed-up %.2f; this " +
                        "JVM used %.0f %% of a cpu meanwhile), threads %.3f s (speed-up %.2f)%n", run + 1, n, serialS,
                        poolS, serialS / poolS, 100 * parentCpuS / poolS, threadsS, serialS / threadsS);
                }
                final double s = amdahl(workerCounts, column(speedups, run));
                if (!Double.isNaN(s))
                {
                    figures.add("mp4j.ProcessPool.cpu_bound", "amdahl_serial_fraction_per_run", "x", common, s);
                }
            }
            final double[] medians = new double[workerCounts.size()];
            for (int k = 0; k < medians.length; k++)
            {
                medians[k] = ResultLines.median(speedups[k]);
            }
            final double s = amdahl(workerCounts, medians);
            if (!Double.isNaN(s))
            {
                final Map<String, Object> p = new LinkedHashMap<>(common);
                p.put("workers", workerCounts.toString().replace(" ", "").replace(',', '/'));
                figures.add("mp4j.ProcessPool.cpu_bound", "amdahl_serial_fraction", "x", p, s);
                final StringBuilder fit = new StringBuilder();
                for (int k = 0; k < medians.length; k++)
                {
                    final int n = workerCounts.get(k);
                    fit.append(String.format(java.util.Locale.ROOT, "n=%d: S=%.3f fit=%.3f; ", n, medians[k],
                        1 / (s + (1 - s) / n)));
                }
                figures.info("mp4j.ProcessPool.cpu_bound", "amdahl_serial_fraction", "x", p, "fit", fit.toString()
                    .trim());
                System.err.printf("   Amdahl fit to the median speed-ups: serial fraction %.4f (%s)%n", s, fit);
            }
        }
        finally
        {
            pools.values().forEach(ProcessPool::close);
            executors.values().forEach(ExecutorService::shutdownNow);
        }
        figures.emit(out);
    }

    /**
     * @return the serial fraction s minimising the squared error of {@code 1/S - 1/n = s (1 - 1/n)}, or NaN without
     * an n above 1.
     */
    static double amdahl(final List<Integer> workerCounts, final double[] speedups)
    {
        double ab = 0;
        double aa = 0;
        for (int k = 0; k < speedups.length; k++)
        {
            final double n = workerCounts.get(k);
            final double a = 1 - 1 / n;
            final double b = 1 / speedups[k] - 1 / n;
            ab += a * b;
            aa += a * a;
        }
        return aa == 0 ? Double.NaN : ab / aa;
    }

    private static double[] column(final double[][] m, final int col)
    {
        final double[] c = new double[m.length];
        for (int k = 0; k < m.length; k++)
        {
            c[k] = m[k][col];
        }
        return c;
    }

    /**
     * @return steps of {@link Tasks#burn} that take about {@code taskMs} in this JVM once compiled.
     */
    private static long calibrate(final int taskMs)
    {
        long sink = 0;
        for (int i = 0; i < 200; i++)
        {
            sink += Tasks.burn(200_000L + i);
        }
        final double[] nsPerStep = new double[7];
        final long probe = 20_000_000L;
        for (int i = 0; i < nsPerStep.length; i++)
        {
            final long t0 = System.nanoTime();
            sink += Tasks.burn(probe + i);
            nsPerStep[i] = (System.nanoTime() - t0) / (double)probe;
        }
        if (sink == 42)
        {
            System.err.println("(sink)");
        }
        return (long)(taskMs * 1e6 / ResultLines.median(nsPerStep));
    }

    private static List<Long> threads(final ExecutorService executor, final List<Long> inputs)
        throws InterruptedException, ExecutionException
    {
        final List<Callable<Long>> calls = new ArrayList<>();
        for (final Long x : inputs)
        {
            calls.add(() -> Tasks.burn(x));
        }
        final List<Long> out = new ArrayList<>();
        for (final Future<Long> f : executor.invokeAll(calls))
        {
            out.add(f.get());
        }
        return out;
    }

    private static void check(final List<Long> results, final long[] expected)
    {
        for (int i = 0; i < results.size(); i++)
        {
            if (results.get(i) != expected[i])
            {
                throw new IllegalStateException("task " + i + " returned " + results.get(i) + ", expected " +
                    expected[i]);
            }
        }
    }
}
