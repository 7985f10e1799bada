package io.mp4j.bench.jmh;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.sync.SharedLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * In-process acquire and release of one lock shared by the benchmark threads, with a plain increment inside: mp4j's
 * {@link SharedLock} (a region under /dev/shm), {@link ReentrantLock} and {@code synchronized}, with 1 thread
 * (uncontended: the cost of acquire plus release) and 2 threads (contended hand-over). The cross-JVM contended figure
 * is {@code CounterContention --kinds SharedLock+plain}.
 *
 * <p>Run through {@link CounterJmh} with {@code --benchmark lock}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LockBenchmark
{
    /** The mp4j lock, in a space of its own. */
    @State(Scope.Benchmark)
    public static class Mp4jLock
    {
        Space space;
        SharedLock lock;
        long counter;

        /** Creates the space and the lock. */
        @Setup(Level.Trial)
        public void setUp()
        {
            space = Space.at(Path.of("/dev/shm", "mp4j-jmh-lock-" + ProcessHandle.current().pid()));
            lock = space.lock("lock");
        }

        /** Unmaps the lock and deletes the space. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            lock.close();
            space.destroy();
        }
    }

    /** The in-heap peers. */
    @State(Scope.Benchmark)
    public static class HeapLocks
    {
        final ReentrantLock lock = new ReentrantLock();
        final Object monitor = new Object();
        long counter;
    }

    /**
     * @param s the lock.
     * @return the count.
     */
    @Benchmark
    @Threads(1)
    public long sharedLock_1thread(final Mp4jLock s)
    {
        return underSharedLock(s);
    }

    /**
     * @param s the lock.
     * @return the count.
     */
    @Benchmark
    @Threads(2)
    public long sharedLock_2threads(final Mp4jLock s)
    {
        return underSharedLock(s);
    }

    /**
     * @param s the lock.
     * @return the count.
     */
    @Benchmark
    @Threads(1)
    public long reentrantLock_1thread(final HeapLocks s)
    {
        return underReentrantLock(s);
    }

    /**
     * @param s the lock.
     * @return the count.
     */
    @Benchmark
    @Threads(2)
    public long reentrantLock_2threads(final HeapLocks s)
    {
        return underReentrantLock(s);
    }

    /**
     * @param s the monitor.
     * @return the count.
     */
    @Benchmark
    @Threads(1)
    public long synchronized_1thread(final HeapLocks s)
    {
        return underMonitor(s);
    }

    /**
     * @param s the monitor.
     * @return the count.
     */
    @Benchmark
    @Threads(2)
    public long synchronized_2threads(final HeapLocks s)
    {
        return underMonitor(s);
    }

    private static long underSharedLock(final Mp4jLock s)
    {
        s.lock.acquire();
        try
        {
            return ++s.counter;
        }
        finally
        {
            s.lock.release();
        }
    }

    private static long underReentrantLock(final HeapLocks s)
    {
        s.lock.lock();
        try
        {
            return ++s.counter;
        }
        finally
        {
            s.lock.unlock();
        }
    }

    private static long underMonitor(final HeapLocks s)
    {
        synchronized (s.monitor)
        {
            return ++s.counter;
        }
    }
}
