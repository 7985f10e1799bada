package io.mp4j.ipc.testkit;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.region.SpaceRoot;
import io.mp4j.ipc.values.SharedLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proves that {@link NoLeaksExtension} fails a test that leaks, by running small leaking test classes through the
 * JUnit Platform launcher and reading their results. The fixtures are static nested classes, which Surefire does not
 * run by itself; they also skip themselves unless this test runs them.
 */
@NoLeaks
class NoLeaksExtensionTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, String> SHORT_GRACE = Map.of(NoLeaksExtension.EXIT_GRACE_PARAMETER, "300");

    private static volatile boolean selfTestRunning;

    private Space beforeEachSpace;

    @BeforeEach
    void rememberSpace(final Space space)
    {
        beforeEachSpace = space;
    }

    @AfterEach
    void checkSameSpace(final Space space)
    {
        assertSame(beforeEachSpace, space);
    }

    @Test
    void shouldHandOneFreshSpaceUnderTheDefaultRootToTestAndLifecycleMethods(final Space space)
    {
        assertSame(beforeEachSpace, space);
        assertEquals(SpaceRoot.resolve(), space.directory().getParent());
        assertTrue(space.name().startsWith("test-" + ProcessHandle.current().pid() + "-"), space.name());
        assertTrue(space.name().endsWith("-shouldHandOneFreshSpaceUnderTheDefaultRootToTestAndLifecycleMethods"));
        assertTrue(space.list().isEmpty());
    }

    @Test
    @Timeout(60)
    void shouldFailATestThatLeavesAChildProcessAndKillTheChild()
    {
        final PlatformRunner.Summary summary = runFixture(LeavesChildProcess.class);

        assertEquals(1, summary.failed(), summary.describeFailures());
        final String message = summary.failures().get(0).exception().getMessage();
        assertTrue(message.contains("child process " + LeavesChildProcess.pid + " still running"), message);
        assertTrue(message.contains(ChildPoints.POINT_PREFIX + "parked"), "the child's output is shown: " + message);
        assertFalse(ProcessHandle.of(LeavesChildProcess.pid).map(ProcessHandle::isAlive).orElse(false),
            "the leaked child was killed");
    }

    @Test
    @Timeout(60)
    void shouldFailATestThatLeavesANonDaemonThreadAndInterruptIt() throws InterruptedException
    {
        final PlatformRunner.Summary summary = runFixture(LeavesThread.class);

        assertEquals(1, summary.failed(), summary.describeFailures());
        final String message = summary.failures().get(0).exception().getMessage();
        assertTrue(message.contains("non-daemon thread 'leaky-thread' still running"), message);
        LeavesThread.thread.join(TIMEOUT.toMillis());
        assertFalse(LeavesThread.thread.isAlive(), "the leaked thread was interrupted and ended");
        assertTrue(LeavesThread.interrupted);
    }

    @Test
    @Timeout(60)
    void shouldFailATestThatLeavesARegionFileAndDeleteTheSpace()
    {
        final PlatformRunner.Summary summary = runFixture(LeavesRegion.class);

        assertEquals(1, summary.failed(), summary.describeFailures());
        final String message = summary.failures().get(0).exception().getMessage();
        assertTrue(message.contains("region files left in space " + LeavesRegion.directory), message);
        assertTrue(message.contains("[left-behind]"), message);
        assertFalse(Files.exists(LeavesRegion.directory), "the space directory was deleted anyway");
    }

    @Test
    @Timeout(60)
    void shouldDeleteTheSpaceOfAFailingTestToo()
    {
        final PlatformRunner.Summary summary = runFixture(FailsWithRegion.class);

        assertEquals(1, summary.failed(), summary.describeFailures());
        final Throwable failure = summary.failures().get(0).exception();
        assertEquals("the test's own failure", failure.getMessage());
        assertEquals(1, failure.getSuppressed().length, "the leak is reported beside the test's failure");
        assertFalse(Files.exists(FailsWithRegion.directory));
    }

    @Test
    @Timeout(60)
    void shouldPassATestThatCleansUpOrWhoseChildIsOnItsWayOut()
    {
        final PlatformRunner.Summary summary = runFixture(CleansUp.class, Map.of()); // the default grace

        assertEquals(3, summary.started(), summary.describeFailures());
        assertEquals(3, summary.succeeded(), summary.describeFailures());
    }

    private static PlatformRunner.Summary runFixture(final Class<?> fixture)
    {
        return runFixture(fixture, SHORT_GRACE);
    }

    private static PlatformRunner.Summary runFixture(final Class<?> fixture, final Map<String, String> parameters)
    {
        assumeTrue(PlatformRunner.isAvailable(), "JUnit Platform launcher not on the class path");
        selfTestRunning = true;
        try
        {
            return PlatformRunner.run(fixture, parameters);
        }
        finally
        {
            selfTestRunning = false;
        }
    }

    public static final class Parker
    {
        public static void main(final String[] args)
        {
            ChildPoints.parkAt("parked");
        }
    }

    public static final class QuickExit
    {
        public static void main(final String[] args)
        {
            ChildPoints.reached("exiting");
        }
    }

    abstract static class Fixture
    {
        @BeforeEach
        void onlyUnderSelfTest()
        {
            assumeTrue(selfTestRunning, "a fixture of NoLeaksExtensionTest, run only by it");
        }
    }

    @NoLeaks
    static class LeavesChildProcess extends Fixture
    {
        static volatile long pid;

        @Test
        @Timeout(60)
        void leavesAChildProcess()
        {
            final ChildJvm child = ChildJvm.start(Parker.class);
            child.awaitPoint("parked", TIMEOUT);
            pid = child.pid();
        }
    }

    @NoLeaks
    static class LeavesThread extends Fixture
    {
        static final CountDownLatch NEVER = new CountDownLatch(1);
        static volatile Thread thread;
        static volatile boolean interrupted;

        @Test
        void leavesAThread()
        {
            thread = new Thread(() ->
            {
                try
                {
                    NEVER.await();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }, "leaky-thread");
            thread.start();
        }
    }

    @NoLeaks
    static class LeavesRegion extends Fixture
    {
        static volatile Path directory;

        @Test
        void leavesARegion(final Space space)
        {
            directory = space.directory();
            space.sharedLong("left-behind", 1).close();
        }
    }

    @NoLeaks
    static class FailsWithRegion extends Fixture
    {
        static volatile Path directory;

        @Test
        void failsAndLeavesARegion(final Space space)
        {
            directory = space.directory();
            space.sharedLong("left-behind", 1).close();
            fail("the test's own failure");
        }
    }

    @NoLeaks
    static class CleansUp extends Fixture
    {
        @Test
        @Timeout(60)
        void closesItsChild()
        {
            try (ChildJvm child = ChildJvm.start(Parker.class))
            {
                child.awaitPoint("parked", TIMEOUT);
            }
        }

        @Test
        @Timeout(60)
        void leavesAChildThatIsExitingByItself()
        {
            final ChildJvm child = ChildJvm.start(QuickExit.class);
            child.awaitPoint("exiting", TIMEOUT);
        }

        @Test
        void joinsItsThreadAndUnlinksItsRegion(final Space space) throws InterruptedException
        {
            final Thread thread = new Thread(() -> { }, "short-thread");
            thread.start();
            thread.join();
            try (SharedLong value = space.sharedLong("temporary", 1))
            {
                value.unlink();
            }
        }
    }
}
