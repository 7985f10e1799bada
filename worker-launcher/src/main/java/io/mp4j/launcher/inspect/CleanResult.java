package io.mp4j.launcher.inspect;

import java.util.List;

/**
 * What {@link Cleaner#execute} did.
 *
 * @param regions     regions removed.
 * @param bytes       their bytes, Chronicle files not counted.
 * @param counters    counters freed.
 * @param directories space directories removed.
 * @param failures    what could not be done, and why.
 */
public record CleanResult(int regions, long bytes, int counters, int directories, List<String> failures)
{
}
