package io.mp4j.bench.suite;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmdahlFitTest
{
    @Test
    void shouldRecoverTheParallelFractionOfExactAmdahlSpeedups()
    {
        final double p = 0.93;
        final double[] workers = {1, 2, 3, 4, 8};
        final double[] speedups = new double[workers.length];
        for (int i = 0; i < workers.length; i++)
        {
            speedups[i] = 1 / ((1 - p) + p / workers[i]);
        }
        final AmdahlFit fit = AmdahlFit.fit(workers, speedups);
        assertEquals(p, fit.parallelFraction(), 1e-12);
        assertEquals(4, fit.points());
        assertEquals(speedups[4], fit.speedup(8), 1e-9);
    }

    @Test
    void shouldFitTwoWorkersExactlyAndKeepPWithinZeroAndOne()
    {
        assertEquals((1 - 1 / 1.6) / 0.5, AmdahlFit.fit(new double[] {1, 2}, new double[] {0.9, 1.6})
            .parallelFraction(), 1e-12);
        assertEquals(1.0, AmdahlFit.fit(new double[] {2}, new double[] {2.5}).parallelFraction());
        assertEquals(0.0, AmdahlFit.fit(new double[] {2}, new double[] {0.7}).parallelFraction());
        assertTrue(Double.isNaN(AmdahlFit.fit(new double[] {1}, new double[] {1}).parallelFraction()));
    }
}
