package io.mp4j.ipc.pipe;

/**
 * A message longer than the pipe carries: at most an eighth of a ring's capacity (Agrona's limit). Nothing was
 * sent. Create the pipe with a larger {@link PipeOptions#withCapacity(int)}, or send the data in parts.
 */
public final class MessageTooLargeException extends PipeException
{
    private static final long serialVersionUID = 1L;

    private final int lengthBytes;
    private final int maxLengthBytes;

    /**
     * @param message        what happened, naming the pipe, the end and both sizes.
     * @param lengthBytes    the message's length.
     * @param maxLengthBytes the longest message the pipe carries.
     */
    public MessageTooLargeException(final String message, final int lengthBytes, final int maxLengthBytes)
    {
        super(message);
        this.lengthBytes = lengthBytes;
        this.maxLengthBytes = maxLengthBytes;
    }

    /**
     * @return the message's length in bytes.
     */
    public int lengthBytes()
    {
        return lengthBytes;
    }

    /**
     * @return the longest message the pipe carries, in bytes.
     */
    public int maxLengthBytes()
    {
        return maxLengthBytes;
    }
}
