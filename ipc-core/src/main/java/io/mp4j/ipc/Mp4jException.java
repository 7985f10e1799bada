package io.mp4j.ipc;

/**
 * The one exception type of mp4j's control path: creating, attaching, listing and removing shared objects.
 * The message names the object (file or region) and what is wrong with it.
 */
public class Mp4jException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the object.
     */
    public Mp4jException(final String message)
    {
        super(message);
    }

    /**
     * @param message what failed, naming the object.
     * @param cause   the underlying failure.
     */
    public Mp4jException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
