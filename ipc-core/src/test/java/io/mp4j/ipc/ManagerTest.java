package io.mp4j.ipc;

import io.mp4j.ipc.collections.SharedList;
import io.mp4j.ipc.collections.SharedMap;
import io.mp4j.ipc.collections.SharedNamespace;
import io.mp4j.ipc.queue.SharedQueue;
import io.mp4j.ipc.sync.SharedLock;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.ipc.testkit.ChildPoints;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.ipc.values.SharedLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Manager facade: every kind by name, the same object from another JVM, everything closed with the manager, and
 * a JVM that uses it for a lock and a value never loading a Chronicle class.
 */
@NoLeaks
@Timeout(120)
class ManagerTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldCreateEveryKindByNameAndCloseThemAll(final Space space) throws Exception
    {
        final SharedMap<Object, Object> dict;
        final SharedLong value;
        try (Manager manager = Manager.of(space))
        {
            dict = manager.dict("d");
            final SharedList<Object> list = manager.list("l");
            final SharedNamespace ns = manager.namespace("ns");
            final SharedQueue<Object> queue = manager.queue("q");
            value = manager.value("v", 41L);
            final SharedLock lock = manager.lock("lock");
            dict.put("k", List.of(1, 2));
            list.add("x");
            ns.set("flag", true);
            queue.put("job");
            value.incrementAndGet();
            lock.acquire();
            lock.release();
            assertEquals(1, manager.event("e").isSet() ? 0 : 1);
            assertEquals(2, manager.semaphore("s", 2).availablePermits());
            assertEquals(3, manager.barrier("b", 3).parties());
            assertEquals(0.5, manager.value("dv", 0.5).get());
            assertEquals(List.of(1, 2), manager.dict("d").get("k"), "the same map by name");
        }
        assertTrue(dict.isClosed());
        assertTrue(value.isClosed());
        space.destroy();
    }

    @Test
    void shouldNeverLoadChronicleInAJvmThatUsesNoMapOrDurableQueue(final Space space)
    {
        try (ChildJvm plain = ChildJvm.of(LockAndValue.class).arguments(space.directory().toString())
            .jvmOptions("-verbose:class").timeout(WAIT).start())
        {
            plain.awaitSuccess(WAIT);
            assertEquals("42", plain.values("value").get(0));
            assertTrue(plain.stdout().contains("io.mp4j.ipc.Manager"), "the log lists loaded classes");
            assertFalse(plain.stdout().contains("net.openhft"), "a Chronicle class was loaded:\n" +
                plain.stdout().lines().filter(line -> line.contains("net.openhft")).limit(5).toList());
        }
        try (ChildJvm withMap = ChildJvm.of(UseDict.class).arguments(space.directory().toString())
            .jvmOptions("-verbose:class").timeout(WAIT).start())
        {
            withMap.awaitSuccess(WAIT);
            assertTrue(withMap.stdout().contains("net.openhft.chronicle.map"), "the check sees Chronicle when used");
            assertFalse(withMap.stderr().contains("SLF4J"), withMap.stderr());
        }
        space.destroy();
    }

    /** Uses a manager for a lock and a value only. Argument: space directory. */
    public static final class LockAndValue
    {
        /**
         * @param args see the class comment.
         */
        public static void main(final String[] args)
        {
            try (Manager manager = Manager.of(Space.at(Path.of(args[0]))))
            {
                final SharedLock lock = manager.lock("lock");
                final SharedLong value = manager.value("value", 41L);
                lock.acquire();
                try
                {
                    value.incrementAndGet();
                }
                finally
                {
                    lock.release();
                }
                ChildPoints.report("value", value.get());
            }
        }
    }

    /** Uses a manager's dict. Argument: space directory. */
    public static final class UseDict
    {
        /**
         * @param args see the class comment.
         */
        public static void main(final String[] args)
        {
            try (Manager manager = Manager.of(Space.at(Path.of(args[0]))))
            {
                manager.dict("d").put("k", "v");
            }
        }
    }
}
