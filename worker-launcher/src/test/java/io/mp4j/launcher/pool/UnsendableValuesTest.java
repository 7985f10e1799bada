package io.mp4j.launcher.pool;

import io.mp4j.ipc.codec.CodecException;
import io.mp4j.ipc.testkit.NoLeaks;
import io.mp4j.launcher.Crashes;
import io.mp4j.launcher.RemoteException;
import io.mp4j.launcher.Task;
import io.mp4j.launcher.TaskFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values that cannot cross to or from a worker JVM: an exception that cannot be serialized comes back as
 * {@link RemoteException} text with its class name, message, stack trace and cause chain; a task that cannot be sent
 * fails in the caller with a {@link CodecException} naming the culprit class; an argument that cannot be sent fails
 * its own task only; a result or an exception that cannot be read here fails that task only, the exception
 * still arriving as text. One pool of one worker serves every test: none of them harms a worker.
 */
@NoLeaks
@Timeout(120)
class UnsendableValuesTest
{
    private static ProcessPool pool;

    @BeforeAll
    @Timeout(60)
    static void startPool()
    {
        pool = new ProcessPool(PoolOptions.defaults().withWorkers(1).withKeepAlive(Duration.ZERO));
    }

    @AfterAll
    @Timeout(60)
    static void stopPool()
    {
        if (pool != null)
        {
            pool.close();
        }
    }

    @Test
    void shouldMirrorAnExceptionThatCannotBeSerializedWithItsCauseChain()
    {
        final TaskFailedException error = assertThrows(TaskFailedException.class,
            () -> pool.apply(UnsendableValuesTest::throwUnsendable, 7));

        final RemoteException remote = assertInstanceOf(RemoteException.class, error.getCause());
        assertEquals(Unsendable.class.getName(), remote.remoteClassName());
        assertTrue(remote.getMessage().contains("cannot go back as itself: input=7"), remote.getMessage());
        assertTrue(Arrays.stream(remote.getStackTrace()).anyMatch(
            f -> f.getClassName().equals(UnsendableValuesTest.class.getName()) &&
                f.getMethodName().equals("throwUnsendable")),
            () -> "the stack trace it had in the worker: " + Arrays.toString(remote.getStackTrace()));

        final RemoteException cause = assertInstanceOf(RemoteException.class, remote.getCause(),
            "the cause chain is kept");
        assertEquals(IllegalArgumentException.class.getName(), cause.remoteClassName());
        assertTrue(cause.getMessage().contains("the root cause"), cause.getMessage());
        assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(f -> f.getMethodName().equals("rootCause")),
            () -> Arrays.toString(cause.getStackTrace()));
        assertNull(cause.getCause());

        assertEquals(8, (int)pool.apply((Integer x) -> x + 1, 7), "the worker goes on");
    }

    @Test
    void shouldFailInTheCallerWhenTheTaskCannotBeSent()
    {
        final NotSendable captured = new NotSendable();
        final Task<Integer, Integer> task = x -> x + captured.offset;

        final CodecException error = assertThrows(CodecException.class, () -> pool.map(task, List.of(1, 2, 3)));

        assertTrue(error.getMessage().contains(NotSendable.class.getName()),
            () -> "names the class that cannot be sent: " + error.getMessage());
        assertTrue(error.getMessage().contains("task"), error.getMessage());
        assertEquals(List.of(2, 3, 4), pool.map((Integer x) -> x + 1, List.of(1, 2, 3)), "the pool goes on");
    }

    @Test
    void shouldFailOnlyTheTaskWhoseArgumentCannotBeSent()
    {
        final List<Object> inputs = new ArrayList<>(List.of(1, 2, 3, 4, 5));
        inputs.set(2, new NotSendable());
        final Task<Object, Integer> tenfold = x -> 10 * (Integer)x;

        final TaskFailedException error = assertThrows(TaskFailedException.class, () -> pool.map(tenfold, inputs, 1));
        assertEquals(2, error.index());
        assertNull(error.worker(), "it never reached a worker");
        assertEquals(0, error.getSuppressed().length, () -> Arrays.toString(error.getSuppressed()));
        final CodecException cause = Crashes.findCause(error, CodecException.class);
        assertNotNull(cause, error::toString);
        assertTrue(cause.getMessage().contains(NotSendable.class.getName()), cause.getMessage());

        final Iterator<Integer> results = pool.imap(tenfold, inputs);
        assertEquals(10, results.next());
        assertEquals(20, results.next());
        final TaskFailedException lazy = assertThrows(TaskFailedException.class, results::next);
        assertEquals(2, lazy.index());
        assertEquals(40, results.next());
        assertEquals(50, results.next());
        assertTrue(!results.hasNext());
    }

    @Test
    void shouldFailOnlyTheTaskWhoseResultCannotBeReadHere()
    {
        final Task<Integer, Object> task = x -> x == 2 ? new UnreadableResult() : x;

        final TaskFailedException error = assertThrows(TaskFailedException.class,
            () -> pool.map(task, List.of(0, 1, 2, 3), 1));

        assertEquals(2, error.index());
        assertEquals(0, error.getSuppressed().length, () -> Arrays.toString(error.getSuppressed()));
        assertTrue(error.getMessage().contains("could not be decoded"), error.getMessage());
        assertNotNull(Crashes.findCause(error, CodecException.class), error::toString);
        assertEquals(List.of(0, 1, 3), pool.map(task, List.of(0, 1, 3)), "the pool goes on");
    }

    @Test
    void shouldMirrorAnExceptionThatCannotBeReadHere()
    {
        final TaskFailedException error = assertThrows(TaskFailedException.class,
            () -> pool.apply((Integer x) ->
            {
                throw new UnreadableException("unreadable on purpose: input=" + x);
            }, 5));

        final RemoteException remote = assertInstanceOf(RemoteException.class, error.getCause());
        assertEquals(UnreadableException.class.getName(), remote.remoteClassName());
        assertTrue(remote.getMessage().contains("unreadable on purpose: input=5"), remote.getMessage());
        assertTrue(remote.getStackTrace().length > 0, "its stack trace as text");
        assertEquals(1, remote.getSuppressed().length, "why it could not be read: " +
            Arrays.toString(remote.getSuppressed()));
    }

    private static int throwUnsendable(final int input)
    {
        throw new Unsendable("cannot go back as itself: input=" + input, rootCause());
    }

    private static IllegalArgumentException rootCause()
    {
        return new IllegalArgumentException("the root cause");
    }

    /**
     * Not serializable: a task capturing it, or an argument of this class, cannot be sent.
     */
    static final class NotSendable
    {
        final int offset = 1;
    }

    /**
     * A result that refuses to be deserialized: the worker sends it, the parent cannot read it.
     */
    static final class UnreadableResult implements Serializable
    {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private void readObject(final ObjectInputStream in) throws IOException
        {
            throw new InvalidObjectException("an UnreadableResult is never read");
        }
    }

    /**
     * An exception that refuses to be deserialized: the worker sends it as itself, the parent cannot read it.
     */
    static final class UnreadableException extends RuntimeException
    {
        @Serial
        private static final long serialVersionUID = 1L;

        UnreadableException(final String message)
        {
            super(message);
        }

        @Serial
        private void readObject(final ObjectInputStream in) throws IOException
        {
            throw new InvalidObjectException("an UnreadableException is never read");
        }
    }

    /**
     * An exception that cannot be serialized: it holds a field that is not.
     */
    static final class Unsendable extends RuntimeException
    {
        @Serial
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial")
        private final NotSendable state = new NotSendable();

        Unsendable(final String message, final Throwable cause)
        {
            super(message, cause);
        }

        @Override
        public String toString()
        {
            return super.toString() + " (state " + state.offset + ")";
        }
    }
}
