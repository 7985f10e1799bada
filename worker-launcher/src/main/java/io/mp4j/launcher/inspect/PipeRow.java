package io.mp4j.launcher.inspect;

/**
 * One pipe, as read: the bytes waiting in each ring and the state of each end.
 *
 * @param name          the region's name.
 * @param capacityBytes each ring's capacity.
 * @param duplex        whether it has a ring each way.
 * @param pendingToA    bytes sent to end A and not yet received (records with their headers).
 * @param pendingToB    bytes sent to end B and not yet received; -1 for a simplex pipe.
 * @param endA          end A.
 * @param endB          end B.
 */
public record PipeRow(String name, int capacityBytes, boolean duplex, long pendingToA, long pendingToB, End endA,
    End endB)
{
    /**
     * One end of a pipe.
     *
     * @param state      "unopened", "open", "closed" or "state N".
     * @param ownerPid   the pid that opened it, 0 for none.
     * @param ownerAlive whether that process was alive when read.
     */
    public record End(String state, long ownerPid, boolean ownerAlive)
    {
    }
}
