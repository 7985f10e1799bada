package io.mp4j.bench.pool;

/**
 * A main that does nothing: the JVM start-up floor beside the pool's cold start (the Python peer's is
 * {@code interpreter.start[cmd=python -c pass]}).
 */
public final class Noop
{
    private Noop()
    {
    }

    /**
     * @param args ignored.
     */
    public static void main(final String[] args)
    {
        // nothing: the figure is the JVM's start and exit
    }
}
