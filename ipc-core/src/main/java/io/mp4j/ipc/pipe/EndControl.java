package io.mp4j.ipc.pipe;

import io.mp4j.ipc.layout.PipeDescriptor;
import io.mp4j.ipc.liveness.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;

import static io.mp4j.ipc.layout.PipeDescriptor.*;

/**
 * One end's control block: who opened it, and whether it is open or closed. The steps are numbered in
 * {@code docs/LAYOUT-PIPE.md}.
 *
 * <p>Threading: any thread of any process. Ordering: the owner pid is claimed by CAS, the state moves by CAS
 * (full barriers), and readers load the state with acquire before the fields it publishes.
 */
final class EndControl
{
    private final AtomicBuffer body;
    private final int offset;

    EndControl(final AtomicBuffer body, final int endIndex)
    {
        this.body = body;
        this.offset = PipeDescriptor.endOffset(endIndex);
    }

    /**
     * @return {@link PipeDescriptor#STATE_UNOPENED}, {@code STATE_OPEN} or {@code STATE_CLOSED}; acquire.
     */
    int state()
    {
        return body.getIntAcquire(offset + END_STATE_OFFSET);
    }

    /**
     * @return the owner's pid, 0 if none has claimed the end; volatile.
     */
    long ownerPid()
    {
        return body.getLongVolatile(offset + END_OWNER_PID_OFFSET);
    }

    /**
     * @return the process that opened (or is opening) the end, or null if none has claimed it. While the end is
     *     still being opened the start time may not be written yet: the identity then holds the pid alone.
     */
    ProcessIdentity owner()
    {
        final int state = state();
        final long pid = ownerPid();
        if (pid == 0)
        {
            return null;
        }
        // The start time is written before the CAS that moves the state out of UNOPENED: safe after the acquire.
        final long startTimeMs = state == STATE_UNOPENED ?
            ProcessIdentity.UNKNOWN_START : body.getLong(offset + END_OWNER_START_TIME_OFFSET);
        return new ProcessIdentity(pid, startTimeMs);
    }

    /**
     * Opens the end for a process: step 1 to 4 of Open.
     *
     * @param self the opening process.
     * @param what the end's name for messages, e.g. "end B of pipe p".
     * @throws PipeException if the end is or was open, or was closed before it was opened.
     */
    void open(final ProcessIdentity self, final String what)
    {
        final int state = state();
        if (state != STATE_UNOPENED)
        {
            throw new PipeException(what + " cannot be opened: it " + describe(state) + "; each end opens once");
        }
        if (!body.compareAndSetLong(offset + END_OWNER_PID_OFFSET, 0, self.pid()))
        {
            throw new PipeException(what + " cannot be opened: " + ownerText() + " has opened it already");
        }
        body.putLong(offset + END_OWNER_START_TIME_OFFSET, self.startTimeMs());
        body.putLong(offset + END_OPEN_TIME_OFFSET, System.currentTimeMillis());
        // CAS (full barrier): publishes the start time before the state reads open, and loses to a close of the
        // unopened end (abandon).
        if (!body.compareAndSetInt(offset + END_STATE_OFFSET, STATE_UNOPENED, STATE_OPEN))
        {
            throw new PipeException(what + " cannot be opened: it was closed before it was opened");
        }
    }

    /**
     * Closes an open end. The CAS is a full barrier: every message this end committed is visible before a peer
     * reads the state closed.
     *
     * @return true if this call closed it.
     */
    boolean close()
    {
        return body.compareAndSetInt(offset + END_STATE_OFFSET, STATE_OPEN, STATE_CLOSED);
    }

    /**
     * Closes an end nobody has opened, for a process that will never open it.
     *
     * @return true if this call closed it; false if it is open or closed already.
     */
    boolean abandon()
    {
        return body.compareAndSetInt(offset + END_STATE_OFFSET, STATE_UNOPENED, STATE_CLOSED);
    }

    /**
     * @return true if the end can take part no more: closed, or claimed by a process that has died. Asks the OS,
     *     so it is not for a hot path.
     */
    boolean isDone()
    {
        if (state() == STATE_CLOSED)
        {
            return true;
        }
        final ProcessIdentity owner = owner();
        return owner != null && !owner.isAlive();
    }

    String ownerText()
    {
        final ProcessIdentity owner = owner();
        if (owner == null)
        {
            return "no process";
        }
        return owner + (owner.isAlive() ? "" : " (dead)");
    }

    private String describe(final int state)
    {
        if (state == STATE_OPEN)
        {
            return "is open in " + ownerText();
        }
        if (state == STATE_CLOSED)
        {
            return ownerPid() == 0 ? "was closed unopened" : "was opened by " + ownerText() + " and closed";
        }
        return "has unknown state " + state;
    }
}
