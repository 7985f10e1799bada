package io.mp4j.ipc;

import io.mp4j.ipc.counters.Counter;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.ipc.values.SharedLong;
import io.mp4j.ipc.values.SharedLongArray;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The README's example, as written there, under the default root.
 */
class ReadmeExampleTest
{
    @Test
    void shouldRunReadmeExample()
    {
        final Space space = Space.open("readme-" + ProcessHandle.current().pid());
        final SharedHandle handle;
        try (SharedLong processed = space.sharedLong("processed");
            SharedLongArray perShard = space.sharedLongArray("per-shard", 16);
            Counters counters = space.counters())
        {
            processed.incrementAndGet();
            perShard.getAndAdd(3, 10);
            final Counter errors = counters.allocate("errors");
            errors.increment();
            counters.snapshot().forEach(c -> System.out.println(c.label() + " = " + c.value()));
            handle = processed.handle();
        }
        try (SharedLong same = handle.attach(SharedLong.class))
        {
            assertEquals(1, same.get());
            assertFalse(same.created());
        }
        assertEquals(3, space.list().size());
        space.destroy();
        assertEquals(0, space.list().size());
    }
}
