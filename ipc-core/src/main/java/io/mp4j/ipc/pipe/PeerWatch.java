package io.mp4j.ipc.pipe;

import io.mp4j.ipc.liveness.ProcessIdentity;

import static io.mp4j.ipc.layout.PipeDescriptor.STATE_CLOSED;

/**
 * Whether the peer end can still send or receive: its state word says closed, or its owner's process has died.
 * The state is one acquire load; the OS is asked about the process only once a wait has lasted
 * {@link #OS_CHECK_AFTER_NS} (a ping-pong that waits microseconds never pays for it) and then at most once per
 * interval, since a check costs tens of microseconds. A death seen once is remembered.
 *
 * <p>Threading: the receiving thread and threads calling {@link Connection#isReady()} share it. The fields are
 * plain by design: a race only makes one extra liveness check, or delays one by an interval.
 */
final class PeerWatch
{
    /** The peer can still take part. */
    static final int ALIVE = 0;
    /** The peer closed its end. */
    static final int CLOSED = 1;
    /** The peer's process died. */
    static final int DIED = 2;
    /** How long a wait lasts before the OS is asked whether the peer's process lives. */
    static final long OS_CHECK_AFTER_NS = 1_000_000;

    private final EndControl peer;
    private final long intervalNs;
    private long lastCheckNs;
    private boolean checked;
    private ProcessIdentity deadOwner;

    PeerWatch(final EndControl peer, final long intervalNs)
    {
        this.peer = peer;
        this.intervalNs = intervalNs;
    }

    /**
     * @param waitedNs how long the caller has waited so far; {@code Long.MAX_VALUE} allows the OS check at once.
     * @return {@link #ALIVE}, {@link #CLOSED} or {@link #DIED}.
     */
    int status(final long waitedNs)
    {
        if (peer.state() == STATE_CLOSED)
        {
            return CLOSED;
        }
        if (deadOwner != null)
        {
            return DIED;
        }
        if (waitedNs < OS_CHECK_AFTER_NS)
        {
            return ALIVE;
        }
        final long nowNs = System.nanoTime();
        if (checked && nowNs - lastCheckNs < intervalNs)
        {
            return ALIVE;
        }
        checked = true;
        lastCheckNs = nowNs;
        final ProcessIdentity owner = peer.owner();
        if (owner != null && !owner.isAlive())
        {
            deadOwner = owner;
            // The state may have moved to closed after our first load: a close is the better answer then.
            return peer.state() == STATE_CLOSED ? CLOSED : DIED;
        }
        return ALIVE;
    }

    /**
     * @return the dead owner, once {@link #status(long)} has returned {@link #DIED}; else null.
     */
    ProcessIdentity deadOwner()
    {
        return deadOwner;
    }
}
