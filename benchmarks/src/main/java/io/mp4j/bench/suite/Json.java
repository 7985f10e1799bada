package io.mp4j.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value (RFC 8259) into plain Java objects: objects as {@code LinkedHashMap<String, Object>} in
 * document order, arrays as {@code List<Object>}, numbers as {@code Double}, strings, booleans and {@code null}. The
 * benchmark mains and the Python peers write one such object per line; Python's {@code json.dumps} also writes
 * {@code NaN}, {@code Infinity} and {@code -Infinity}, which are read as those doubles.
 *
 * <p>Threading: static methods, any thread.
 */
final class Json
{
    private final String text;
    private int at;

    private Json(final String text)
    {
        this.text = text;
    }

    /**
     * @param text one JSON value, optionally surrounded by white space.
     * @return the value.
     * @throws IllegalArgumentException if the text is not one JSON value; the message gives the offset.
     */
    static Object parse(final String text)
    {
        final Json json = new Json(text);
        json.skipSpace();
        final Object value = json.value();
        json.skipSpace();
        if (json.at != text.length())
        {
            throw json.error("text after the value");
        }
        return value;
    }

    /**
     * @param text one JSON object.
     * @return its members in document order.
     * @throws IllegalArgumentException if the text is not one JSON object.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(final String text)
    {
        final Object value = parse(text);
        if (!(value instanceof Map))
        {
            throw new IllegalArgumentException("not a JSON object: " + abbreviate(text));
        }
        return (Map<String, Object>)value;
    }

    private Object value()
    {
        if (at >= text.length())
        {
            throw error("a value expected");
        }
        final char c = text.charAt(at);
        return switch (c)
        {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            case 'N' -> literal("NaN", Double.NaN);
            case 'I' -> literal("Infinity", Double.POSITIVE_INFINITY);
            default ->
            {
                if (text.startsWith("-Infinity", at))
                {
                    yield literal("-Infinity", Double.NEGATIVE_INFINITY);
                }
                if (c == '-' || c >= '0' && c <= '9')
                {
                    yield number();
                }
                throw error("unexpected '" + c + "'");
            }
        };
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> members = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (peek() == '}')
        {
            at++;
            return members;
        }
        while (true)
        {
            skipSpace();
            if (peek() != '"')
            {
                throw error("a member name expected");
            }
            final String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            members.put(name, value());
            skipSpace();
            if (peek() == ',')
            {
                at++;
                continue;
            }
            expect('}');
            return members;
        }
    }

    private List<Object> array()
    {
        final List<Object> items = new ArrayList<>();
        at++;
        skipSpace();
        if (peek() == ']')
        {
            at++;
            return items;
        }
        while (true)
        {
            skipSpace();
            items.add(value());
            skipSpace();
            if (peek() == ',')
            {
                at++;
                continue;
            }
            expect(']');
            return items;
        }
    }

    private String string()
    {
        at++;
        final StringBuilder sb = new StringBuilder();
        while (true)
        {
            if (at >= text.length())
            {
                throw error("unterminated string");
            }
            final char c = text.charAt(at++);
            if (c == '"')
            {
                return sb.toString();
            }
            if (c != '\\')
            {
                if (c < 0x20)
                {
                    throw error("control character in a string");
                }
                sb.append(c);
                continue;
            }
            if (at >= text.length())
            {
                throw error("unterminated escape");
            }
            final char e = text.charAt(at++);
            switch (e)
            {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' ->
                {
                    if (at + 4 > text.length())
                    {
                        throw error("short \\u escape");
                    }
                    try
                    {
                        sb.append((char)Integer.parseInt(text.substring(at, at + 4), 16));
                    }
                    catch (final NumberFormatException ex)
                    {
                        throw error("bad \\u escape");
                    }
                    at += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Double number()
    {
        final int start = at;
        if (peek() == '-')
        {
            at++;
        }
        while (at < text.length() && "0123456789.eE+-".indexOf(text.charAt(at)) >= 0)
        {
            at++;
        }
        final String literal = text.substring(start, at);
        try
        {
            return Double.valueOf(literal);
        }
        catch (final NumberFormatException ex)
        {
            at = start;
            throw error("bad number '" + literal + "'");
        }
    }

    private Object literal(final String word, final Object value)
    {
        if (!text.startsWith(word, at))
        {
            throw error(word + " expected");
        }
        at += word.length();
        return value;
    }

    private void expect(final char c)
    {
        if (peek() != c)
        {
            throw error("'" + c + "' expected");
        }
        at++;
    }

    private char peek()
    {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipSpace()
    {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0)
        {
            at++;
        }
    }

    private IllegalArgumentException error(final String what)
    {
        return new IllegalArgumentException("bad JSON at offset " + at + ": " + what + " in " + abbreviate(text));
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
