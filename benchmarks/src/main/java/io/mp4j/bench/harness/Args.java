package io.mp4j.bench.harness;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --key value} command-line options with defaults.
 *
 * <p>Not thread-safe.
 */
final class Args
{
    private final Map<String, String> values = new HashMap<>();

    Args(final String[] args, final String usage, final String... knownKeys)
    {
        final Set<String> known = Set.of(knownKeys);
        for (int i = 0; i < args.length; i++)
        {
            final String key = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (key == null || !known.contains(key) || i + 1 >= args.length)
            {
                throw new IllegalArgumentException("bad argument '" + args[i] + "' in " + Arrays.toString(args) +
                    "\nusage: " + usage);
            }
            values.put(key, args[++i]);
        }
    }

    String string(final String key, final String defaultValue)
    {
        return values.getOrDefault(key, defaultValue);
    }

    long longValue(final String key, final long defaultValue)
    {
        final String v = values.get(key);
        return v == null ? defaultValue : Long.parseLong(v.replace("_", ""));
    }

    int intValue(final String key, final int defaultValue)
    {
        return Math.toIntExact(longValue(key, defaultValue));
    }

    List<String> list(final String key, final String defaultValue)
    {
        return List.of(string(key, defaultValue).split(","));
    }
}
