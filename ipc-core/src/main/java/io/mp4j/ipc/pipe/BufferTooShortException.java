package io.mp4j.ipc.pipe;

/**
 * The caller's buffer was too short for the message received, as Python's {@code BufferTooShort}. The message has
 * been taken off the pipe: {@link #receivedMessage()} holds all of it.
 */
public final class BufferTooShortException extends PipeException
{
    private static final long serialVersionUID = 1L;

    private final byte[] received;
    private final int room;

    /**
     * @param message  what happened, naming the pipe, the end and both sizes.
     * @param received the whole message received.
     * @param room     the bytes the buffer had from the offset given.
     */
    public BufferTooShortException(final String message, final byte[] received, final int room)
    {
        super(message);
        this.received = received;
        this.room = room;
    }

    /**
     * @return the whole message received (not a copy).
     */
    public byte[] receivedMessage()
    {
        return received;
    }

    /**
     * @return the message's length in bytes.
     */
    public int messageLength()
    {
        return received == null ? -1 : received.length;
    }

    /**
     * @return the bytes the buffer had from the offset given.
     */
    public int room()
    {
        return room;
    }
}
