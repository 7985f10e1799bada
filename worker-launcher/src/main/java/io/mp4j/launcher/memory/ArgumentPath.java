package io.mp4j.launcher.memory;

import java.util.Arrays;

/**
 * The path from the argument being hashed to the value being hashed, kept as a stack of steps that cost no
 * allocation (an index is set in place), and rendered only for an error message: {@code [0].items[3]}. Steps:
 * {@code [i]} a list or array element, {@code .name} a record component ({@code .cacheKey()}, {@code .get()}),
 * {@code {element i}} and {@code {key i}} the i-th set element or map key in iteration order, {@code ["k"]} the value
 * of map key {@code k}.
 *
 * <p>Threading: confined to its {@link ArgumentHasher}'s thread.
 */
final class ArgumentPath
{
    static final byte LABEL = 0;
    static final byte INDEX = 1;
    static final byte COMPONENT = 2;
    static final byte SET_ELEMENT = 3;
    static final byte MAP_KEY = 4;
    static final byte MAP_VALUE = 5;

    private static final int KEY_TEXT_MAX = 40;

    private byte[] kinds = new byte[16];
    private int[] indexes = new int[16];
    private Object[] objects = new Object[16];
    private int depth;

    int depth()
    {
        return depth;
    }

    void push(final byte kind, final int index, final Object object)
    {
        if (depth == kinds.length)
        {
            kinds = Arrays.copyOf(kinds, 2 * depth);
            indexes = Arrays.copyOf(indexes, 2 * depth);
            objects = Arrays.copyOf(objects, 2 * depth);
        }
        kinds[depth] = kind;
        indexes[depth] = index;
        objects[depth] = object;
        depth++;
    }

    void set(final int index)
    {
        indexes[depth - 1] = index;
    }

    void set(final byte kind, final int index, final Object object)
    {
        kinds[depth - 1] = kind;
        indexes[depth - 1] = index;
        objects[depth - 1] = object;
    }

    void pop()
    {
        depth--;
        objects[depth] = null;
    }

    void clear()
    {
        Arrays.fill(objects, 0, depth, null);
        depth = 0;
    }

    String render()
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < depth; i++)
        {
            switch (kinds[i])
            {
                case LABEL -> text.append(objects[i]);
                case INDEX -> text.append('[').append(indexes[i]).append(']');
                case COMPONENT -> text.append('.').append(objects[i]);
                case SET_ELEMENT -> text.append("{element ").append(indexes[i]).append('}');
                case MAP_KEY -> text.append("{key ").append(indexes[i]).append('}');
                case MAP_VALUE -> text.append('[').append(keyText(objects[i])).append(']');
                default -> throw new IllegalStateException("kind=" + kinds[i]);
            }
        }
        return text.toString();
    }

    // keys of simple types as their text; others (whose toString may be large or user code) as their type
    private static String keyText(final Object key)
    {
        final String text;
        if (key instanceof String string)
        {
            text = '"' + string + '"';
        }
        else if (key == null || key instanceof Number || key instanceof Boolean || key instanceof Character
            || key instanceof Enum<?>)
        {
            text = String.valueOf(key);
        }
        else
        {
            text = "key of type " + key.getClass().getName();
        }
        return text.length() > KEY_TEXT_MAX ? text.substring(0, KEY_TEXT_MAX) + "..." : text;
    }
}
