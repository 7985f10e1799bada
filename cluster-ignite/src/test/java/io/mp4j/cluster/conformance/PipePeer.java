package io.mp4j.cluster.conformance;

import io.mp4j.ipc.PipeEnd;
import io.mp4j.ipc.pipe.Pipe;
import io.mp4j.launcher.objects.SharedObjects;

import java.util.concurrent.locks.LockSupport;

/**
 * A process that opens end B of a pipe, sends some notes and waits to be killed, for
 * {@link PipeConformance}'s test of a peer that dies.
 */
public final class PipePeer
{
    /** What it prints once its notes are sent. */
    public static final String SENT = "pipe peer sent its notes";

    private PipePeer()
    {
    }

    /**
     * @param args backend, namespace, pipe name, how many notes.
     */
    public static void main(final String[] args)
    {
        run(args);
    }

    /**
     * Opens end B of the pipe, sends the notes, prints {@value #SENT} and parks until the process is killed.
     *
     * @param args backend, namespace, pipe name, how many notes.
     */
    public static void run(final String[] args)
    {
        final SharedObjects objects = SharedObjects.open(args[0], args[1]);
        final PipeEnd b = objects.pipe(args[2], Pipe.End.B);
        final int count = Integer.parseInt(args[3]);
        for (int i = 0; i < count; i++)
        {
            b.send(new PipeConformance.Note(i, "before dying"));
        }
        System.out.println(SENT);
        System.out.flush();
        while (true)
        {
            LockSupport.park();
        }
    }
}
