package io.mp4j.launcher.process;

import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.CodecException;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.worker.FrameWriter;
import io.mp4j.launcher.worker.Frames;
import io.mp4j.launcher.worker.LauncherClasses;
import io.mp4j.launcher.worker.WorkerMain;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A job run in a worker JVM of its own: Python's {@code Process}. The job (a serializable lambda and what it
 * captures) is encoded in this JVM before the worker starts, so a job that cannot be sent fails here, naming the
 * culprit. The worker runs it on its main thread and exits: 0 when it returned, 1 when it threw (the stack trace goes
 * to the worker's stderr, as Python prints a traceback). The worker ends when this JVM ends, however this JVM ends.
 *
 * <pre>{@code
 * try (WorkerProcess p = WorkerProcess.start(() -> { System.out.println(cube(3)); return null; }))
 * {
 *     p.join();
 *     assert p.exitCode() == 0;
 * }
 * }</pre>
 *
 * <p>Threading: thread-safe.
 */
public final class WorkerProcess implements AutoCloseable
{
    private final WorkerJvm jvm;
    private boolean released;

    private WorkerProcess(final WorkerJvm jvm)
    {
        this.jvm = jvm;
    }

    /**
     * Starts a worker JVM with the default spec.
     *
     * @param target what the worker runs.
     * @return the running process.
     * @throws CodecException if the target cannot be sent (it or something it captures is not serializable).
     */
    public static WorkerProcess start(final Job<?> target)
    {
        return start(target, WorkerSpec.defaults());
    }

    /**
     * Starts a worker JVM that calls {@code task} with {@code argument}.
     *
     * @param task     what the worker runs.
     * @param argument its argument.
     * @param <T>      the argument's type.
     * @return the running process.
     * @throws CodecException if the task or argument cannot be sent.
     */
    public static <T> WorkerProcess start(final Task<? super T, ?> task, final T argument)
    {
        return start(() -> task.call(argument), WorkerSpec.defaults());
    }

    /**
     * Starts a worker JVM.
     *
     * @param target what the worker runs.
     * @param spec   how to start it.
     * @return the running process.
     * @throws CodecException if the target cannot be sent (it or something it captures is not serializable).
     * @throws io.mp4j.ipc.Mp4jException if the JVM cannot be started.
     */
    public static WorkerProcess start(final Job<?> target, final WorkerSpec spec)
    {
        final Codec<Object> codec = LauncherClasses.codec();
        final FrameWriter writer = new FrameWriter().begin(Frames.RUN);
        try
        {
            writer.putValue(codec, target);
        }
        catch (final CodecException ex)
        {
            throw new CodecException("the worker process's target cannot be sent to a worker JVM: " +
                ex.getMessage(), ex);
        }
        final int length = writer.finish();
        final WorkerJvm jvm = WorkerJvm.start(spec, "run");
        jvm.channel().send(writer.array(), length);
        return new WorkerProcess(jvm);
    }

    /**
     * Waits for the worker to end.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    public void join() throws InterruptedException
    {
        jvm.process().waitFor();
    }

    /**
     * Waits at most {@code timeout} for the worker to end; check {@link #exitCode()} or the result to know which.
     *
     * @param timeout the longest wait.
     * @return true if the worker has ended.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean join(final Duration timeout) throws InterruptedException
    {
        return jvm.process().waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * @return the exit code once the worker has ended (after its files are released), else null: 0 when the target
     * returned, 1 when it threw, {@code 128 + n} when signal {@code n} ended it (137 for SIGKILL, 143 for SIGTERM),
     * {@value io.mp4j.launcher.worker.ParentWatch#EXIT_PARENT_DIED} when its parent died.
     */
    public Integer exitCode()
    {
        if (jvm.process().isAlive())
        {
            return null;
        }
        try
        {
            return jvm.exit().get(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return jvm.process().exitValue();
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            return jvm.process().exitValue();
        }
    }

    /**
     * @return whether the worker is running.
     */
    public boolean isAlive()
    {
        return jvm.process().isAlive();
    }

    /**
     * @return the worker JVM's pid.
     */
    public long pid()
    {
        return jvm.pid();
    }

    /**
     * @return e.g. {@code "worker 3 (pid 4711)"}.
     */
    public String name()
    {
        return jvm.describe();
    }

    /**
     * Sends SIGTERM: the worker's shutdown hooks run, then it exits with 143.
     */
    public void terminate()
    {
        jvm.terminate();
    }

    /**
     * Sends SIGKILL: the worker ends at once with 137.
     */
    public void kill()
    {
        jvm.kill();
    }

    /**
     * @return what the worker wrote to stdout, with {@link Output#CAPTURED}; complete once it has ended.
     */
    public String stdout()
    {
        return jvm.stdout();
    }

    /**
     * @return what the worker wrote to stderr, with {@link Output#CAPTURED}; complete once it has ended.
     */
    public String stderr()
    {
        return jvm.stderr();
    }

    /**
     * @return a description of how it ended, e.g. {@code "exit code 137 (SIGKILL)"}, or "running".
     */
    public String describeExit()
    {
        final Integer code = exitCode();
        return code == null ? "running" : WorkerJvm.describeExit(code);
    }

    /**
     * Kills the worker if it still runs, waits for it and removes its files (Python's {@code close}, made safe to
     * call on a live process).
     */
    @Override
    public synchronized void close()
    {
        if (released)
        {
            return;
        }
        released = true;
        if (jvm.process().isAlive())
        {
            jvm.kill();
        }
        boolean interrupted = false;
        while (true)
        {
            try
            {
                jvm.process().waitFor();
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        jvm.release();
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return the exit code a worker process gives when its target threw.
     */
    public static int targetFailedExitCode()
    {
        return WorkerMain.EXIT_TARGET_FAILED;
    }
}
