package io.mp4j.cluster.conformance;

import io.mp4j.ipc.PipeEnd;
import io.mp4j.ipc.pipe.Pipe;
import io.mp4j.ipc.pipe.PipeClosedException;
import io.mp4j.ipc.pipe.PipeTimeoutException;
import io.mp4j.ipc.testkit.ChildJvm;
import io.mp4j.launcher.objects.SharedObjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PipeEnd}: a duplex pipe between two processes, alike on every backend.
 */
public abstract class PipeConformance extends ObjectsConformance
{
    private static final int EXCHANGES = 40;
    private static final int LAST_WORDS = 3;
    private static final Duration SHORT = Duration.ofMillis(50);
    private static final Duration LONG = Duration.ofSeconds(60);

    /**
     * A message of the application's own type.
     *
     * @param sequence its number.
     * @param text     its text.
     */
    public record Note(int sequence, String text)
    {
    }

    /**
     * Starts a JVM that runs {@link PipePeer#run(String[])} with these arguments, as a process of this backend (a
     * plain JVM locally, a node of the cluster elsewhere) that can be killed without harm to the other tests.
     *
     * @param peerArguments the peer's arguments.
     * @return the running JVM.
     */
    protected abstract ChildJvm startPipePeer(String... peerArguments);

    @Test
    @Timeout(60)
    void shouldEndTheStreamWhenTheOtherProcessDies()
    {
        final String name = unique("pipe");
        try (PipeEnd a = objects().pipe(name, Pipe.End.A);
             ChildJvm peer = startPipePeer(objects().backend(), objects().namespace(), name,
                 Integer.toString(LAST_WORDS)))
        {
            peer.awaitStdout(PipePeer.SENT, LONG);
            assertEquals(137, peer.kill());
            for (int i = 0; i < LAST_WORDS; i++)
            {
                assertEquals(new Note(i, "before dying"), a.recv());
            }
            final long killedNs = System.nanoTime();
            final PipeClosedException ended = assertThrows(PipeClosedException.class, a::recv);
            assertEquals(PipeClosedException.Reason.PEER_DIED, ended.reason(), ended.getMessage());
            assertTrue(ended.getMessage().contains("died"), ended.getMessage());
            assertThrows(PipeClosedException.class, a::recv);
            System.err.printf("%s: the dead peer seen %.0f ms after its notes%n", objects().backend(),
                (System.nanoTime() - killedNs) / 1e6);
        }
    }

    @Test
    void shouldCarryObjectsInOrderBothWays()
    {
        final String name = unique("pipe");
        try (PipeEnd a = objects().pipe(name, Pipe.End.A);
             PipeEnd b = objects().pipe(name, Pipe.End.B))
        {
            a.send("first");
            a.send(new Note(2, "second"));
            a.send(null);
            a.send(List.of(4, 5));
            assertEquals("first", b.recv());
            assertEquals(new Note(2, "second"), b.recv(LONG));
            assertNull(b.recv());
            assertEquals(List.of(4, 5), b.recv());
            assertThrows(PipeTimeoutException.class, () -> b.recv(SHORT));
            b.send(42L);
            assertEquals(42L, a.recv(LONG));
            assertThrows(PipeTimeoutException.class, () -> a.recv(SHORT));
        }
    }

    @Test
    void shouldEndTheStreamAtTheOtherEndAfterWhatWasSent()
    {
        final String name = unique("pipe");
        final PipeEnd b = objects().pipe(name, Pipe.End.B);
        try
        {
            try (PipeEnd a = objects().pipe(name, Pipe.End.A))
            {
                a.send("last words");
            }
            assertEquals("last words", b.recv(LONG));
            assertThrows(PipeClosedException.class, b::recv);
            assertThrows(PipeClosedException.class, () -> b.recv(SHORT));
            assertThrows(PipeClosedException.class, () -> b.send("anyone?"));
        }
        finally
        {
            b.close();
        }
        assertThrows(PipeClosedException.class, () -> b.send("closed"));
        assertThrows(PipeClosedException.class, () -> b.recv(SHORT));
    }

    @Test
    void shouldConverseWithAnotherProcessAndSeeItClose() throws Exception
    {
        final String backend = objects().backend();
        final String namespace = objects().namespace();
        final String name = unique("pipe");
        try (PipeEnd a = objects().pipe(name, Pipe.End.A))
        {
            final CompletableFuture<Integer> echo = pool().applyAsync(count ->
            {
                try (SharedObjects objects = remote(backend, namespace);
                     PipeEnd b = objects.pipe(name, Pipe.End.B))
                {
                    for (int i = 0; i < count; i++)
                    {
                        final Note note = (Note)b.recv(LONG);
                        b.send(new Note(note.sequence(), note.text().toUpperCase()));
                    }
                    return count;
                }
            }, EXCHANGES);
            final List<Note> replies = new ArrayList<>();
            for (int i = 0; i < EXCHANGES; i++)
            {
                a.send(new Note(i, "note " + i));
                replies.add((Note)a.recv(LONG));
            }
            for (int i = 0; i < EXCHANGES; i++)
            {
                assertEquals(new Note(i, "NOTE " + i), replies.get(i));
            }
            assertEquals(EXCHANGES, echo.get(60, TimeUnit.SECONDS));
            assertThrows(PipeClosedException.class, () -> a.recv(LONG), "the other process closed its end");
        }
    }
}
