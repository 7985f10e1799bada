package io.mp4j.bench.jmh;

import io.mp4j.bench.MappedCounterFile;
import io.mp4j.ipc.Space;
import io.mp4j.ipc.values.SharedLong;
import org.agrona.concurrent.UnsafeBuffer;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process {@code getAndAdd(1)} on one long shared by all benchmark threads: mp4j's {@link SharedLong}, raw
 * Agrona {@code UnsafeBuffer.getAndAddLong} on a file mapped under /dev/shm, and {@link AtomicLong}, each with 1 and
 * 2 threads. Throughput is the sum over the threads. Region files and mapped files are deleted after each trial.
 *
 * <p>Run with mp4j's JVM flags on the host JVM (the forks inherit them):
 * {@code java $(java -cp benchmarks.jar io.mp4j.bench.PrintJvmFlags) -jar benchmarks.jar CounterBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CounterBenchmark
{
    /** The mp4j counter: one {@link SharedLong} region in a space of its own. */
    @State(Scope.Benchmark)
    public static class Mp4jCounter
    {
        Space space;
        SharedLong counter;

        /** Creates the space and the counter. */
        @Setup(Level.Trial)
        public void setUp()
        {
            space = Space.at(Path.of("/dev/shm", "mp4j-jmh-" + ProcessHandle.current().pid()));
            counter = space.sharedLong("counter");
        }

        /** Unmaps the counter and deletes the space. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            counter.close();
            space.destroy();
        }
    }

    /** The raw Agrona counter: a mapped file, no mp4j code. */
    @State(Scope.Benchmark)
    public static class AgronaCounter
    {
        MappedCounterFile file;
        UnsafeBuffer buffer;

        /** Creates and maps the file. */
        @Setup(Level.Trial)
        public void setUp()
        {
            file = MappedCounterFile.create(Path.of("/dev/shm",
                "mp4j-jmh-" + ProcessHandle.current().pid() + "-raw.counter"));
            buffer = file.buffer();
        }

        /** Unmaps and deletes the file. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            file.close();
        }
    }

    /** The in-heap peer. */
    @State(Scope.Benchmark)
    public static class HeapCounter
    {
        final AtomicLong counter = new AtomicLong();
    }

    /**
     * @param s the counter.
     * @return the value before.
     */
    @Benchmark
    @Threads(1)
    public long sharedLong_1thread(final Mp4jCounter s)
    {
        return s.counter.getAndAdd(1);
    }

    /**
     * @param s the counter.
     * @return the value before.
     */
    @Benchmark
    @Threads(2)
    public long sharedLong_2threads(final Mp4jCounter s)
    {
        return s.counter.getAndAdd(1);
    }

    /**
     * @param s the counter.
     * @return the value before.
     */
    @Benchmark
    @Threads(1)
    public long agrona_1thread(final AgronaCounter s)
    {
        return s.buffer.getAndAddLong(MappedCounterFile.COUNTER_OFFSET, 1);
    }

    /**
     * @param s the counter.
     * @return the value before.
     */
    @Benchmark
    @Threads(2)
    public long agrona_2threads(final AgronaCounter s)
    {
        return s.buffer.getAndAddLong(MappedCounterFile.COUNTER_OFFSET, 1);
    }

    /**
     * @param s the counter.
     * @return the value before.
     */
    @Benchmark
    @Threads(1)
    public long atomicLong_1thread(final HeapCounter s)
    {
        return s.counter.getAndAdd(1);
    }

    /**
     * @param s the counter.
     * @return the value before.
     */
    @Benchmark
    @Threads(2)
    public long atomicLong_2threads(final HeapCounter s)
    {
        return s.counter.getAndAdd(1);
    }
}
