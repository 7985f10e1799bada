package io.mp4j.cluster.ignite;

import io.mp4j.ipc.Mp4jException;

import java.io.Serial;
import java.util.List;

/**
 * This JVM lacks JVM flags that an Ignite node needs; the message names every one of them and where the full list
 * comes from.
 */
public final class MissingJvmFlagsException extends Mp4jException
{
    @Serial
    private static final long serialVersionUID = 1L;

    /** The missing flags, as text: a list would make the exception's serial form depend on its implementation. */
    private final String missing;

    /**
     * @param missing the flags this JVM did not get.
     */
    public MissingJvmFlagsException(final List<String> missing)
    {
        super("this JVM lacks " + missing.size() + " JVM flags that an Apache Ignite node needs: " +
            String.join(" ", missing) + ". Start it with every flag of the set 'ignite' (io.mp4j.ipc.jvm.JvmFlags" +
            ".set(\"ignite\"), from the root pom's mp4j.jvm.flags.ignite; see docs/CLUSTER.md)");
        this.missing = String.join(" ", missing);
    }

    /**
     * @return the missing flags, in order.
     */
    public List<String> missing()
    {
        return List.of(missing.split(" "));
    }
}
