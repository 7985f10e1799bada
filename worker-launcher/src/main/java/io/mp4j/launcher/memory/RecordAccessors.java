package io.mp4j.launcher.memory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * A record class's component names and accessors, made accessible once per class (a record that is not public, or
 * nested in a class that is not, needs {@code setAccessible}; it works for classes in unnamed modules and in packages
 * their module opens).
 *
 * <p>Threading: immutable, thread-safe.
 */
final class RecordAccessors
{
    private static final ClassValue<RecordAccessors> BY_CLASS = new ClassValue<>()
    {
        @Override
        protected RecordAccessors computeValue(final Class<?> type)
        {
            return new RecordAccessors(type);
        }
    };

    private final String[] names;
    private final Method[] accessors;
    private final RuntimeException inaccessible;

    private RecordAccessors(final Class<?> type)
    {
        final RecordComponent[] components = type.getRecordComponents();
        names = new String[components.length];
        accessors = new Method[components.length];
        RuntimeException failure = null;
        for (int i = 0; i < components.length; i++)
        {
            names[i] = components[i].getName();
            accessors[i] = components[i].getAccessor();
            try
            {
                accessors[i].setAccessible(true);
            }
            catch (final RuntimeException ex)
            {
                // InaccessibleObjectException or SecurityException: reported when a value of the type is hashed
                failure = ex;
            }
        }
        inaccessible = failure;
    }

    static RecordAccessors of(final Class<?> recordClass)
    {
        return BY_CLASS.get(recordClass);
    }

    int count()
    {
        return names.length;
    }

    String name(final int component)
    {
        return names[component];
    }

    /**
     * @return why the accessors cannot be called, or null when they can.
     */
    RuntimeException inaccessible()
    {
        return inaccessible;
    }

    Object value(final Object record, final int component) throws InvocationTargetException, IllegalAccessException
    {
        return accessors[component].invoke(record);
    }
}
