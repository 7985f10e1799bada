package io.mp4j.launcher.worker;

import io.mp4j.ipc.values.SharedLongArray;
import org.agrona.concurrent.AtomicBuffer;

/**
 * A worker's status in shared memory: a shared long array of {@link #LENGTH} longs (one cache line) that the worker
 * writes as it goes through each task and the parent reads to attribute a death or a timeout to the exact task, and
 * that {@code mp4j stat} reads from another process to show each worker live.
 *
 * <pre>
 * index 0  TASK_WORD    (seq &lt;&lt; 2) | phase     seq: the task's number on this worker; phase: IDLE, DECODE, RUN, ENCODE
 * index 1  TASK_START   System.nanoTime() when the task's DECODE began (CLOCK_MONOTONIC: one clock per host)
 * index 2  TASKS_DONE   tasks finished by this worker
 * index 3  PID          the worker's pid
 * index 4  HEARTBEAT    System.currentTimeMillis() at the worker's last heartbeat, every {@value #HEARTBEAT_INTERVAL_MS} ms
 * index 5  POOL         the id of the process pool the worker serves; 0 while it serves none (kept warm, or a
 *                       worker process)
 * index 6, 7            zero, free
 * </pre>
 * Writers: indexes 0 to 3, the worker's task thread; index 4, the worker's watch thread ({@link ParentWatch}); index
 * 5, the parent, when a pool takes the worker or gives it back. Each store is a release store, except TASK_START, a
 * plain store followed by the release store of TASK_WORD. The parent loads TASK_WORD (acquire), TASK_START, then
 * TASK_WORD again and trusts the start only if the task did not change ({@link #startOf(long)}); other readers load
 * each index with acquire, and the indexes are not one snapshot.
 *
 * <p>Threading: each writing method from its writer only (above); the reading ones from any thread of any process.
 */
public final class WorkerStatus
{
    /** Longs in a status array. */
    public static final int LENGTH = 8;
    /** Index of the task word. */
    public static final int TASK_WORD = 0;
    /** Index of the task's start time. */
    public static final int TASK_START = 1;
    /** Index of the count of finished tasks. */
    public static final int TASKS_DONE = 2;
    /** Index of the worker's pid. */
    public static final int PID = 3;
    /** Index of the worker's last heartbeat, epoch milliseconds. */
    public static final int HEARTBEAT = 4;
    /** Index of the id of the process pool the worker serves, 0 for none. */
    public static final int POOL = 5;

    /** How often a worker writes its heartbeat: a heartbeat older than a few of these means it is stopped or stalled. */
    public static final long HEARTBEAT_INTERVAL_MS = ParentWatch.CHECK_INTERVAL_MS;

    /** Phase: between tasks. */
    public static final int IDLE = 0;
    /** Phase: decoding the task's arguments. */
    public static final int DECODE = 1;
    /** Phase: running the task. */
    public static final int RUN = 2;
    /** Phase: encoding the task's result. */
    public static final int ENCODE = 3;

    /** Returned by {@link #startOf(long)} when the worker moved on while it was read. */
    public static final long MOVED_ON = Long.MIN_VALUE;

    private final SharedLongArray array;

    /**
     * One reading of a status array, by any process.
     *
     * @param taskWord    the task word.
     * @param taskStartNs the start of the word's task, or {@link #MOVED_ON} if the worker moved on while it was read.
     * @param tasksDone   tasks finished.
     * @param pid         the worker's pid, 0 until it has started.
     * @param heartbeatMs its last heartbeat, epoch ms, 0 before the first.
     * @param poolId      the id of the pool it serves, 0 for none.
     */
    public record Reading(long taskWord, long taskStartNs, long tasksDone, long pid, long heartbeatMs, long poolId)
    {
        /** @return the phase of the task word. */
        public int phase()
        {
            return phaseOf(taskWord);
        }

        /** @return the task number of the task word. */
        public long seq()
        {
            return seqOf(taskWord);
        }
    }

    /**
     * @param array a status array of at least {@link #LENGTH} longs.
     */
    public WorkerStatus(final SharedLongArray array)
    {
        if (array.length() < LENGTH)
        {
            throw new IllegalArgumentException("status array too short: length=" + array.length());
        }
        this.array = array;
    }

    /**
     * Reads a status array's body, mapped in any process (read-only is enough): each index with an acquire load, the
     * task start between two loads of the task word as {@link #startOf(long)} does.
     *
     * <p>Threading: any thread of any process.
     *
     * @param body the body of a status array's region, at least {@link #LENGTH} longs.
     * @return what it holds now.
     */
    public static Reading read(final AtomicBuffer body)
    {
        if (body.capacity() < LENGTH * Long.BYTES)
        {
            throw new IllegalArgumentException("status array too short: bytes=" + body.capacity());
        }
        final long word = body.getLongAcquire(TASK_WORD * Long.BYTES);
        final long start = body.getLongAcquire(TASK_START * Long.BYTES);
        final long again = body.getLongAcquire(TASK_WORD * Long.BYTES);
        return new Reading(again, seqOf(again) == seqOf(word) ? start : MOVED_ON,
            body.getLongAcquire(TASKS_DONE * Long.BYTES), body.getLongAcquire(PID * Long.BYTES),
            body.getLongAcquire(HEARTBEAT * Long.BYTES), body.getLongAcquire(POOL * Long.BYTES));
    }

    /**
     * @param seq   the task's number on this worker.
     * @param phase its phase.
     * @return the task word.
     */
    public static long word(final long seq, final int phase)
    {
        return (seq << 2) | phase;
    }

    /**
     * @param word a task word.
     * @return its task number.
     */
    public static long seqOf(final long word)
    {
        return word >>> 2;
    }

    /**
     * @param word a task word.
     * @return its phase.
     */
    public static int phaseOf(final long word)
    {
        return (int)(word & 3);
    }

    /**
     * @param phase a phase.
     * @return its name: "idle", "decode", "run", "encode".
     */
    public static String phaseName(final int phase)
    {
        return switch (phase)
        {
            case DECODE -> "decode";
            case RUN -> "run";
            case ENCODE -> "encode";
            default -> "idle";
        };
    }

    /**
     * Worker: task {@code seq} starts (its decode).
     *
     * @param seq    the task's number.
     * @param nowNs  {@code System.nanoTime()}.
     */
    public void begin(final long seq, final long nowNs)
    {
        array.setPlain(TASK_START, nowNs);
        // release: the start time is visible before the word that names its task
        array.setRelease(TASK_WORD, word(seq, DECODE));
    }

    /**
     * Worker: task {@code seq} enters a phase.
     *
     * @param seq   the task's number.
     * @param phase RUN or ENCODE.
     */
    public void phase(final long seq, final int phase)
    {
        array.setRelease(TASK_WORD, word(seq, phase));
    }

    /**
     * Worker: task {@code seq} is finished.
     *
     * @param seq the task's number.
     */
    public void end(final long seq)
    {
        array.setRelease(TASKS_DONE, array.getPlain(TASKS_DONE) + 1);
        array.setRelease(TASK_WORD, word(seq, IDLE));
    }

    /**
     * Worker: records its pid.
     *
     * @param pid the pid.
     */
    public void pid(final long pid)
    {
        array.setRelease(PID, pid);
    }

    /**
     * Worker's watch thread: it is alive and not stopped.
     *
     * @param nowMs {@code System.currentTimeMillis()}.
     */
    public void heartbeat(final long nowMs)
    {
        array.setRelease(HEARTBEAT, nowMs);
    }

    /**
     * Parent: the worker now serves this pool.
     *
     * @param poolId the pool's id, or 0 for none.
     */
    public void pool(final long poolId)
    {
        array.setRelease(POOL, poolId);
    }

    /**
     * @return the task word (acquire).
     */
    public long taskWord()
    {
        return array.getAcquire(TASK_WORD);
    }

    /**
     * @param word a task word read just before.
     * @return the start time of that word's task, or {@link #MOVED_ON} if the worker has moved on.
     */
    public long startOf(final long word)
    {
        final long start = array.getAcquire(TASK_START);
        return seqOf(array.getAcquire(TASK_WORD)) == seqOf(word) ? start : MOVED_ON;
    }

    /**
     * @return tasks finished (acquire).
     */
    public long tasksDone()
    {
        return array.getAcquire(TASKS_DONE);
    }

    /**
     * @return the worker's pid, 0 until it has started (acquire).
     */
    public long pid()
    {
        return array.getAcquire(PID);
    }

    /**
     * @return the worker's last heartbeat, epoch ms, 0 before the first (acquire).
     */
    public long heartbeatMs()
    {
        return array.getAcquire(HEARTBEAT);
    }

    /**
     * @return the id of the pool the worker serves, 0 for none (acquire).
     */
    public long poolId()
    {
        return array.getAcquire(POOL);
    }
}
