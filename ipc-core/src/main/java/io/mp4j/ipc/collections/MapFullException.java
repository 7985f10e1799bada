package io.mp4j.ipc.collections;

import io.mp4j.ipc.Mp4jException;

/**
 * A shared map has no room for a new entry: it holds as much as its {@link SharedMapOptions} allow, growth
 * included, or the entry is far larger than the average it was sized for. The message names the map, its shape and
 * what to do. The map is unchanged and stays usable: removing entries makes room.
 */
public final class MapFullException extends Mp4jException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is full and what to do.
     * @param cause   Chronicle Map's own exception.
     */
    public MapFullException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
