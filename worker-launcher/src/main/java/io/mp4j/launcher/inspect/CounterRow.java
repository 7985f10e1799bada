package io.mp4j.launcher.inspect;

/**
 * One allocated counter of a registry, as read.
 *
 * @param registry   the registry's region name.
 * @param id         the counter's id in it.
 * @param typeId     its type id.
 * @param label      its label.
 * @param value      its value (volatile load).
 * @param ownerPid   the pid of the process that allocated it.
 * @param ownerAlive whether that process was alive when read.
 */
public record CounterRow(String registry, int id, int typeId, String label, long value, long ownerPid,
    boolean ownerAlive)
{
    /**
     * @return what identifies the counter across readings: registry, id, label and owner.
     */
    public String key()
    {
        return registry + "#" + id + "#" + ownerPid + "#" + label;
    }
}
