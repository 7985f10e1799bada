package io.mp4j.launcher.process;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.jvm.JavaCommand;
import io.mp4j.ipc.pipe.Connection;
import io.mp4j.ipc.pipe.Pipe;
import io.mp4j.ipc.values.SharedLongArray;
import io.mp4j.launcher.worker.FrameChannel;
import io.mp4j.launcher.worker.WorkerMain;
import io.mp4j.launcher.worker.WorkerStatus;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One started worker JVM seen from its parent: the process, the parent's end of its pipe, its status array and its
 * output. The pipe and status array are created before the JVM starts, in this JVM's launcher space
 * ({@link #space()}); its standard input is /dev/null, and it ends when this JVM does
 * ({@link io.mp4j.launcher.worker.ParentWatch}). Started through {@code /bin/sh -c 'umask 077; exec java ...'} so
 * that files the worker creates itself (Chronicle's) are the owner's only.
 *
 * <p>Threading: {@link #channel()} belongs to one thread at a time; the rest is thread-safe.
 */
public final class WorkerJvm
{
    private static final AtomicInteger NEXT_ID = new AtomicInteger(1);
    private static final Path SHELL = Path.of("/bin/sh");
    private static final Set<WorkerJvm> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile Space space;
    private static volatile Counters counters;

    private final int id;
    private final Process process;
    private final FrameChannel channel;
    private final WorkerStatus status;
    private final SharedLongArray statusArray;
    private final Pipe pipe;
    private final OutputPump out;
    private final OutputPump err;
    private final CompletableFuture<Integer> exit;

    private WorkerJvm(final int id, final Process process, final Pipe pipe, final Connection connection,
        final SharedLongArray statusArray, final OutputPump out, final OutputPump err,
        final StartupArchive.Plan archive)
    {
        this.id = id;
        this.process = process;
        this.pipe = pipe;
        this.channel = new FrameChannel(connection);
        this.statusArray = statusArray;
        this.status = new WorkerStatus(statusArray);
        this.out = out;
        this.err = err;
        this.exit = process.onExit().thenApply(p ->
        {
            final int code = p.exitValue();
            archive.exited(code);
            return code;
        });
    }

    /**
     * Starts a worker JVM running {@link WorkerMain} in the given mode.
     *
     * @param spec how to start it.
     * @param mode {@code pool}, {@code init} or {@code run}.
     * @return the started worker; its first frames can be sent at once (the pipe holds them).
     * @throws Mp4jException if the JVM cannot be started.
     */
    public static WorkerJvm start(final WorkerSpec spec, final String mode)
    {
        final int id = NEXT_ID.getAndIncrement();
        final Space space = space();
        final String pipeName = "w" + id;
        final String statusName = "w" + id + ".status";
        final SharedLongArray statusArray = space.sharedLongArray(statusName, WorkerStatus.LENGTH);
        final Pipe pipe = Pipe.create(space, pipeName);
        final Connection connection = pipe.open(Pipe.End.A);
        final List<String> options = workerOptions(spec);
        final StartupArchive.Plan archive = spec.startupArchive() ?
            StartupArchive.plan(spec.effectiveClassPath(), options, System.getProperty("java.home")) :
            StartupArchive.Plan.NONE;
        options.addAll(archive.options());
        final JavaCommand java = JavaCommand.forMainClass(WorkerMain.class)
            .classPath(spec.effectiveClassPath())
            .jvmOptions(options.toArray(new String[0]))
            .arguments(space.directory().toString(), pipeName, statusName, Integer.toString(id),
                Long.toString(ProcessHandle.current().pid()), mode);
        if (spec.maxHeap() != null)
        {
            java.maxHeap(spec.maxHeap());
        }
        spec.systemProperties().forEach(java::systemProperty);
        final List<String> command = new ArrayList<>();
        if (Files.isExecutable(SHELL))
        {
            command.addAll(List.of(SHELL.toString(), "-c", "umask 077; exec \"$0\" \"$@\""));
        }
        command.addAll(java.build());
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(spec.environment());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        switch (spec.output())
        {
            case INHERITED ->
            {
                builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
                builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            }
            case DISCARDED ->
            {
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            default ->
            {
                // piped: read by the output pumps
            }
        }
        final Process process;
        try
        {
            process = builder.start();
        }
        catch (final IOException ex)
        {
            connection.close();
            pipe.unlink();
            statusArray.unlink();
            archive.exited(-1);
            throw new Mp4jException("cannot start worker JVM " + id + ": " + ex.getMessage() + "; command: " +
                String.join(" ", command), ex);
        }
        final String name = "worker-" + id;
        OutputPump out = null;
        OutputPump err = null;
        if (spec.output() == Output.PREFIXED || spec.output() == Output.CAPTURED)
        {
            final boolean capture = spec.output() == Output.CAPTURED;
            out = new OutputPump(process.getInputStream(), capture ? null : System.out, "[" + name + "] ", capture,
                "mp4j-" + name + "-stdout");
            err = new OutputPump(process.getErrorStream(), capture ? null : System.err, "[" + name + "] ", capture,
                "mp4j-" + name + "-stderr");
        }
        final WorkerJvm jvm = new WorkerJvm(id, process, pipe, connection, statusArray, out, err, archive);
        LIVE.add(jvm);
        return jvm;
    }

    /**
     * @return the space of this JVM's workers' pipes and status arrays: {@code launcher-PID}.
     */
    public static Space space()
    {
        Space s = space;
        if (s == null)
        {
            synchronized (WorkerJvm.class)
            {
                s = space;
                if (s == null)
                {
                    s = Space.open("launcher-" + ProcessHandle.current().pid());
                    space = s;
                    final Thread hook = new Thread(WorkerJvm::endAll, "mp4j-launcher-shutdown");
                    Runtime.getRuntime().addShutdownHook(hook);
                }
            }
        }
        return s;
    }

    /**
     * @return the counters registry of this JVM's launcher space ({@link Space#counters()} of {@link #space()}),
     * mapped once per JVM and never unmapped: where pools and {@code Parallel} calls publish their progress.
     * @throws io.mp4j.ipc.Mp4jException if it cannot be created or attached.
     */
    public static Counters counters()
    {
        Counters c = counters;
        if (c == null)
        {
            synchronized (WorkerJvm.class)
            {
                c = counters;
                if (c == null)
                {
                    c = space().counters();
                    counters = c;
                }
            }
        }
        return c;
    }

    /**
     * At this JVM's exit: kills the workers still running and removes their files and the launcher space. The
     * workers would end by themselves ({@link io.mp4j.launcher.worker.ParentWatch}); this also frees /dev/shm.
     */
    private static void endAll()
    {
        LIVE.forEach(WorkerJvm::kill);
        for (final WorkerJvm jvm : LIVE)
        {
            try
            {
                jvm.process.waitFor(2, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            jvm.release();
        }
        try
        {
            space.destroy();
        }
        catch (final RuntimeException ex)
        {
            // another region in the space is still open: left for mp4j clean
        }
    }

    private static List<String> workerOptions(final WorkerSpec spec)
    {
        final List<String> options = new ArrayList<>();
        final boolean collectorChosen = spec.jvmOptions().stream()
            .anyMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"));
        if (!collectorChosen)
        {
            // a worker is one task thread: the serial collector starts fastest and has no GC threads to contend
            options.add("-XX:+UseSerialGC");
        }
        options.addAll(spec.jvmOptions());
        return options;
    }

    /**
     * @return this worker's number, unique in this JVM.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return the worker's pid.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * @return the process.
     */
    public Process process()
    {
        return process;
    }

    /**
     * @return the parent's end of the worker's pipe, as frames.
     */
    public FrameChannel channel()
    {
        return channel;
    }

    /**
     * @return the worker's status.
     */
    public WorkerStatus status()
    {
        return status;
    }

    /**
     * @return completes with the exit code when the process ends.
     */
    public CompletableFuture<Integer> exit()
    {
        return exit;
    }

    /**
     * @return e.g. {@code "worker 3 (pid 4711)"}.
     */
    public String describe()
    {
        return "worker " + id + " (pid " + process.pid() + ")";
    }

    /**
     * @return captured stdout (only with {@link Output#CAPTURED}).
     */
    public String stdout()
    {
        return captured(out);
    }

    /**
     * @return captured stderr (only with {@link Output#CAPTURED}).
     */
    public String stderr()
    {
        return captured(err);
    }

    private String captured(final OutputPump pump)
    {
        if (pump == null)
        {
            return "";
        }
        if (!process.isAlive())
        {
            pump.drain(); // the worker has ended: what it wrote is complete once its reader reaches the end
        }
        return pump.captured();
    }

    /**
     * @return the last lines the worker wrote to stderr, once it has ended (empty when not piped).
     */
    public String stderrTail()
    {
        if (err == null)
        {
            return "";
        }
        err.drain();
        return err.tail();
    }

    /**
     * SIGKILL.
     */
    public void kill()
    {
        // through the handle: Process.destroyForcibly also closes the pipes, cutting short the stderr tail
        process.toHandle().destroyForcibly();
    }

    /**
     * SIGTERM: the worker runs its shutdown hooks and exits with 143. Sent through the process handle, since
     * {@link Process#destroy()} also closes this side of the worker's output pipes, cutting short what it prints
     * while its hooks run.
     */
    public void terminate()
    {
        process.toHandle().destroy();
    }

    /**
     * Releases this side's pipe end and removes the worker's files; call once the process has ended.
     */
    public void release()
    {
        if (!LIVE.remove(this))
        {
            return;
        }
        channel.connection().close();
        pipe.unlink();
        statusArray.unlink();
    }

    /**
     * @param exitCode an exit code as the JDK reports it.
     * @return a description, e.g. {@code "exit code 137 (SIGKILL)"}.
     */
    public static String describeExit(final int exitCode)
    {
        if (exitCode > 128 && exitCode < 128 + 65)
        {
            return "exit code " + exitCode + " (" + signalName(exitCode - 128) + ")";
        }
        return switch (exitCode)
        {
            case WorkerMain.EXIT_RETIRED -> "exit code " + exitCode + " (retired after an OutOfMemoryError)";
            case WorkerMain.EXIT_INIT_FAILED -> "exit code " + exitCode + " (initializer failed)";
            case 3 -> "exit code 3 (OutOfMemoryError with -XX:+ExitOnOutOfMemoryError?)";
            default -> "exit code " + exitCode;
        };
    }

    private static String signalName(final int signal)
    {
        return switch (signal)
        {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> "signal " + signal;
        };
    }
}
