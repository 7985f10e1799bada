package io.mp4j.launcher.pool;

import io.mp4j.launcher.worker.Frames;
import io.mp4j.launcher.worker.FrameWriter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Idle workers of closed process pools, kept for a while for the next pool with the same settings (loky's reusable
 * executor): such a pool starts without starting a JVM. A worker is reused only by a pool whose key (worker spec and
 * initializer) equals its old pool's; one not taken within its keep-alive is stopped and its files removed.
 *
 * <p>Threading: thread-safe; one daemon thread stops expired workers.
 */
final class WarmWorkers
{
    private static final Map<Object, ArrayDeque<Idle>> IDLE = new HashMap<>();
    private static Thread reaper;

    private record Idle(Link link, long expiresAtNs)
    {
    }

    private WarmWorkers()
    {
    }

    static synchronized void offer(final Object key, final Link link, final Duration keepAlive)
    {
        IDLE.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(new Idle(link, System.nanoTime() +
            keepAlive.toNanos()));
        if (reaper == null)
        {
            reaper = new Thread(WarmWorkers::reap, "mp4j-warm-workers");
            reaper.setDaemon(true);
            reaper.start();
        }
        WarmWorkers.class.notifyAll();
    }

    static synchronized List<Link> take(final Object key, final int max)
    {
        final List<Link> taken = new ArrayList<>();
        final ArrayDeque<Idle> idle = IDLE.get(key);
        while (idle != null && !idle.isEmpty() && taken.size() < max)
        {
            final Link link = idle.pollLast().link();
            if (link.jvm.process().isAlive())
            {
                taken.add(link);
            }
            else
            {
                link.jvm.release();
            }
        }
        return taken;
    }

    static int stopAll()
    {
        final List<Link> all = new ArrayList<>();
        synchronized (WarmWorkers.class)
        {
            IDLE.values().forEach(idle -> idle.forEach(entry -> all.add(entry.link())));
            IDLE.clear();
        }
        stop(all);
        return all.size();
    }

    private static void reap()
    {
        while (true)
        {
            final List<Link> expired = new ArrayList<>();
            synchronized (WarmWorkers.class)
            {
                long nextNs = Long.MAX_VALUE;
                final long now = System.nanoTime();
                for (final ArrayDeque<Idle> idle : IDLE.values())
                {
                    for (final Iterator<Idle> it = idle.iterator(); it.hasNext(); )
                    {
                        final Idle entry = it.next();
                        if (entry.expiresAtNs() - now <= 0)
                        {
                            expired.add(entry.link());
                            it.remove();
                        }
                        else
                        {
                            nextNs = Math.min(nextNs, entry.expiresAtNs() - now);
                        }
                    }
                }
                if (expired.isEmpty())
                {
                    try
                    {
                        TimeUnit.NANOSECONDS.timedWait(WarmWorkers.class, Math.min(nextNs, 60_000_000_000L));
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                    continue;
                }
            }
            stop(expired);
        }
    }

    /**
     * Asks workers to exit, all at once, then waits for each and removes its files; kills one that does not exit
     * within 10 s.
     */
    static void stop(final List<Link> links)
    {
        links.forEach(WarmWorkers::requestStop);
        links.forEach(WarmWorkers::awaitStopped);
    }

    private static void requestStop(final Link link)
    {
        try
        {
            final FrameWriter writer = new FrameWriter().begin(Frames.STOP);
            link.jvm.channel().offer(writer.array(), writer.finish());
        }
        catch (final RuntimeException ex)
        {
            link.jvm.kill();
        }
    }

    private static void awaitStopped(final Link link)
    {
        try
        {
            if (!link.jvm.process().waitFor(10, TimeUnit.SECONDS))
            {
                link.jvm.kill();
                link.jvm.process().waitFor();
            }
        }
        catch (final InterruptedException ex)
        {
            link.jvm.kill();
            Thread.currentThread().interrupt();
        }
        catch (final RuntimeException ex)
        {
            link.jvm.kill();
        }
        link.jvm.release();
    }
}
