package io.mp4j.launcher;

/**
 * The worker JVM holding a task died while it held it: killed by a signal, {@code System.exit}, {@code Runtime.halt},
 * or a crash of the JVM. The message names the task's index, the exit code or signal, and what the worker was doing
 * (decoding the task, running it, encoding its result). The pool replaces the worker and goes on.
 */
public class WorkerDiedException extends TaskFailedException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String phase;

    /**
     * @param message  what happened.
     * @param index    the task's position in its call's input, or {@link #NO_INDEX}.
     * @param worker   the worker, e.g. {@code "worker 2 (pid 4711)"}.
     * @param exitCode the worker JVM's exit code as the JDK reports it ({@code 128 + n} for signal {@code n}).
     * @param phase    what the worker was doing with the task: {@code "decode"}, {@code "run"} or {@code "encode"}.
     */
    public WorkerDiedException(
        final String message, final long index, final String worker, final int exitCode, final String phase)
    {
        super(message, index, worker, null);
        this.exitCode = exitCode;
        this.phase = phase;
    }

    /**
     * @return the worker JVM's exit code: {@code 128 + n} when signal {@code n} killed it (137 for SIGKILL).
     */
    public int exitCode()
    {
        return exitCode;
    }

    /**
     * @return {@code "decode"}, {@code "run"} or {@code "encode"}: the stage the task was in when the worker died.
     */
    public String phase()
    {
        return phase;
    }
}
