package io.mp4j.bench.suite;

import java.util.Comparator;
import java.util.List;

/**
 * Speed-ups against the number of workers of one implementation ({@code PoolBench}'s speed-up part), sorted by
 * workers, for the speed-up's table and chart.
 *
 * @param workers  the worker counts, ascending.
 * @param speedups the median speed-up at each.
 */
record SpeedupSeries(double[] workers, double[] speedups)
{
    /**
     * @param results a run's figures.
     * @param bench   {@code mp4j.ProcessPool.cpu_bound} or {@code jdk.ExecutorService.cpu_bound}.
     * @return its speed-ups, possibly none.
     */
    static SpeedupSeries of(final Results results, final String bench)
    {
        final List<Figure> figures = results.findAll(Query.of(bench, "speedup")).stream()
            .filter(f -> !Double.isNaN(f.numericParam("workers")))
            .sorted(Comparator.comparingDouble(f -> f.numericParam("workers"))).toList();
        final double[] workers = new double[figures.size()];
        final double[] speedups = new double[figures.size()];
        for (int i = 0; i < figures.size(); i++)
        {
            workers[i] = figures.get(i).numericParam("workers");
            speedups[i] = figures.get(i).value();
        }
        return new SpeedupSeries(workers, speedups);
    }

    /**
     * @param n a worker count.
     * @return the speed-up measured with it, or NaN.
     */
    double speedupAt(final double n)
    {
        for (int i = 0; i < workers.length; i++)
        {
            if (workers[i] == n)
            {
                return speedups[i];
            }
        }
        return Double.NaN;
    }

    /**
     * @return Amdahl's law fitted to these speed-ups.
     */
    AmdahlFit fit()
    {
        return AmdahlFit.fit(workers, speedups);
    }
}
