package io.mp4j.ipc.crossjvm;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.testkit.Await;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedBoolean;
import io.mp4j.ipc.values.SharedInt;
import io.mp4j.ipc.values.SharedLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two JVMs hammer one shared long with atomic adds, released together by a flag in shared memory: not one
 * increment may be lost.
 */
@NoLeaks
class SharedLongContentionTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CHILDREN = 2;
    private static final long INCREMENTS_PER_CHILD = 10_000_000;

    @Test
    @Timeout(120)
    void shouldCountEveryIncrementOfTwoJvmsAddingToOneSharedLong(final Space space)
    {
        try (SharedLong total = space.sharedLong("total");
             SharedInt ready = space.sharedInt("ready");
             SharedBoolean go = space.sharedBoolean("go");
             ChildJvm first = ChildJvm.start(Incrementer.class, space.directory().toString(),
                 Long.toString(INCREMENTS_PER_CHILD));
             ChildJvm second = ChildJvm.start(Incrementer.class, space.directory().toString(),
                 Long.toString(INCREMENTS_PER_CHILD)))
        {
            Await.until(() -> "both children at the start line; ready=" + ready.get() + "\n" + first.describe() +
                "\n" + second.describe(), TIMEOUT, () -> ready.get() == CHILDREN);
            assertEquals(0, total.get(), "no child starts before the go flag");
            go.set(true);

            first.awaitSuccess(TIMEOUT);
            second.awaitSuccess(TIMEOUT);

            assertEquals(CHILDREN * INCREMENTS_PER_CHILD, total.get());
            assertEquals("false", first.awaitValue("created", TIMEOUT));
            assertEquals("false", second.awaitValue("created", TIMEOUT));
            total.unlink();
            ready.unlink();
            go.unlink();
        }
    }

    public static final class Incrementer
    {
        public static void main(final String[] args)
        {
            final Space space = Space.at(Path.of(args[0]));
            final long increments = Long.parseLong(args[1]);
            try (SharedLong total = space.sharedLong("total");
                 SharedInt ready = space.sharedInt("ready");
                 SharedBoolean go = space.sharedBoolean("go"))
            {
                ChildPoints.report("created", total.created());
                ready.incrementAndGet();
                // Park while the other JVM starts, then spin so that both leave the line within microseconds.
                Await.until("both children at the start line", TIMEOUT, () -> ready.get() == CHILDREN);
                Await.spinUntil("the go flag", TIMEOUT, go::get);
                for (long i = 0; i < increments; i++)
                {
                    total.getAndAdd(1);
                }
            }
        }
    }
}
