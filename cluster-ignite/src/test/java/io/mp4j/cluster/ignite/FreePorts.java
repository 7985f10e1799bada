package io.mp4j.cluster.ignite;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A block of consecutive ports free on 127.0.0.1, below Linux's ephemeral range (so that no outgoing connection
 * takes one meanwhile), picked at random so that test runs side by side on one host do not collide.
 */
final class FreePorts
{
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final int ATTEMPTS = 100;

    private FreePorts()
    {
    }

    /**
     * @param count how many consecutive ports.
     * @return the first of {@code count} ports that were all free a moment ago.
     */
    static int block(final int count)
    {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++)
        {
            final int first = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - count);
            if (allFree(first, count))
            {
                return first;
            }
        }
        throw new IllegalStateException("no block of " + count + " free ports in " + ATTEMPTS + " attempts");
    }

    private static boolean allFree(final int first, final int count)
    {
        for (int port = first; port < first + count; port++)
        {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress()))
            {
                socket.setReuseAddress(false);
            }
            catch (final IOException taken)
            {
                return false;
            }
        }
        return true;
    }
}
