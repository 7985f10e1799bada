package io.mp4j.launcher.worker;

/**
 * The launcher's wire protocol between a parent JVM and one worker JVM, carried by the worker's duplex pipe. A frame
 * is {@code [int totalLength][byte type][body]} in native byte order; a frame longer than the pipe's largest message
 * travels as consecutive fragments (see {@link FrameChannel}). Values inside bodies are the bytes of the pool's
 * object codec, each preceded by its int length.
 *
 * <pre>
 * parent to worker
 *   DEFINE   [long functionId][value function]                       a function later batches name by id
 *   BATCH    [long functionId][long firstSeq][int count][byte arity]
 *            count x (arity x [int length][value])                   tasks, numbered firstSeq, firstSeq + 1, ...
 *   INIT     [value job]                                             the pool's initializer, run once
 *   RUN      [value job]                                             a worker process's target; the JVM then exits
 *   STOP                                                             finish and exit 0
 * worker to parent
 *   READY    [long pid]                                              started (and initialized): send work
 *   FAILED   [failure]                                               the initializer threw; the worker exits
 *   RESULTS  [long firstSeq][int count] count x ([byte status][int length][value or failure])
 * </pre>
 * A worker answers a batch with one or more RESULTS frames in task order: it flushes what it has when a batch has run
 * for {@link #FLUSH_INTERVAL_NS}, so a worker that dies late in a long batch loses little finished work.
 */
public final class Frames
{
    /** Bytes of the length prefix. */
    public static final int LENGTH_BYTES = Integer.BYTES;
    /** Offset of the type byte. */
    public static final int TYPE_OFFSET = LENGTH_BYTES;
    /** Offset of the body. */
    public static final int BODY_OFFSET = TYPE_OFFSET + 1;

    /** Parent to worker: a function definition. */
    public static final byte DEFINE = 1;
    /** Parent to worker: a batch of tasks. */
    public static final byte BATCH = 2;
    /** Parent to worker: the initializer. */
    public static final byte INIT = 3;
    /** Parent to worker: a worker process's target. */
    public static final byte RUN = 4;
    /** Parent to worker: exit. */
    public static final byte STOP = 5;
    /** Worker to parent: ready for work. */
    public static final byte READY = 10;
    /** Worker to parent: the initializer failed. */
    public static final byte FAILED = 11;
    /** Worker to parent: results of consecutive tasks. */
    public static final byte RESULTS = 12;

    /** A task's entry in RESULTS: a value follows. */
    public static final byte OK = 0;
    /** A task's entry in RESULTS: a failure follows. */
    public static final byte THREW = 1;

    /** A batch's finished results are sent at least this often. */
    public static final long FLUSH_INTERVAL_NS = 1_000_000;

    private Frames()
    {
    }

    /**
     * @param type a frame type.
     * @return its name, for messages.
     */
    public static String name(final byte type)
    {
        return switch (type)
        {
            case DEFINE -> "DEFINE";
            case BATCH -> "BATCH";
            case INIT -> "INIT";
            case RUN -> "RUN";
            case STOP -> "STOP";
            case READY -> "READY";
            case FAILED -> "FAILED";
            case RESULTS -> "RESULTS";
            default -> "unknown(" + type + ")";
        };
    }
}
