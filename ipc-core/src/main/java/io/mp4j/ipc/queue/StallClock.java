package io.mp4j.ipc.queue;

/**
 * How long one position has been seen stuck: reset whenever a different position is seen. Not thread-safe by
 * design: a race between threads only restarts the clock, which delays a revocation and never hastens it.
 */
final class StallClock
{
    private long position = -1;
    private long sinceNs;

    /**
     * @param position  the position seen stuck now.
     * @param timeoutNs how long counts as stalled.
     * @return true if the same position has been stuck for at least the timeout.
     */
    boolean stalled(final long position, final long timeoutNs)
    {
        final long nowNs = System.nanoTime();
        if (this.position != position)
        {
            this.position = position;
            this.sinceNs = nowNs;
            return false;
        }
        return nowNs - sinceNs >= timeoutNs;
    }
}
