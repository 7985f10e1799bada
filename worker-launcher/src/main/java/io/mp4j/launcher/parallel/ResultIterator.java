package io.mp4j.launcher.parallel;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Results of a {@link Parallel} call as they come (joblib's {@code return_as="generator"} and
 * {@code "generator_unordered"}): calls are read lazily, a bounded number ahead of the results consumed, so an
 * endless input works in bounded memory.
 *
 * <p>A failed task's {@link io.mp4j.launcher.TaskFailedException} (naming its index) is thrown by the
 * {@link #next()} that reaches it; iteration can go on. The iterator closes itself once it has given its last
 * result. Closing it early reads no more calls, waits for the tasks already dispatched when it owns its pool (a
 * call on a plain {@link Parallel}; at most the pre-dispatched ones) and drops their results; an iterator left
 * unclosed and unreachable is closed when garbage collected.
 *
 * <p>Threading: one consuming thread; {@link #close()} from that thread.
 *
 * @param <R> the result type.
 */
public interface ResultIterator<R> extends Iterator<R>, AutoCloseable
{
    /**
     * @return the remaining results as a sequential stream; closing the stream closes this iterator.
     */
    Stream<R> stream();

    /**
     * Reads no more calls and releases what the call holds: its pool if it owns one, its progress bar and shared
     * counters. Idempotent.
     */
    @Override
    void close();
}
