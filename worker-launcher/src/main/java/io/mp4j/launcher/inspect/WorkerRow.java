package io.mp4j.launcher.inspect;

/**
 * One worker JVM of a launcher space, as its status array tells.
 *
 * @param name           the worker's name: its status array's name without {@code .status} ({@code w3}).
 * @param pid            its pid, 0 until it has started.
 * @param alive          whether that process was alive when read.
 * @param poolId         the id of the process pool it serves, 0 for none.
 * @param phase          "idle", "decode", "run" or "encode".
 * @param seq            the number of its current or last task on this worker.
 * @param taskRunningNs  how long its current task has run, -1 when idle or unknown.
 * @param tasksDone      tasks it finished.
 * @param heartbeatAgeMs how long ago it last wrote its heartbeat, -1 if never.
 */
public record WorkerRow(String name, long pid, boolean alive, long poolId, String phase, long seq,
    long taskRunningNs, long tasksDone, long heartbeatAgeMs)
{
}
