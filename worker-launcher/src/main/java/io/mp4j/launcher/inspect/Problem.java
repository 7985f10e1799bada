package io.mp4j.launcher.inspect;

/**
 * A file of a space that cannot be read as what it claims to be, or a space that is gone.
 *
 * @param name   the file's name, or the space's.
 * @param detail what is wrong.
 */
public record Problem(String name, String detail)
{
}
