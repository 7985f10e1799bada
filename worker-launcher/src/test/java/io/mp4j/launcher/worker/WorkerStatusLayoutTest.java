package io.mp4j.launcher.worker;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.region.Region;
import io.mp4j.ipc.region.RegionFiles;
import io.mp4j.ipc.region.RegionKind;
import io.mp4j.ipc.values.SharedLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the status array's indexes and the task word's bits to literals, as docs/LAUNCHER.md section 4 gives them,
 * and reads them back as another process does.
 */
class WorkerStatusLayoutTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPinIndexesAndWordBits()
    {
        assertEquals(8, WorkerStatus.LENGTH);
        assertEquals(0, WorkerStatus.TASK_WORD);
        assertEquals(1, WorkerStatus.TASK_START);
        assertEquals(2, WorkerStatus.TASKS_DONE);
        assertEquals(3, WorkerStatus.PID);
        assertEquals(4, WorkerStatus.HEARTBEAT);
        assertEquals(5, WorkerStatus.POOL);
        assertEquals(50, WorkerStatus.HEARTBEAT_INTERVAL_MS);
        assertEquals(0, WorkerStatus.IDLE);
        assertEquals(1, WorkerStatus.DECODE);
        assertEquals(2, WorkerStatus.RUN);
        assertEquals(3, WorkerStatus.ENCODE);
        assertEquals(0b10111, WorkerStatus.word(5, WorkerStatus.ENCODE));
        assertEquals((5L << 2) | 3, WorkerStatus.word(5, WorkerStatus.ENCODE));
        assertEquals(5, WorkerStatus.seqOf(WorkerStatus.word(5, WorkerStatus.RUN)));
        assertEquals(WorkerStatus.RUN, WorkerStatus.phaseOf(WorkerStatus.word(5, WorkerStatus.RUN)));
    }

    @Test
    void shouldTrustStartOnlyWhileTheTaskIsTheSame()
    {
        try (SharedLongArray array = Space.at(dir).sharedLongArray("s", WorkerStatus.LENGTH))
        {
            final WorkerStatus status = new WorkerStatus(array);
            status.begin(7, 1234);
            assertEquals(WorkerStatus.word(7, WorkerStatus.DECODE), array.get(0));
            assertEquals(1234, array.get(1));
            final long word = status.taskWord();
            status.phase(7, WorkerStatus.RUN);
            assertEquals(1234, status.startOf(word), "same task, later phase");
            status.end(7);
            assertEquals(1, array.get(2));
            status.begin(8, 5678);
            assertEquals(WorkerStatus.MOVED_ON, status.startOf(word));
        }
    }

    @Test
    void shouldReadEveryIndexFromAnotherMappingAsStatDoes()
    {
        try (SharedLongArray array = Space.at(dir).sharedLongArray("s", WorkerStatus.LENGTH))
        {
            final WorkerStatus status = new WorkerStatus(array);
            status.pid(4711);
            status.pool(3);
            status.heartbeat(1_700_000_000_123L);
            status.begin(9, 777);
            status.phase(9, WorkerStatus.RUN);
            assertEquals(4711, array.get(3));
            assertEquals(1_700_000_000_123L, array.get(4));
            assertEquals(3, array.get(5));
            assertEquals(0, array.get(6));
            assertEquals(0, array.get(7));
            try (Region view = RegionFiles.attachReadOnly(array.file(), RegionKind.LONG_ARRAY))
            {
                final WorkerStatus.Reading reading = WorkerStatus.read(view.body());
                assertEquals(new WorkerStatus.Reading(WorkerStatus.word(9, WorkerStatus.RUN), 777, 0, 4711,
                    1_700_000_000_123L, 3), reading);
                assertEquals(WorkerStatus.RUN, reading.phase());
                assertEquals(9, reading.seq());
            }
            catch (final NoSuchFileException ex)
            {
                throw new AssertionError(ex);
            }
            assertEquals(4711, status.pid());
            assertEquals(3, status.poolId());
            assertEquals(1_700_000_000_123L, status.heartbeatMs());
        }
    }
}
