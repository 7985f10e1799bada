package io.mp4j.launcher.pool;

import io.mp4j.launcher.process.WorkerJvm;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * A process pool's view of one worker JVM: whether it is ready, the chunks sent to it and not fully answered (in
 * order), the functions it knows, and its task numbering. A link moves with its worker when a warm worker passes from
 * a closed pool to a new one.
 *
 * <p>Threading: owned by the thread that holds the pool's pump lock (or by the warm-worker registry).
 */
final class Link
{
    final WorkerJvm jvm;
    final ArrayDeque<Sent> inFlight = new ArrayDeque<>();
    final Set<Long> defined = new HashSet<>();
    boolean ready;
    boolean stopping;
    long nextSeq;
    long tasksAssigned;
    long timedOutSeq = -1;

    Link(final WorkerJvm jvm)
    {
        this.jvm = jvm;
    }

    boolean idle()
    {
        return ready && !stopping && inFlight.isEmpty() && timedOutSeq < 0 && !jvm.channel().hasBacklog();
    }

    /**
     * A chunk sent to this worker: its tasks are numbered {@code firstSeq} on; {@code reported} of them have results.
     */
    static final class Sent
    {
        final Chunk chunk;
        final long firstSeq;
        final long sentAtNs;
        int reported;

        Sent(final Chunk chunk, final long firstSeq, final long sentAtNs)
        {
            this.chunk = chunk;
            this.firstSeq = firstSeq;
            this.sentAtNs = sentAtNs;
        }
    }
}
