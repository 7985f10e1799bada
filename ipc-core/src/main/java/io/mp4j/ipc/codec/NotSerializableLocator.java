package io.mp4j.ipc.codec;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Finds where, inside a value Java serialization refused, the object that is not Serializable sits, so the message can
 * name the field: a bounded walk through the fields (not transient, not static) of the value and what they hold, and
 * the elements of JDK collections, maps and arrays, breadth first (so the shortest path wins). Runs only on the error
 * path.
 *
 * <p>Threading: stateless.
 */
final class NotSerializableLocator
{
    private static final int MAX_OBJECTS = 10_000;

    private record Step(Object value, String path, String field)
    {
    }

    private NotSerializableLocator()
    {
    }

    /**
     * @param root              the value being encoded.
     * @param offendingClass    the class Java serialization named.
     * @return e.g. {@code "field bar of type com.x.Bar, path=Foo.bar"}, or null if not found.
     */
    static String locate(final Object root, final String offendingClass)
    {
        final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        final Deque<Step> pending = new ArrayDeque<>();
        pending.add(new Step(root, root.getClass().getSimpleName(), null));
        while (!pending.isEmpty() && seen.size() < MAX_OBJECTS)
        {
            final Step step = pending.poll();
            final Object value = step.value();
            if (value == null || !seen.add(value))
            {
                continue;
            }
            final Class<?> type = value.getClass();
            if (value != root && type.getName().equals(offendingClass))
            {
                final String where = step.field() != null ? "field " + step.field() : "element";
                return where + " of type " + offendingClass + ", path=" + step.path();
            }
            if (isLeaf(type))
            {
                continue;
            }
            if (type.isArray())
            {
                if (!type.getComponentType().isPrimitive())
                {
                    final int length = Array.getLength(value);
                    for (int i = 0; i < length; i++)
                    {
                        pending.add(new Step(Array.get(value, i), step.path() + "[" + i + "]", null));
                    }
                }
            }
            else if (type.getName().startsWith("java.") && value instanceof Collection)
            {
                int i = 0;
                for (final Object element : (Collection<?>)value)
                {
                    pending.add(new Step(element, step.path() + "[" + i++ + "]", null));
                }
            }
            else if (type.getName().startsWith("java.") && value instanceof Map)
            {
                int i = 0;
                for (final Map.Entry<?, ?> entry : ((Map<?, ?>)value).entrySet())
                {
                    pending.add(new Step(entry.getKey(), step.path() + "[key#" + i + "]", null));
                    pending.add(new Step(entry.getValue(), step.path() + "[value#" + i + "]", null));
                    i++;
                }
            }
            else
            {
                pushFields(value, step.path(), pending);
            }
        }
        return null;
    }

    private static boolean isLeaf(final Class<?> type)
    {
        return type == String.class || type == Class.class || Number.class.isAssignableFrom(type) ||
            type == Boolean.class || type == Character.class || type.isEnum();
    }

    private static void pushFields(final Object value, final String path, final Deque<Step> pending)
    {
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass())
        {
            for (final Field field : c.getDeclaredFields())
            {
                final int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.getType().isPrimitive())
                {
                    continue;
                }
                try
                {
                    field.setAccessible(true);
                    pending.add(new Step(field.get(value), path + "." + field.getName(), field.getName()));
                }
                catch (final RuntimeException | IllegalAccessException ex)
                {
                    // a field of a module that is not open to us: skip it, this is only for the message
                }
            }
        }
    }
}
