package io.mp4j.cluster.conformance;

import io.mp4j.ipc.Barrier;
import io.mp4j.ipc.Event;
import io.mp4j.ipc.Mp4jException;
import io.mp4j.launcher.objects.SharedObjects;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Event} and {@link Barrier}: waiting across processes, alike on every backend.
 */
public abstract class EventBarrierConformance extends ObjectsConformance
{
    private static final Duration SHORT = Duration.ofMillis(50);
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final int ROUNDS = 3;

    @Test
    void shouldSetAndClearAnEvent() throws InterruptedException
    {
        final String name = unique("event");
        final Event event = objects().event(name);
        assertFalse(event.isSet());
        assertFalse(event.await(SHORT));
        event.set();
        assertTrue(event.isSet());
        assertTrue(objects().event(name).isSet());
        assertTrue(event.await(SHORT));
        event.set();
        event.clear();
        assertFalse(event.isSet());
        assertFalse(event.await(SHORT));
        event.clear();
        event.set();
        event.await();
        assertTrue(event.isSet());
    }

    @Test
    void shouldWakeOnAnEventSetByAnotherProcess() throws InterruptedException
    {
        final String backend = objects().backend();
        final String namespace = objects().namespace();
        final String go = unique("event");
        final String done = unique("event");
        final Event goEvent = objects().event(go);
        final Event doneEvent = objects().event(done);
        final CompletableFuture<Boolean> remote = CompletableFuture.supplyAsync(() -> pool().apply(task ->
        {
            try (SharedObjects objects = remote(backend, namespace))
            {
                final boolean started = objects.event(go).await(LONG);
                objects.event(done).set();
                return started;
            }
        }, 0));
        goEvent.set();
        assertTrue(doneEvent.await(LONG));
        assertTrue(remote.join());
    }

    @Test
    void shouldPassABarrierWithAnotherProcessRoundAfterRound() throws Exception
    {
        final String backend = objects().backend();
        final String namespace = objects().namespace();
        final String name = unique("barrier");
        final Barrier barrier = objects().barrier(name, 2);
        assertEquals(2, objects().barrier(name, 2).parties());
        assertThrows(Mp4jException.class, () -> objects().barrier(name, 7));
        final CompletableFuture<List<Integer>> remote = CompletableFuture.supplyAsync(() -> pool().apply(task ->
        {
            try (SharedObjects objects = remote(backend, namespace))
            {
                final Barrier shared = objects.barrier(name, 2);
                final Integer[] indexes = new Integer[ROUNDS];
                for (int round = 0; round < ROUNDS; round++)
                {
                    indexes[round] = shared.await(LONG);
                }
                return List.of(indexes);
            }
        }, 0));
        final int[] mine = new int[ROUNDS];
        for (int round = 0; round < ROUNDS; round++)
        {
            mine[round] = barrier.await(LONG);
        }
        final List<Integer> theirs = remote.join();
        for (int round = 0; round < ROUNDS; round++)
        {
            assertEquals(Set.of(0, 1), Set.of(mine[round], theirs.get(round)));
        }
    }

    @Test
    void shouldTimeOutAtABarrierWithoutTheOtherParties()
    {
        final Barrier barrier = objects().barrier(unique("barrier"), 2);
        assertThrows(TimeoutException.class, () -> barrier.await(SHORT));
    }
}
