package io.mp4j.launcher.inspect;

import java.nio.file.Path;
import java.util.List;

/**
 * What one space held when read ({@link SpaceReader}): each kind of row by region name, and the problems met.
 *
 * @param directory the space's directory.
 * @param exists    false if the directory was gone.
 * @param readAtNs  {@code System.nanoTime()} when read, for rates.
 * @param counters  allocated counters of every registry.
 * @param queues    queues.
 * @param pipes     pipes.
 * @param values    shared values.
 * @param workers   worker JVMs (launcher spaces).
 * @param others    other regions.
 * @param problems  files that could not be read, and why.
 */
public record SpaceReading(Path directory, boolean exists, long readAtNs, List<CounterRow> counters,
    List<QueueRow> queues, List<PipeRow> pipes, List<ValueRow> values, List<WorkerRow> workers, List<OtherRow> others,
    List<Problem> problems)
{
    /**
     * @return the space's name.
     */
    public String name()
    {
        return directory.getFileName().toString();
    }
}
