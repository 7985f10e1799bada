package io.mp4j.cluster.conformance;

import io.mp4j.ipc.MessageQueue;
import io.mp4j.ipc.queue.QueueEmptyException;
import io.mp4j.ipc.queue.QueueFullException;
import io.mp4j.launcher.objects.SharedObjects;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MessageQueue}: a bounded FIFO of messages between processes, alike on every backend.
 */
public abstract class QueueConformance extends ObjectsConformance
{
    private static final int CAPACITY = 4;
    private static final int MESSAGES = 300;
    private static final Duration SHORT = Duration.ofMillis(50);

    /**
     * A message of the application's own type.
     *
     * @param producer who sent it.
     * @param sequence its number for that producer.
     */
    public record Message(int producer, int sequence)
    {
    }

    @Test
    void shouldKeepOrderAndBounds()
    {
        final MessageQueue<String> queue = objects().queue(unique("queue"), CAPACITY);
        assertTrue(queue.isEmpty());
        assertNull(queue.poll());
        for (int i = 0; i < CAPACITY; i++)
        {
            assertTrue(queue.offer("m" + i));
        }
        assertFalse(queue.offer("over"));
        assertThrows(QueueFullException.class, () -> queue.put("over", SHORT));
        assertEquals(CAPACITY, queue.size());
        for (int i = 0; i < CAPACITY; i++)
        {
            assertEquals("m" + i, i % 2 == 0 ? queue.poll() : queue.get());
        }
        assertThrows(QueueEmptyException.class, () -> queue.get(SHORT));
        queue.put("last", SHORT);
        assertEquals("last", queue.get(SHORT));
    }

    @Test
    void shouldDeliverEveryMessageOnceAcrossProcesses()
    {
        final String backend = objects().backend();
        final String namespace = objects().namespace();
        final String name = unique("queue");
        final MessageQueue<Message> queue = objects().queue(name, 64);
        final List<Integer> producers = List.of(0, 1);
        final CompletableFuture<List<Integer>> sent = pool().mapAsync(producer ->
        {
            try (SharedObjects objects = remote(backend, namespace))
            {
                final MessageQueue<Message> shared = objects.queue(name, 64);
                for (int i = 0; i < MESSAGES; i++)
                {
                    shared.put(new Message(producer, i));
                }
                return producer;
            }
        }, producers);
        final List<List<Integer>> received = new ArrayList<>();
        producers.forEach(producer -> received.add(new ArrayList<>()));
        for (int i = 0; i < MESSAGES * producers.size(); i++)
        {
            final Message message = queue.get(Duration.ofSeconds(60));
            received.get(message.producer()).add(message.sequence());
        }
        assertEquals(producers, sent.join());
        for (final List<Integer> sequences : received)
        {
            assertEquals(IntStream.range(0, MESSAGES).boxed().toList(), sequences);
        }
        assertNull(queue.poll());
    }
}
