package io.mp4j.launcher.pool;

import io.mp4j.launcher.TaskFailedException;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A call whose results come back as one list once every task has ended: map, starmap, apply, submit. Failures wait
 * for the rest too; the one of the lowest position is thrown, the others (up to {@link #MAX_SUPPRESSED}) are
 * attached to it as suppressed.
 *
 * <p>Threading: thread-safe.
 */
final class ListCall extends Call
{
    static final int MAX_SUPPRESSED = 16;

    private final Object[] results;
    private int remaining;
    private TaskFailedException first;
    private final List<TaskFailedException> others = new java.util.ArrayList<>();
    private final CompletableFuture<List<Object>> future = new CompletableFuture<>();

    ListCall(final Object function, final int arity, final int tasks)
    {
        super(function, arity);
        this.results = new Object[tasks];
        this.remaining = tasks;
        if (tasks == 0)
        {
            future.complete(List.of());
        }
    }

    CompletableFuture<List<Object>> future()
    {
        return future;
    }

    @Override
    void succeeded(final long position, final Object value)
    {
        final boolean done;
        synchronized (this)
        {
            results[(int)position] = value;
            done = --remaining == 0;
        }
        if (done)
        {
            finish();
        }
    }

    @Override
    void failed(final long position, final TaskFailedException error)
    {
        final boolean done;
        synchronized (this)
        {
            if (first == null || error.index() < first.index())
            {
                if (first != null)
                {
                    others.add(first);
                }
                first = error;
            }
            else
            {
                others.add(error);
            }
            done = --remaining == 0;
        }
        if (done)
        {
            finish();
        }
    }

    private void finish()
    {
        if (first == null)
        {
            future.complete(Collections.unmodifiableList(Arrays.asList(results)));
            return;
        }
        others.sort((a, b) -> Long.compare(a.index(), b.index()));
        for (int i = 0; i < Math.min(MAX_SUPPRESSED, others.size()); i++)
        {
            first.addSuppressed(others.get(i));
        }
        future.completeExceptionally(first);
    }
}
