package io.mp4j.ipc.codec;

import java.util.HashMap;
import java.util.Map;

/**
 * Enum constants by name, per enum class. Looked up only after the class has passed the codec's filter, since the
 * first lookup initialises the class.
 *
 * <p>Threading: thread-safe.
 */
final class EnumConstants
{
    private static final ClassValue<Map<String, Object>> BY_NAME = new ClassValue<>()
    {
        @Override
        protected Map<String, Object> computeValue(final Class<?> type)
        {
            final Map<String, Object> byName = new HashMap<>();
            for (final Object constant : type.getEnumConstants())
            {
                byName.put(((Enum<?>)constant).name(), constant);
            }
            return byName;
        }
    };

    private EnumConstants()
    {
    }

    /**
     * @return the class that declares the constants of {@code type}, or null if it is not an enum (a constant with a
     * body is an anonymous subclass of its enum).
     */
    static Class<?> enumClass(final Class<?> type)
    {
        if (type.isEnum())
        {
            return type;
        }
        final Class<?> parent = type.getSuperclass();
        return parent != null && parent.isEnum() ? parent : null;
    }

    static Object valueOf(final Class<?> enumType, final String name)
    {
        final Object constant;
        try
        {
            constant = BY_NAME.get(enumType).get(name);
        }
        catch (final LinkageError ex)
        {
            throw new CodecException("cannot decode: enum class failed to initialise: enum=" + enumType.getName(), ex);
        }
        if (constant == null)
        {
            throw new CodecException("cannot decode: enum has no such constant: enum=" + enumType.getName() +
                " name=" + name + " (corrupt input, or the writer has another version of the enum)");
        }
        return constant;
    }
}
