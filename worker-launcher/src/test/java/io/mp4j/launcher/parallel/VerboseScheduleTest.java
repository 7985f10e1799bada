package io.mp4j.launcher.parallel;

import io.mp4j.launcher.StopWarmWorkers;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verbose schedule and line format against joblib 1.2 itself. Every expected list was printed by joblib's own
 * code (Debian's python3-joblib 1.2.0, {@code /usr/lib/python3/dist-packages/joblib/parallel.py}):
 *
 * <pre>
 * from joblib.parallel import _verbosity_filter, Parallel
 * [i for i in range(0, 2001) if not _verbosity_filter(i, v)]
 *
 * class Fake: pass        # print_progress called on an object holding its state, once the input is exhausted
 * f.verbose = v; f._start_time = time.time(); f._original_iterator = None
 * f.n_completed_tasks = i; f.n_dispatched_tasks = total; f._pre_dispatch_amount = pd
 * f._print = lambda msg, args: printed.append(i)
 * Parallel.print_progress(f)                  # for i in 1..total
 * </pre>
 */
@ExtendWith(StopWarmWorkers.class)
class VerboseScheduleTest
{
    private static List<Long> whileReading(final int verbose, final long upTo)
    {
        return LongStream.rangeClosed(0, upTo).filter(i -> VerboseSchedule.reportsWhileReading(i, verbose))
            .boxed().toList();
    }

    private static List<Long> onceRead(final long total, final long preDispatch, final int verbose)
    {
        final List<Long> printed = new ArrayList<>();
        for (long done = 1; done <= total; done++)
        {
            if (VerboseSchedule.reportsOnceRead(done, total, verbose, preDispatch))
            {
                printed.add(done);
            }
        }
        return printed;
    }

    @Test
    void shouldReportWhileReadingAtJoblibsVerbosityFilterIndexes()
    {
        assertEquals(List.of(0L, 49L, 199L, 449L, 799L, 1249L, 1799L), whileReading(1, 2000));
        assertEquals(List.of(0L, 40L, 161L, 364L, 647L, 1012L, 1457L, 1984L), whileReading(2, 2000));
        assertEquals(List.of(0L, 17L, 71L, 161L, 287L, 449L, 647L, 881L, 1151L, 1457L, 1799L), whileReading(5, 2000));
        assertEquals(List.of(0L, 1L, 7L, 17L, 31L, 49L, 71L, 97L, 127L, 161L, 199L, 241L, 287L, 337L, 391L, 449L,
            511L, 577L, 647L, 721L, 799L, 881L, 967L, 1057L, 1151L, 1249L, 1351L, 1457L, 1567L, 1681L, 1799L, 1921L),
            whileReading(9, 2000));
        assertEquals(List.of(0L, 1L, 4L, 7L, 12L, 17L, 24L, 31L, 40L, 49L, 60L, 71L, 84L, 97L, 112L, 127L, 144L,
            161L, 180L, 199L, 220L, 241L, 264L, 287L, 312L, 337L, 364L, 391L, 420L, 449L, 480L, 511L, 544L, 577L,
            612L, 647L, 684L, 721L, 760L, 799L), whileReading(10, 800));
        assertEquals(LongStream.rangeClosed(0, 100).boxed().toList(), whileReading(11, 100));
        assertEquals(LongStream.rangeClosed(0, 100).boxed().toList(), whileReading(50, 100));
        assertEquals(List.of(), whileReading(0, 100));
    }

    @Test
    void shouldReportOnceReadAtJoblibsPrintProgressIndexes()
    {
        assertEquals(List.of(), onceRead(7, 8, 1));
        assertEquals(List.of(2L, 4L), onceRead(7, 8, 5));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 7L), onceRead(7, 8, 10));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 7L), onceRead(7, 8, 11));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 7L), onceRead(7, 8, 50));
        assertEquals(List.of(2L, 4L), onceRead(7, 0, 5));
        assertEquals(List.of(93L), onceRead(100, 8, 1));
        assertEquals(List.of(42L, 93L), onceRead(100, 8, 2));
        assertEquals(List.of(9L, 30L, 51L, 72L, 93L), onceRead(100, 8, 5));
        assertEquals(List.of(9L, 21L, 33L, 45L, 57L, 69L, 81L, 93L), onceRead(100, 8, 9));
        assertEquals(List.of(5L, 16L, 27L, 38L, 49L, 60L, 71L, 82L, 93L), onceRead(100, 8, 10));
        assertEquals(List.of(17L, 38L, 59L, 80L), onceRead(100, 0, 5));
        assertEquals(List.of(29L, 63L, 97L), onceRead(100, 4, 3));
        assertEquals(List.of(181L, 382L, 583L, 784L, 985L), onceRead(1000, 16, 5));
        assertEquals(List.of(985L), onceRead(1000, 16, 1));
        assertEquals(List.of(2L, 5L, 8L, 11L, 14L, 17L, 20L), onceRead(20, 4, 7));
        assertEquals(List.of(1L), onceRead(1, 8, 10));
        assertEquals(List.of(2L), onceRead(2, 8, 10));
        assertEquals(List.of(1L, 3L), onceRead(3, 0, 100));
        assertEquals(List.of(), onceRead(100, 8, 0));
    }

    @Test
    void shouldFormatTimesAsJoblibsShortFormatTime()
    {
        // Python: repr(short_format_time(t)) for t in (0.04, 0.05, 0.15, 0.25, 1.0, 59.96, 60.0, 61.0, 754.2, 6000)
        assertEquals("   0.0s", VerboseLines.shortFormatTime(0.04));
        assertEquals("   0.1s", VerboseLines.shortFormatTime(0.05));
        assertEquals("   0.1s", VerboseLines.shortFormatTime(0.15));
        assertEquals("   0.2s", VerboseLines.shortFormatTime(0.25));
        assertEquals("   1.0s", VerboseLines.shortFormatTime(1.0));
        assertEquals("  60.0s", VerboseLines.shortFormatTime(59.96));
        assertEquals("  60.0s", VerboseLines.shortFormatTime(60.0));
        assertEquals(" 1.0min", VerboseLines.shortFormatTime(61.0));
        assertEquals("12.6min", VerboseLines.shortFormatTime(754.2));
        assertEquals("100.0min", VerboseLines.shortFormatTime(6000));
    }

    @Test
    void shouldWriteLinesInJoblibsFormat()
    {
        final String prefix = VerboseLines.prefix(new Parallel(4));
        assertEquals("[Parallel(nJobs=4)]: ", prefix);
        assertEquals("[Parallel(nJobs=4)]: Done   7 out of   7 | elapsed:    0.1s finished",
            VerboseLines.finished(prefix, 7, 0.1));
        assertEquals("[Parallel(nJobs=4)]: Done   2 out of   7 | elapsed:    0.6s remaining:    1.5s",
            VerboseLines.doneOutOf(prefix, 2, 7, 0.6));
        assertEquals("[Parallel(nJobs=4)]: Done  74 tasks      | elapsed:    0.8s",
            VerboseLines.doneTasks(prefix, 74, 0.8));
        assertEquals("[Parallel(nJobs=4)]: Done 1000 out of 1000 | elapsed:  2.0min finished",
            VerboseLines.finished(prefix, 1000, 120.5));
        assertEquals("[Parallel(nJobs=4)]: Using backend processes with 4 worker JVMs.",
            VerboseLines.usingBackend(prefix, Backend.PROCESSES, 4));
        assertEquals("[Parallel(nJobs=-1)]: Using backend threads with 2 threads.",
            VerboseLines.usingBackend(VerboseLines.prefix(new Parallel(-1)), Backend.THREADS, 2));
        assertTrue(VerboseLines.usingBackend(prefix, Backend.SEQUENTIAL, 1).endsWith("sequential in the calling " +
            "thread."));
    }
}
