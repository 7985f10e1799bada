package io.mp4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --key value} options with defaults, for the benchmark mains.
 *
 * <p>Not thread-safe.
 */
public final class Cli
{
    private final Map<String, String> values = new HashMap<>();

    /**
     * @param args      the command line.
     * @param usage     the usage line, printed with a bad argument.
     * @param knownKeys the option names accepted, without {@code --}.
     * @throws IllegalArgumentException on an unknown option or one without a value.
     */
    public Cli(final String[] args, final String usage, final String... knownKeys)
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

    /**
     * @param key          an option name.
     * @param defaultValue its value when absent.
     * @return its value.
     */
    public String string(final String key, final String defaultValue)
    {
        return values.getOrDefault(key, defaultValue);
    }

    /**
     * @param key          an option name.
     * @param defaultValue its value when absent.
     * @return its value as a long; underscores are ignored.
     */
    public long longValue(final String key, final long defaultValue)
    {
        final String v = values.get(key);
        return v == null ? defaultValue : Long.parseLong(v.replace("_", ""));
    }

    /**
     * @param key          an option name.
     * @param defaultValue its value when absent.
     * @return its value as an int.
     */
    public int intValue(final String key, final int defaultValue)
    {
        return Math.toIntExact(longValue(key, defaultValue));
    }

    /**
     * @param key          an option name.
     * @param defaultValue its comma-separated value when absent.
     * @return its comma-separated items, trimmed, blanks dropped.
     */
    public List<String> list(final String key, final String defaultValue)
    {
        final String v = string(key, defaultValue);
        final List<String> out = new ArrayList<>();
        if (v != null && !v.isBlank())
        {
            for (final String s : v.split(","))
            {
                if (!s.isBlank())
                {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /**
     * @param key          an option name.
     * @param defaultValue its comma-separated value when absent.
     * @return its comma-separated items as ints.
     */
    public List<Integer> ints(final String key, final String defaultValue)
    {
        final List<Integer> out = new ArrayList<>();
        for (final String s : list(key, defaultValue))
        {
            out.add(Integer.parseInt(s.replace("_", "")));
        }
        return out;
    }
}
