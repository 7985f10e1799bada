package io.mp4j.ipc.codec;

import io.mp4j.ipc.Mp4jException;

/**
 * A value that cannot be encoded (unserializable, too large), or bytes that cannot be decoded (corrupt, a class
 * the filter refuses). The message names the class and the reason.
 */
public final class CodecException extends Mp4jException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and why.
     */
    public CodecException(final String message)
    {
        super(message);
    }

    /**
     * @param message what failed and why.
     * @param cause   the underlying failure.
     */
    public CodecException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
