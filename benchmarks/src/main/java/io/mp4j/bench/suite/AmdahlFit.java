package io.mp4j.bench.suite;

/**
 * Amdahl's law fitted to measured speed-ups: {@code S(n) = 1 / ((1 - p) + p / n)}, p the parallel fraction. Least
 * squares on the linear form {@code 1 - 1/S = p (1 - 1/n)} (a line through the origin, so
 * {@code p = sum(x y) / sum(x x)} with {@code x = 1 - 1/n}, {@code y = 1 - 1/S}), the same form as the pool
 * benchmark's {@code amdahl_serial_fraction}; points with {@code n = 1} carry no weight in it. p is kept in [0, 1].
 *
 * @param parallelFraction p.
 * @param points           how many points with {@code n > 1} it was fitted to.
 */
record AmdahlFit(double parallelFraction, int points)
{
    /**
     * @param workers   the worker counts.
     * @param speedups  the speed-up measured with each.
     * @return the fit; p is NaN without a point with more than one worker.
     */
    static AmdahlFit fit(final double[] workers, final double[] speedups)
    {
        if (workers.length != speedups.length)
        {
            throw new IllegalArgumentException("workers.length=" + workers.length + " speedups.length=" +
                speedups.length);
        }
        double xy = 0;
        double xx = 0;
        int points = 0;
        for (int i = 0; i < workers.length; i++)
        {
            if (workers[i] > 1 && speedups[i] > 0 && !Double.isNaN(speedups[i]))
            {
                final double x = 1 - 1 / workers[i];
                final double y = 1 - 1 / speedups[i];
                xy += x * y;
                xx += x * x;
                points++;
            }
        }
        if (points == 0)
        {
            return new AmdahlFit(Double.NaN, 0);
        }
        return new AmdahlFit(Math.max(0, Math.min(1, xy / xx)), points);
    }

    /**
     * @param workers n.
     * @return the fitted speed-up with n workers.
     */
    double speedup(final double workers)
    {
        return 1 / ((1 - parallelFraction) + parallelFraction / workers);
    }
}
