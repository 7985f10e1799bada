package io.mp4j.ipc.collections;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.Codecs;

import java.nio.file.Path;
import java.util.List;

/**
 * A list shared by every JVM that opens it by name: Python's {@code Manager().list()} with no server process.
 * Elements are entries of a {@link SharedMap} keyed by index; the length is a word of the map's lock table.
 *
 * <p>Supported: {@link #add} (append), {@link #addAll} (extend), {@link #get}, {@link #set}, {@link #size},
 * iteration, {@link #pop()}, {@link #remove(int)} of the last element and {@link #clear()}. Inserting or removing
 * elsewhere than at the end throws {@link UnsupportedOperationException}: it would rewrite every element after it,
 * and a process killed in the middle would leave an element twice.
 *
 * <p>Appends, pops and clears take the list's lock (a robust lock: a holder that dies frees it within 50 ms); an
 * append stores the element, then publishes the new length with a release store, so a process killed in the middle
 * of an append leaves the list as it was. {@code get} and {@code set} check the index against the length (volatile
 * load) and then act on one element, atomically. Iteration is weakly consistent: it reads the length once, then
 * each element.
 *
 * <p>Threading: any thread of any process. Ordering: an element appended happens-before a {@link #size} that counts
 * it.
 *
 * @param <E> the type of elements.
 */
public interface SharedList<E> extends List<E>, AutoCloseable
{
    /**
     * Creates the list if missing, else attaches to it.
     *
     * @param space    the space.
     * @param name     the list's name.
     * @param options  the shape of the map under it, if this call creates it; entries are elements.
     * @param elements how elements become bytes.
     * @param <E>      the type of elements.
     * @return the list; the caller closes it.
     */
    static <E> SharedList<E> open(
        final Space space, final String name, final SharedMapOptions options, final Codec<E> elements)
    {
        return io.mp4j.ipc.chronicle.Chronicles.openList(space, name, options, elements);
    }

    /**
     * Opens a list of any elements with {@link Codecs#objects()} and default options.
     *
     * @param space the space.
     * @param name  the list's name.
     * @return the list; the caller closes it.
     */
    static SharedList<Object> open(final Space space, final String name)
    {
        return open(space, name, SharedMapOptions.defaults(), Codecs.objects());
    }

    /** @return the list's name in its space. */
    String name();

    /** @return the Chronicle Map file that holds the elements. */
    Path file();

    /**
     * Removes and returns the last element (Python's {@code pop()}).
     *
     * @return the element removed.
     * @throws IndexOutOfBoundsException if the list is empty.
     */
    E pop();

    /** @return true once closed in this process. */
    boolean isClosed();

    /** Closes the list in this process; its files stay. Idempotent. */
    @Override
    void close();

    /** Closes the list and deletes its files. Idempotent. */
    void unlink();
}
