package io.mp4j.launcher.parallel;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.counters.Counter;
import io.mp4j.ipc.counters.Counters;
import io.mp4j.launcher.process.WorkerJvm;

import java.util.Locale;

/**
 * A {@link Parallel} call's progress in shared memory, for other processes to watch live: four labelled counters in
 * the launcher's space ({@code launcher-<pid>}, the space of this JVM's worker pipes, {@link WorkerJvm#space()}),
 * registry {@value Space#DEFAULT_COUNTERS_NAME} ({@link Space#counters()}), allocated when the call starts and freed
 * when it ends. Labels are {@code <name>-<call> <field>}: the {@link Parallel#name(String) name} ({@value
 * #DEFAULT_NAME} unless set), a call number unique in this JVM, and the field:
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>value</th><th>writer, ordering</th></tr>
 *   <tr><td>{@value #DISPATCHED}</td><td>calls read from the input and dispatched</td>
 *       <td>the thread reading the calls, release store</td></tr>
 *   <tr><td>{@value #DONE}</td><td>tasks ended, failed ones included</td>
 *       <td>the thread reporting each outcome, atomic add</td></tr>
 *   <tr><td>{@value #FAILED}</td><td>tasks of {@code done} that failed</td>
 *       <td>the thread reporting each outcome, atomic add</td></tr>
 *   <tr><td>{@value #TOTAL}</td><td>the number of calls, or -1 until the input has ended</td>
 *       <td>the thread reading the calls, release store</td></tr>
 * </table>
 *
 * <p>Every counter has type id {@link #TYPE_ID}. A reader loads each with a volatile read ({@link Counter#get()});
 * the four are not one snapshot: {@code done} may pass the {@code dispatched} value it read an instant before. If the
 * registry cannot be had (full, or no shared memory) the call runs without counters.
 *
 * <p>Threading: instances belong to one call (made and freed by it); the static members are thread-safe.
 */
public final class ParallelCounters implements AutoCloseable
{
    /** Type id of the counters of {@link Parallel} calls. */
    public static final int TYPE_ID = 7001;
    /** Label field: calls dispatched. */
    public static final String DISPATCHED = "dispatched";
    /** Label field: tasks ended. */
    public static final String DONE = "done";
    /** Label field: tasks failed. */
    public static final String FAILED = "failed";
    /** Label field: the number of calls, -1 while unknown. */
    public static final String TOTAL = "total";
    /** Name in the labels of a {@link Parallel} not given one. */
    public static final String DEFAULT_NAME = "parallel";

    private final Counter dispatched;
    private final Counter done;
    private final Counter failed;
    private final Counter total;

    private ParallelCounters(final Counter dispatched, final Counter done, final Counter failed, final Counter total)
    {
        this.dispatched = dispatched;
        this.done = done;
        this.failed = failed;
        this.total = total;
    }

    /**
     * @param name   the call's name.
     * @param call   its number.
     * @param field  one of the fields.
     * @return the label of that counter.
     */
    public static String label(final String name, final long call, final String field)
    {
        return name + "-" + call + " " + field;
    }

    /**
     * Allocates a call's counters.
     *
     * @param name  the call's name.
     * @param call  its number.
     * @param calls the number of calls, or -1 if unknown.
     * @return the counters, or null if the registry cannot be had.
     */
    static ParallelCounters allocate(final String name, final long call, final long calls)
    {
        final Counters counters;
        try
        {
            counters = WorkerJvm.counters();
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
        Counter dispatched = null;
        Counter done = null;
        Counter failed = null;
        Counter total = null;
        try
        {
            dispatched = counters.allocate(label(name, call, DISPATCHED), TYPE_ID);
            done = counters.allocate(label(name, call, DONE), TYPE_ID);
            failed = counters.allocate(label(name, call, FAILED), TYPE_ID);
            total = counters.allocate(label(name, call, TOTAL), TYPE_ID);
            total.set(calls);
            return new ParallelCounters(dispatched, done, failed, total);
        }
        catch (final RuntimeException ex)
        {
            for (final Counter c : new Counter[] {dispatched, done, failed, total})
            {
                if (c != null)
                {
                    c.close();
                }
            }
            return null;
        }
    }

    /**
     * @param name a call's name.
     * @return it, checked: letters, digits, '.', '_' and '-', 1 to 64 of them.
     * @throws IllegalArgumentException if it is not.
     */
    static String checkName(final String name)
    {
        if (name == null || name.isEmpty() || name.length() > 64 || !name.toLowerCase(Locale.ROOT).matches(
            "[a-z0-9._-]+"))
        {
            throw new IllegalArgumentException("name must be 1 to 64 letters, digits, '.', '_' or '-': name=" + name);
        }
        return name;
    }

    void dispatched(final long calls)
    {
        dispatched.set(calls);
    }

    void ended(final boolean failure)
    {
        done.increment();
        if (failure)
        {
            failed.increment();
        }
    }

    void total(final long calls)
    {
        total.set(calls);
    }

    /**
     * Frees the four counters: readers no longer list them. Threading: the call's thread.
     */
    @Override
    public void close()
    {
        dispatched.close();
        done.close();
        failed.close();
        total.close();
    }
}
