package io.mp4j.ipc.counters;

import io.mp4j.ipc.liveness.ProcessIdentity;

/**
 * One counter as read at one moment by {@link Counters#snapshot()}.
 *
 * @param id         the counter's id.
 * @param typeId     its type id.
 * @param label      its label.
 * @param value      its value when read.
 * @param owner      the process that allocated it.
 * @param ownerAlive whether that process was alive when read.
 */
public record CounterSnapshot(int id, int typeId, String label, long value, ProcessIdentity owner, boolean ownerAlive)
{
}
