package io.mp4j.ipc;

import java.nio.file.Path;

/**
 * A region file that cannot be attached: wrong magic, kind or version, truncated, half initialised by a creator
 * that died, or not a regular file. Attaching checks every field before the body is touched, so a bad file is
 * always this exception and never a crash.
 */
public final class RegionFormatException extends Mp4jException
{
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String field;

    /**
     * @param file   the region file.
     * @param field  the header field or property found wrong, e.g. {@code "magic"} or {@code "length"}.
     * @param detail what is wrong with it.
     */
    public RegionFormatException(final Path file, final String field, final String detail)
    {
        super("bad region file " + file + ": " + field + ": " + detail);
        this.file = file;
        this.field = field;
    }

    /**
     * @return the region file, or null if this exception was deserialized.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return the header field or property found wrong.
     */
    public String field()
    {
        return field;
    }
}
