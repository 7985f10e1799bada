package io.mp4j.bench.ipc;

import java.util.Arrays;

/**
 * The echoing child of {@link IpcPingPong}: attaches to the link the parent made, prints {@code READY}, then sends
 * every message back until the end of stream.
 *
 * <p>Arguments: the link's name, the message length, then the link's own arguments.
 */
public final class PingPongEcho
{
    private PingPongEcho()
    {
    }

    /**
     * @param args the link's name, the message length, the link's arguments.
     */
    public static void main(final String[] args)
    {
        Jvms.watchParent();
        final String name = args[0];
        final int length = Integer.parseInt(args[1]);
        try (Links.Link link = Links.child(name, length, Arrays.copyOfRange(args, 2, args.length)))
        {
            System.out.println("READY");
            System.out.flush();
            final byte[] buffer = new byte[Math.max(length, 16)];
            int n;
            while ((n = link.receive(buffer)) >= 0)
            {
                link.send(buffer, n);
            }
        }
    }
}
