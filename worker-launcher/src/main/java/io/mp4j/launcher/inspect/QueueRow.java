package io.mp4j.launcher.inspect;

/**
 * One queue, as read.
 *
 * @param name             the region's name.
 * @param depth            messages claimed and not yet taken: tail minus head (volatile loads), 0 to slots.
 * @param slots            its capacity in messages.
 * @param maxMessageBytes  the longest message it takes.
 * @param closed           whether it was shut down.
 * @param joinable         whether it counts unfinished tasks.
 * @param unfinishedTasks  its unfinished tasks (joinable only).
 */
public record QueueRow(String name, long depth, int slots, int maxMessageBytes, boolean closed, boolean joinable,
    long unfinishedTasks)
{
}
