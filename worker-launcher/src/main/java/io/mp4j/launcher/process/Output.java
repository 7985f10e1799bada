package io.mp4j.launcher.process;

/**
 * Where a worker JVM's stdout and stderr go.
 */
public enum Output
{
    /** Copied line by line to this JVM's stdout and stderr, each line prefixed with the worker's name. */
    PREFIXED,
    /** Kept in memory, for {@link WorkerProcess#stdout()} and {@link WorkerProcess#stderr()}. */
    CAPTURED,
    /** Written straight to this JVM's stdout and stderr (no prefix, no copying thread). */
    INHERITED,
    /** Dropped. */
    DISCARDED
}
