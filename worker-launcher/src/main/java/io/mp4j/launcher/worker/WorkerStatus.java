package io.mp4j.launcher.worker;

import io.mp4j.ipc.values.SharedLongArray;

/**
 * A worker's status in shared memory: a shared long array of {@link #LENGTH} longs (one cache line) that the worker
 * writes as it goes through each task and the parent reads to attribute a death or a timeout to the exact task, and
 * that {@code mp4j stat} can show.
 *
 * <pre>
 * index 0  TASK_WORD    (seq &lt;&lt; 2) | phase     seq: the task's number on this worker; phase: IDLE, DECODE, RUN, ENCODE
 * index 1  TASK_START   System.nanoTime() when the task's DECODE began (CLOCK_MONOTONIC: one clock per host)
 * index 2  TASKS_DONE   tasks finished by this worker
 * index 3  PID          the worker's pid
 * </pre>
 * Writer: the worker's task thread only. Ordering: TASK_START is a plain store followed by the release store of
 * TASK_WORD; the parent loads TASK_WORD (acquire), TASK_START, then TASK_WORD again and trusts the start only if the
 * task did not change ({@link #startOf(long)}).
 *
 * <p>Threading: the writing methods from the worker's task thread only; the reading ones from any thread.
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
}
