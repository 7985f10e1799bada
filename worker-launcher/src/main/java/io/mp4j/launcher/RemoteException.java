package io.mp4j.launcher;

import java.io.Serial;

/**
 * Stands in for an exception thrown in a worker JVM that could not be sent back as itself (its class is not
 * serializable, holds something that is not, or cannot be loaded here). It carries the original class name, message
 * and stack trace, and its cause is the next exception of the original cause chain, mirrored the same way when
 * needed.
 */
public class RemoteException extends RuntimeException
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    /**
     * @param remoteClassName the original exception's class name.
     * @param message         the original message, or null.
     */
    public RemoteException(final String remoteClassName, final String message)
    {
        super(message == null ? remoteClassName : remoteClassName + ": " + message);
        this.remoteClassName = remoteClassName;
    }

    /**
     * @return the class name of the exception thrown in the worker.
     */
    public String remoteClassName()
    {
        return remoteClassName;
    }
}
