package io.mp4j.launcher.memory;

/**
 * An argument, or a value inside one, that {@link ArgumentHasher} cannot hash: a type it does not know, a cycle, or
 * nesting too deep. The message names the type and the path to the value, such as
 * {@code cannot hash argument: java.lang.Thread at [0].items[3] (hashable: ...)}.
 *
 * <p>Threading: immutable.
 */
public final class UnhashableArgumentException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    /**
     * The type's name.
     */
    private final String typeName;

    /**
     * The path to the value.
     */
    private final String path;

    UnhashableArgumentException(final String message, final String typeName, final String path, final Throwable cause)
    {
        super(message, cause);
        this.typeName = typeName;
        this.path = path;
    }

    /**
     * @return the name of the value's class, such as {@code java.lang.Thread}.
     */
    public String typeName()
    {
        return typeName;
    }

    /**
     * @return the path from the argument to the value, such as {@code [0].items[3]} or {@code argument 1.scores["a"]}.
     */
    public String path()
    {
        return path;
    }
}
