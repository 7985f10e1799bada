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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Four JVMs, released at once by a flag in shared memory, create-or-attach the same names: for each name exactly
 * one creates (and only its initial value applies), the others attach to that same object, and none fails.
 */
@NoLeaks
class CreateOrAttachRaceTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CHILDREN = 4;
    private static final int NAMES = 25;
    private static final long INITIAL_BASE = 1_000;

    @Test
    @Timeout(120)
    void shouldLetExactlyOneOfFourJvmsCreateEachNameAndTheOthersAttachToIt(final Space space)
    {
        final List<ChildJvm> children = new ArrayList<>();
        try (SharedInt ready = space.sharedInt("ready"); SharedBoolean go = space.sharedBoolean("go"))
        {
            for (int c = 0; c < CHILDREN; c++)
            {
                children.add(ChildJvm.start(Racer.class, space.directory().toString(), Integer.toString(c)));
            }
            Await.until(() -> "all children at the start line; ready=" + ready.get(), TIMEOUT,
                () -> ready.get() == CHILDREN);
            go.set(true);
            for (final ChildJvm child : children)
            {
                child.awaitSuccess(TIMEOUT);
            }

            final int[] creators = new int[NAMES];
            Arrays.fill(creators, -1);
            for (int c = 0; c < CHILDREN; c++)
            {
                for (final int name : parse(children.get(c).awaitValue("created", TIMEOUT)))
                {
                    assertEquals(-1, creators[name], "name " + name + " created by children " + creators[name] +
                        " and " + c);
                    creators[name] = c;
                }
            }
            for (int name = 0; name < NAMES; name++)
            {
                assertNotEquals(-1, creators[name], "nobody created name " + name);
                try (SharedLong value = space.sharedLong("contested-" + name, -1))
                {
                    assertFalse(value.created());
                    assertEquals(INITIAL_BASE + creators[name] + CHILDREN, value.get(),
                        "the creator's initial value plus one increment from each child, for name " + name);
                    value.unlink();
                }
            }
            System.out.println("creators by name: " + Arrays.toString(creators));
            ready.unlink();
            go.unlink();
        }
        finally
        {
            children.forEach(ChildJvm::close);
        }
    }

    private static List<Integer> parse(final String list)
    {
        return list.isEmpty() ? List.of() :
            Arrays.stream(list.split(",")).map(Integer::parseInt).collect(Collectors.toList());
    }

    public static final class Racer
    {
        public static void main(final String[] args)
        {
            final Space space = Space.at(Path.of(args[0]));
            final int index = Integer.parseInt(args[1]);
            final List<String> created = new ArrayList<>();
            try (SharedInt ready = space.sharedInt("ready"); SharedBoolean go = space.sharedBoolean("go"))
            {
                ready.incrementAndGet();
                // Park while the other JVMs start, then spin so that all leave the line within microseconds.
                Await.until("all children at the start line", TIMEOUT, () -> ready.get() == CHILDREN);
                Await.spinUntil("the go flag", TIMEOUT, go::get);
                for (int name = 0; name < NAMES; name++)
                {
                    try (SharedLong value = space.sharedLong("contested-" + name, INITIAL_BASE + index))
                    {
                        if (value.created())
                        {
                            created.add(Integer.toString(name));
                        }
                        value.incrementAndGet();
                    }
                }
            }
            ChildPoints.report("created", String.join(",", created));
        }
    }
}
