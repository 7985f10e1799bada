package io.mp4j.launcher.pool;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.region.RegionInfo;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.values.SharedLongArray;
import io.mp4j.launcher.Crashes;
import io.mp4j.launcher.Pids;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.TaskFailedException;
import io.mp4j.launcher.TaskTimeoutException;
import io.mp4j.launcher.WorkerDiedException;
import io.mp4j.launcher.process.WorkerJvm;
import io.mp4j.launcher.process.WorkerSpec;
import io.mp4j.launcher.worker.WorkerMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.Serial;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * loky's crash matrix over real worker JVMs: one task of a {@code map} fails in one stage of its life in the worker
 * (decoding its argument, running, encoding its result) in one way (an exception, {@code System.exit},
 * {@code Runtime.halt}, a SIGKILL of its own JVM, an {@link OutOfMemoryError} past a 64 MiB heap, a hang past the
 * per-task timeout), with chunks of one task and with automatic chunks of three. In every cell the poisoned task fails
 * with its cell's error, every other task of the same call runs with the right result, the call returns, and the
 * pool gives right results to the next call.
 *
 * <p>Decode-stage failures come from an argument whose {@code readObject} fails, encode-stage failures from a result
 * whose {@code writeObject} fails: plain serializable classes, not records, so that Java serialization runs them.
 *
 * <p>One pool serves every cell, so each cell starts from the pool the previous crash left behind (a worker being
 * replaced, a chunk requeued): that the pool stays usable is the point. At the end the pool closes, and no worker
 * and none of the dead workers' pipes and status arrays may outlive it.
 */
@Timeout(120)
class CrashMatrixTest
{
    /** Automatic chunks of map: ceil(24 / (4 x 2 workers)) = 3 tasks. */
    private static final int TASKS = 24;
    /** In the middle of the automatic chunk [9, 10, 11], so that a death strands tasks on both sides of it. */
    private static final int POISONED = 10;
    private static final int WORKERS = 2;
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration GONE_WITHIN = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static SharedLongArray board;
    private static Task<Object, Object> poisonable;
    private static ProcessPool pool;
    private static List<String> launcherFilesBefore;

    /** Where a task fails. */
    enum Stage
    {
        DECODE(Poison.class, "readObject"),
        RUN(Poison.class, "run"),
        ENCODE(PoisonResult.class, "writeObject");

        final String frameClass;
        final String frameMethod;

        Stage(final Class<?> frameClass, final String frameMethod)
        {
            this.frameClass = frameClass.getName();
            this.frameMethod = frameMethod;
        }

        String phase()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a task fails. */
    enum Failure
    {
        EXCEPTION, EXIT, HALT, SIGKILL, OOM, HANG;

        void strike(final Stage stage)
        {
            switch (this)
            {
                case EXCEPTION -> throw new Boom("poisoned in " + stage.phase());
                case EXIT -> Crashes.exit();
                case HALT -> Crashes.halt();
                case SIGKILL -> Crashes.killSelf();
                case OOM -> Crashes.exhaustHeap();
                case HANG -> Crashes.hang();
                default -> throw new IllegalStateException("unknown failure " + this);
            }
            throw new IllegalStateException(this + " returned");
        }
    }

    /** Chunk sizes of the poisoned call. */
    enum Chunking
    {
        ONE, AUTO;

        <R> List<R> map(final Task<Object, R> task, final List<?> inputs)
        {
            return this == ONE ? pool.map(task, inputs, 1) : pool.map(task, inputs);
        }
    }

    @BeforeAll
    @Timeout(60)
    static void startPool()
    {
        launcherFilesBefore = launcherFiles();
        board = Space.at(dir).sharedLongArray("board", TASKS);
        final SharedLongArray results = board;
        poisonable = x -> work(results, x);
        pool = new ProcessPool(PoolOptions.defaults()
            .withWorkers(WORKERS)
            .withSpec(WorkerSpec.defaults().withMaxHeap("64m"))
            .withTaskTimeout(TASK_TIMEOUT)
            .withKeepAlive(Duration.ZERO));
    }

    @AfterAll
    @Timeout(60)
    static void stopPool()
    {
        try
        {
            if (pool != null)
            {
                pool.close();
            }
            Await.until(() -> "the pool's workers to end: " + Pids.runningDescendants(), GONE_WITHIN,
                () -> Pids.runningDescendants().isEmpty());
            // warm workers of earlier test classes may time out meanwhile and take their files: none may be added
            final List<String> added = new ArrayList<>(launcherFiles());
            added.removeAll(launcherFilesBefore);
            assertEquals(List.of(), added, "every dead worker's pipe and status array removed");
        }
        finally
        {
            if (board != null)
            {
                board.close();
            }
        }
    }

    static Stream<Arguments> cells()
    {
        final List<Arguments> cells = new ArrayList<>();
        for (final Stage stage : Stage.values())
        {
            for (final Failure failure : Failure.values())
            {
                for (final Chunking chunking : Chunking.values())
                {
                    cells.add(Arguments.of(stage, failure, chunking));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{1} in {0}, chunks {2}")
    @MethodSource("cells")
    void shouldFailOnlyThePoisonedTaskAndKeepThePoolUsable(
        final Stage stage, final Failure failure, final Chunking chunking)
    {
        final List<Object> inputs = new ArrayList<>();
        for (int i = 0; i < TASKS; i++)
        {
            board.set(i, 0);
            inputs.add(i == POISONED ? new Poison(stage, failure) : i);
        }

        final TaskFailedException error = assertThrows(TaskFailedException.class,
            () -> chunking.map(poisonable, inputs));

        assertEquals(POISONED, error.index(), () -> describe(error));
        assertEquals(0, error.getSuppressed().length, () -> "only the poisoned task fails: " + describe(error));
        assertExpectedError(error, stage, failure);
        for (int i = 0; i < TASKS; i++)
        {
            if (i != POISONED)
            {
                assertEquals(expected(i), board.get(i), "task " + i + " of the poisoned call ran with its result");
            }
        }
        final List<Integer> clean = IntStream.range(0, 8).boxed().toList();
        assertEquals(clean.stream().map(CrashMatrixTest::expected).toList(),
            chunking.map(x -> expected((Integer)x), clean), "the next call on the same pool");
    }

    private static void assertExpectedError(final TaskFailedException error, final Stage stage, final Failure failure)
    {
        switch (failure)
        {
            case EXCEPTION ->
            {
                assertSame(TaskFailedException.class, error.getClass(), () -> describe(error));
                final Boom boom = Crashes.findCause(error, Boom.class);
                assertNotNull(boom, () -> "the task's own exception in the cause chain: " + describe(error));
                assertEquals("poisoned in " + stage.phase(), boom.getMessage());
                assertTrue(Arrays.stream(boom.getStackTrace()).anyMatch(
                    f -> f.getClassName().equals(stage.frameClass) && f.getMethodName().equals(stage.frameMethod)),
                    () -> "the stack trace it had in the worker, through " + stage.frameMethod + ": " + describe(boom));
                assertTrue(Arrays.stream(boom.getStackTrace()).anyMatch(
                    f -> f.getClassName().equals(WorkerMain.class.getName())),
                    () -> "a stack trace from the worker JVM: " + describe(boom));
            }
            case EXIT, HALT, SIGKILL ->
            {
                final WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, error,
                    () -> describe(error));
                final int code = failure == Failure.EXIT ? Crashes.EXIT_CODE :
                    failure == Failure.HALT ? Crashes.HALT_CODE : Crashes.SIGKILL_CODE;
                assertEquals(code, died.exitCode(), () -> describe(error));
                assertEquals(stage.phase(), died.phase(), () -> describe(error));
                final String message = died.getMessage();
                assertTrue(message.contains("exit code " + code) && message.contains(stage.phase() + " phase") &&
                    message.contains("task " + POISONED), () -> "names the exit, the phase and the task: " + message);
                if (failure == Failure.SIGKILL)
                {
                    assertTrue(message.contains("SIGKILL"), message);
                }
            }
            case OOM ->
            {
                assertSame(TaskFailedException.class, error.getClass(), () -> describe(error));
                assertNotNull(Crashes.findCause(error, OutOfMemoryError.class),
                    () -> "an OutOfMemoryError in the cause chain: " + describe(error));
                // the worker reported the error, then retires: its heap may be past saving
                Pids.awaitGone(List.of(Pids.ofWorker(error.worker())), GONE_WITHIN);
            }
            case HANG ->
            {
                final TaskTimeoutException timedOut = assertInstanceOf(TaskTimeoutException.class, error,
                    () -> describe(error));
                assertEquals(TASK_TIMEOUT, timedOut.timeout());
                assertTrue(timedOut.getMessage().contains("task " + POISONED), timedOut.getMessage());
                Pids.awaitGone(List.of(Pids.ofWorker(error.worker())), GONE_WITHIN);
            }
            default -> throw new IllegalStateException("unknown failure " + failure);
        }
    }

    private static List<String> launcherFiles()
    {
        return WorkerJvm.space().list().stream().map(RegionInfo::name).toList();
    }

    static long expected(final int i)
    {
        return 1000L * i + 7;
    }

    private static Object work(final SharedLongArray results, final Object input)
    {
        if (input instanceof Poison poison)
        {
            return poison.run();
        }
        final int i = (Integer)input;
        results.set(i, expected(i));
        return expected(i);
    }

    private static String describe(final Throwable error)
    {
        final StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /**
     * The poisoned argument: fails while it is decoded in the worker, or makes the task fail, or makes it return a
     * result that fails while it is encoded.
     */
    static final class Poison implements Serializable
    {
        @Serial
        private static final long serialVersionUID = 1L;

        private final Stage stage;
        private final Failure failure;

        Poison(final Stage stage, final Failure failure)
        {
            this.stage = stage;
            this.failure = failure;
        }

        Object run()
        {
            if (stage == Stage.RUN)
            {
                failure.strike(stage);
            }
            return new PoisonResult(failure);
        }

        @Serial
        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            in.defaultReadObject();
            if (stage == Stage.DECODE)
            {
                failure.strike(stage);
            }
        }
    }

    /**
     * A result that fails while it is encoded in the worker.
     */
    static final class PoisonResult implements Serializable
    {
        @Serial
        private static final long serialVersionUID = 1L;

        private final Failure failure;

        PoisonResult(final Failure failure)
        {
            this.failure = failure;
        }

        @Serial
        private void writeObject(final ObjectOutputStream out) throws IOException
        {
            failure.strike(Stage.ENCODE);
            out.defaultWriteObject();
        }
    }

    /**
     * The task's own exception.
     */
    static final class Boom extends RuntimeException
    {
        @Serial
        private static final long serialVersionUID = 1L;

        Boom(final String message)
        {
            super(message);
        }
    }
}
