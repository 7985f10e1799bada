package io.mp4j.launcher.inspect;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-second rates of counters between two readings: each {@link #rate} call records a value and returns its change
 * per second since the value recorded under the same key in the previous round. Keys not seen in a round are
 * forgotten at its end ({@link #endRound()}).
 *
 * <p>Threading: one thread.
 */
public final class Rates
{
    private record Sample(long value, long atNs)
    {
    }

    private Map<String, Sample> previous = new HashMap<>();
    private Map<String, Sample> current = new HashMap<>();

    /**
     * @param key   what identifies the counter.
     * @param value its value now.
     * @param atNs  {@code System.nanoTime()} when it was read.
     * @return its change per second since the previous round, or NaN if it was not seen then.
     */
    public double rate(final String key, final long value, final long atNs)
    {
        current.put(key, new Sample(value, atNs));
        final Sample before = previous.get(key);
        if (before == null || atNs == before.atNs())
        {
            return Double.NaN;
        }
        return (value - before.value()) * 1e9 / (atNs - before.atNs());
    }

    /**
     * Ends a round: its values are the ones the next round's rates are taken against.
     */
    public void endRound()
    {
        previous = current;
        current = new HashMap<>();
    }
}
