package io.mp4j.launcher;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.pool.PoolOptions;
import io.mp4j.launcher.pool.ProcessPool;
import io.mp4j.launcher.process.WorkerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A JVM that dies by SIGKILL, with no chance to run a shutdown hook, takes its workers with it: a child JVM starts a
 * process pool (one worker in the middle of a task, one idle) and a worker process running its target, reports their
 * pids, and is killed; every worker must be gone within {@link #GONE_WITHIN}.
 */
@NoLeaks
@Timeout(120)
class ParentDeathTest
{
    private static final Duration GONE_WITHIN = Duration.ofSeconds(5);
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final String BUSY_TASK = "pool task running in";
    private static final String TARGET = "process target running in";

    @Test
    void shouldEndEveryWorkerOfAParentKilledBySigkill()
    {
        long parentPid = -1;
        try (ChildJvm parent = ChildJvm.of(Parent.class).timeout(Duration.ofSeconds(110)).start())
        {
            parentPid = parent.pid();
            parent.awaitPoint("ready", READY_WITHIN);
            parent.awaitStdout(BUSY_TASK, READY_WITHIN);
            parent.awaitStdout(TARGET, READY_WITHIN);
            final List<Long> workers = parent.values("worker").stream().map(Long::valueOf).toList();
            assertEquals(3, workers.size(), parent::describe);
            assertEquals(workers, Pids.running(workers), "all running before the kill");

            assertEquals(Crashes.SIGKILL_CODE, parent.kill());

            Pids.awaitGone(workers, GONE_WITHIN);
        }
        finally
        {
            if (parentPid > 0)
            {
                // what the killed parent could not remove: its workers' pipes and status arrays
                Space.open("launcher-" + parentPid).destroy();
            }
        }
    }

    /**
     * The parent: a pool of two workers, both seen running tasks, one then busy with a task that never ends, and a
     * worker process whose target never ends; reports the three pids, then waits to be killed. The task and the
     * target each print a line once they run, which reaches the parent's stdout through the workers' output pumps.
     */
    public static final class Parent
    {
        private Parent()
        {
        }

        /**
         * @param args none.
         */
        public static void main(final String[] args)
        {
            final ProcessPool pool = new ProcessPool(PoolOptions.defaults().withWorkers(2).withKeepAlive(
                Duration.ZERO));
            final Set<Long> ranTasks = new HashSet<>();
            Await.until("both pool workers to run tasks", READY_WITHIN, () ->
            {
                ranTasks.addAll(pool.map((Integer x) -> ProcessHandle.current().pid(),
                    IntStream.range(0, 8).boxed().toList(), 1));
                return ranTasks.size() == 2;
            });
            pool.applyAsync((Integer x) -> announceAndHang(BUSY_TASK), 1);
            final WorkerProcess process = WorkerProcess.start(() -> announceAndHang(TARGET));
            for (final long pid : pool.workerPids())
            {
                ChildPoints.report("worker", pid);
            }
            ChildPoints.report("worker", process.pid());
            ChildPoints.parkAt("ready");
        }

        private static Void announceAndHang(final String what)
        {
            System.out.println(what + " " + ProcessHandle.current().pid());
            Crashes.hang();
            return null;
        }
    }
}
