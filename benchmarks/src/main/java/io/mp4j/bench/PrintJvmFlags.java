package io.mp4j.bench;

import io.mp4j.ipc.jvm.JvmFlags;

/**
 * Prints the JVM flags mp4j needs on this JVM's version, space-separated on one line, for scripts:
 * {@code java $(java -cp benchmarks.jar io.mp4j.bench.PrintJvmFlags) -jar benchmarks.jar ...}. JMH forks inherit
 * the flags of the JVM that starts them, so the host JVM must be started with these.
 */
public final class PrintJvmFlags
{
    private PrintJvmFlags()
    {
    }

    /**
     * @param args ignored.
     */
    public static void main(final String[] args)
    {
        System.out.println(String.join(" ", JvmFlags.forCurrentJvm()));
    }
}
