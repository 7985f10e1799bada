package io.mp4j.ipc.chronicle;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.collections.LockTable;
import io.mp4j.ipc.collections.SharedList;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;

import static io.mp4j.ipc.chronicle.ChronicleSharedMap.LIST_LOCK;
import static io.mp4j.ipc.chronicle.ChronicleSharedMap.WORD_LIST_SIZE;

/**
 * {@link SharedList} over a {@link ChronicleSharedMap} from index to element. The length is a word of the map's lock
 * table; appends, pops and clears hold the table's list lock. An append stores the element first and publishes the
 * length after it (release store), so a process killed between the two leaves the list as it was, and the element
 * beyond the end is overwritten by the next append.
 *
 * <p>Threading: any thread. Ordering: see {@link SharedList}.
 *
 * @param <E> the type of elements.
 */
final class ChronicleSharedList<E> extends AbstractList<E> implements SharedList<E>, RandomAccess
{
    private final ChronicleSharedMap<Long, E> map;
    private final LockTable locks;
    private final long lockTimeoutNs;

    ChronicleSharedList(final ChronicleSharedMap<Long, E> map)
    {
        this.map = map;
        this.locks = map.locks();
        this.lockTimeoutNs = map.options().lockTimeout().toNanos();
    }

    @Override
    public String name()
    {
        return map.name();
    }

    @Override
    public Path file()
    {
        return map.file();
    }

    @Override
    public int size()
    {
        return (int)Math.min(Integer.MAX_VALUE, locks.getWordVolatile(WORD_LIST_SIZE));
    }

    @Override
    public E get(final int index)
    {
        checkIndex(index, size());
        return map.get((long)index);
    }

    @Override
    public E set(final int index, final E element)
    {
        checkIndex(index, size());
        return map.put((long)index, element);
    }

    @Override
    public boolean add(final E element)
    {
        lockList();
        try
        {
            final long size = locks.getWordVolatile(WORD_LIST_SIZE);
            map.set(size, element);
            // release: the element is stored before a reader can see the length that counts it
            locks.putWordRelease(WORD_LIST_SIZE, size + 1);
        }
        finally
        {
            locks.release(LIST_LOCK);
        }
        modCount++;
        return true;
    }

    @Override
    public boolean addAll(final Collection<? extends E> elements)
    {
        Objects.requireNonNull(elements, "elements");
        if (elements.isEmpty())
        {
            return false;
        }
        lockList();
        try
        {
            long size = locks.getWordVolatile(WORD_LIST_SIZE);
            for (final E element : elements)
            {
                map.set(size, element);
                locks.putWordRelease(WORD_LIST_SIZE, ++size);
            }
        }
        finally
        {
            locks.release(LIST_LOCK);
        }
        modCount++;
        return true;
    }

    @Override
    public void add(final int index, final E element)
    {
        if (index != size())
        {
            throw new UnsupportedOperationException("a shared list inserts at its end only (index=" + index +
                " size=" + size() + "): inserting elsewhere would rewrite every element after it");
        }
        add(element);
    }

    @Override
    public E remove(final int index)
    {
        lockList();
        try
        {
            final long size = locks.getWordVolatile(WORD_LIST_SIZE);
            checkIndex(index, size);
            if (index != size - 1)
            {
                throw new UnsupportedOperationException("a shared list removes its last element only (index=" +
                    index + " size=" + size + "): removing elsewhere would rewrite every element after it");
            }
            final E element = map.get(size - 1);
            locks.putWordRelease(WORD_LIST_SIZE, size - 1);
            map.delete(size - 1);
            modCount++;
            return element;
        }
        finally
        {
            locks.release(LIST_LOCK);
        }
    }

    @Override
    public E pop()
    {
        lockList();
        try
        {
            final long size = locks.getWordVolatile(WORD_LIST_SIZE);
            if (size == 0)
            {
                throw new IndexOutOfBoundsException("pop from empty list " + name());
            }
            final E element = map.get(size - 1);
            locks.putWordRelease(WORD_LIST_SIZE, size - 1);
            map.delete(size - 1);
            modCount++;
            return element;
        }
        finally
        {
            locks.release(LIST_LOCK);
        }
    }

    @Override
    public void clear()
    {
        lockList();
        try
        {
            locks.putWordRelease(WORD_LIST_SIZE, 0);
            map.clear();
            modCount++;
        }
        finally
        {
            locks.release(LIST_LOCK);
        }
    }

    @Override
    protected void removeRange(final int fromIndex, final int toIndex)
    {
        if (fromIndex == 0 && toIndex == size())
        {
            clear();
            return;
        }
        for (int index = toIndex - 1; index >= fromIndex; index--)
        {
            remove(index);
        }
    }

    /**
     * Weakly consistent: reads the length once, then each element; never throws
     * {@link java.util.ConcurrentModificationException}.
     */
    @Override
    public Iterator<E> iterator()
    {
        final int size = size();
        return new Iterator<>()
        {
            private int next;

            @Override
            public boolean hasNext()
            {
                return next < size;
            }

            @Override
            public E next()
            {
                if (next >= size)
                {
                    throw new NoSuchElementException();
                }
                return map.get((long)next++);
            }
        };
    }

    @Override
    public boolean isClosed()
    {
        return map.isClosed();
    }

    @Override
    public void close()
    {
        map.close();
    }

    @Override
    public void unlink()
    {
        map.unlink();
    }

    @Override
    public String toString()
    {
        return "SharedList{" + map.file() + "}";
    }

    private void lockList()
    {
        final int result;
        try
        {
            result = locks.acquire(LIST_LOCK, lockTimeoutNs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new Mp4jException("interrupted waiting for the lock of list " + map.file(), ex);
        }
        if (result == LockTable.TIMED_OUT)
        {
            throw new Mp4jException("the lock of list " + map.file() + " is still held by pid " +
                locks.ownerPid(LIST_LOCK) + " (alive) after " + map.options().lockTimeout().toMillis() + " ms");
        }
    }

    private static void checkIndex(final long index, final long size)
    {
        if (index < 0 || index >= size)
        {
            throw new IndexOutOfBoundsException("index=" + index + " size=" + size);
        }
    }
}
