package io.mp4j.bench.suite;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which figure of a results file a report cell shows: a bench and a metric, parameters the figure must have, and
 * parameter names it must not have (a figure taken pinned carries {@code pin}, one taken after pauses
 * {@code gap_us}). Parameters that change with the mode, such as the number of tasks, are left open:
 * {@link Results#find} then takes the largest.
 *
 * @param bench   the figure's bench.
 * @param metric  its metric.
 * @param must    parameters it must have, with these values.
 * @param without parameter names it must not have.
 */
record Query(String bench, String metric, Map<String, String> must, Set<String> without)
{
    /**
     * @param bench         the figure's bench.
     * @param metric        its metric.
     * @param keysAndValues parameters it must have: key, value, key, value...
     * @return the query; it excludes no parameter.
     */
    static Query of(final String bench, final String metric, final Object... keysAndValues)
    {
        if (keysAndValues.length % 2 != 0)
        {
            throw new IllegalArgumentException("odd number of keys and values: " + Arrays.toString(keysAndValues));
        }
        final Map<String, String> must = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            must.put(String.valueOf(keysAndValues[i]), String.valueOf(keysAndValues[i + 1]));
        }
        return new Query(bench, metric, Map.copyOf(must), Set.of());
    }

    /**
     * @param keys parameter names the figure must not have.
     * @return a copy of this query that also excludes them.
     */
    Query without(final String... keys)
    {
        return new Query(bench, metric, must, Set.of(keys));
    }

    /**
     * @param metricName another metric.
     * @return this query for that metric.
     */
    Query metric(final String metricName)
    {
        return new Query(bench, metricName, must, without);
    }

    /**
     * @param figure a figure.
     * @return whether it answers this query.
     */
    boolean matches(final Figure figure)
    {
        if (!figure.bench().equals(bench) || !figure.metric().equals(metric))
        {
            return false;
        }
        for (final Map.Entry<String, String> e : must.entrySet())
        {
            if (!e.getValue().equals(figure.params().get(e.getKey())))
            {
                return false;
            }
        }
        for (final String key : without)
        {
            if (figure.params().containsKey(key))
            {
                return false;
            }
        }
        return true;
    }
}
