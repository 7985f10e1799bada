package io.mp4j.launcher.worker;

import io.mp4j.ipc.codec.AllowList;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.Codecs;

import java.io.ObjectInputFilter;

/**
 * Which classes the launcher's codec creates from the bytes of a task, an argument, a result or an exception: the
 * JDK's value classes of {@link AllowList#defaults()}, {@code java.lang.invoke.SerializedLambda} (a lambda's
 * serial form), and the application's own classes, meaning those the JVM's application or a user class loader
 * defines. Workers run the application's code anyway; the rule keeps the JDK's internal classes, the usual
 * deserialization gadgets, out. The bytes come from the worker's own parent or children through owner-only files.
 *
 * <p>Threading: immutable, thread-safe.
 */
public final class LauncherClasses implements ObjectInputFilter
{
    private static final String SERIALIZED_LAMBDA = "java.lang.invoke.SerializedLambda";
    private static final LauncherClasses INSTANCE = new LauncherClasses();
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private final AllowList jdk = AllowList.defaults();

    private LauncherClasses()
    {
    }

    /**
     * @return the filter.
     */
    public static LauncherClasses filter()
    {
        return INSTANCE;
    }

    /**
     * @return a new object codec with this filter: thread-safe, with its own cache of vetted classes.
     */
    public static Codec<Object> codec()
    {
        return Codecs.objects(INSTANCE);
    }

    @Override
    public Status checkInput(final FilterInfo info)
    {
        Class<?> type = info.serialClass();
        if (type == null)
        {
            return Status.UNDECIDED;
        }
        while (type.isArray())
        {
            type = type.getComponentType();
        }
        if (type.isPrimitive() || SERIALIZED_LAMBDA.equals(type.getName()) || isApplicationClass(type))
        {
            return Status.ALLOWED;
        }
        return jdk.checkInput(info);
    }

    private static boolean isApplicationClass(final Class<?> type)
    {
        final ClassLoader loader = type.getClassLoader();
        if (loader == null)
        {
            return false;
        }
        for (ClassLoader l = PLATFORM; l != null; l = l.getParent())
        {
            if (l == loader)
            {
                return false;
            }
        }
        return true;
    }
}
