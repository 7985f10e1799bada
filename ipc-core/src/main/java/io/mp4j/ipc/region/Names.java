package io.mp4j.ipc.region;

/**
 * Validates names of spaces and regions, which become file names: letters, digits, '.', '_' and '-', not starting
 * with '.', at most {@link #MAX_LENGTH} characters. Anything else (separators, "..", control characters, empty) is
 * rejected with an {@link IllegalArgumentException} naming the value.
 */
public final class Names
{
    /** Longest name accepted. */
    public static final int MAX_LENGTH = 200;

    private Names()
    {
    }

    /**
     * @param what  what the name names, for the message: "space" or "region".
     * @param name  the name to check.
     * @return the name, if valid.
     * @throws IllegalArgumentException if it is not.
     */
    public static String validate(final String what, final String name)
    {
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException(what + " name is empty");
        }
        if (name.length() > MAX_LENGTH)
        {
            throw new IllegalArgumentException(
                what + " name is too long: length=" + name.length() + " max=" + MAX_LENGTH);
        }
        if (name.charAt(0) == '.')
        {
            throw new IllegalArgumentException(what + " name must not start with '.': name=" + quoted(name));
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            final boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-';
            if (!ok)
            {
                throw new IllegalArgumentException(
                    what + " name has a character not allowed (only letters, digits, '.', '_', '-'): index=" + i +
                    " name=" + quoted(name));
            }
        }
        return name;
    }

    private static String quoted(final String name)
    {
        final StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
