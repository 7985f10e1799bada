package io.mp4j.launcher.jvm;

import io.mp4j.ipc.Mp4jException;
import io.mp4j.ipc.jvm.JavaCommand;

import java.io.IOException;
import java.util.List;

/**
 * Starts a JVM running a class's {@code main} with mp4j's command line ({@link JavaCommand}: this JVM's java
 * binary, class path and flags), its output sent to this process's.
 *
 * <p>Threading: any thread.
 */
public final class ChildJvmStarter
{
    private ChildJvmStarter()
    {
    }

    /**
     * @param mainClass the class whose {@code main} runs.
     * @param args      its arguments.
     * @return the started process.
     * @throws Mp4jException if the JVM cannot be started.
     */
    public static Process start(final Class<?> mainClass, final String... args)
    {
        final List<String> command = JavaCommand.forMainClass(mainClass).arguments(args).build();
        try
        {
            return new ProcessBuilder(command).inheritIO().start();
        }
        catch (final IOException ex)
        {
            throw new Mp4jException("cannot start JVM for " + mainClass.getName() + ": " + ex.getMessage(), ex);
        }
    }
}
