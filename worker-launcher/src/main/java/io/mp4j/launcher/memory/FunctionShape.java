package io.mp4j.launcher.memory;

import io.mp4j.launcher.BiTask;
import io.mp4j.launcher.Job;
import io.mp4j.launcher.Task;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link FunctionCode} knows about one class of function objects: a serializable lambda's class (with its
 * {@code writeReplace} method, made accessible), a class implementing {@link Task}, {@link BiTask} or {@link Job}
 * (without instance fields, or a record or an enum, which are their own state), or the reason it is not a function
 * mp4j can cache. Holds the class's digested code for each list of extra prefixes.
 *
 * <p>Threading: thread-safe; the digest of one class and prefix list may be computed by two threads at once, and
 * the first stored wins (both are equal).
 */
final class FunctionShape
{
    private static final String TASK_CALL = "(Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String BI_TASK_CALL = "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String JOB_CALL = "()Ljava/lang/Object;";

    private final Class<?> type;
    private final Method writeReplace;
    private final String error;
    private final ConcurrentHashMap<List<String>, FunctionCode> codes = new ConcurrentHashMap<>();

    private FunctionShape(final Class<?> type, final Method writeReplace, final String error)
    {
        this.type = type;
        this.writeReplace = writeReplace;
        this.error = error;
    }

    static FunctionShape of(final Class<?> type)
    {
        if (type.getClassLoader() == null)
        {
            return failed(type, "not a function mp4j can cache: " + type.getName() + " is a JDK class");
        }
        if (isLambda(type))
        {
            return lambda(type);
        }
        if (!Task.class.isAssignableFrom(type) && !BiTask.class.isAssignableFrom(type)
            && !Job.class.isAssignableFrom(type))
        {
            return failed(type, "not a function mp4j can cache: " + type.getName()
                + " (a Task, BiTask or Job, or a serializable lambda or method reference)");
        }
        if (!type.isRecord())
        {
            final List<String> fields = instanceFields(type);
            if (!fields.isEmpty())
            {
                return failed(type, type.getName() + " has instance fields mp4j cannot hash " + fields
                    + "; make it a record or a lambda");
            }
        }
        return new FunctionShape(type, null, null);
    }

    // a record's components and an enum constant's name are state the argument hasher can hash
    private boolean isItsOwnState()
    {
        return type.isRecord() || Enum.class.isAssignableFrom(type);
    }

    /**
     * @param function an instance of this shape's class.
     * @param prefixes the extra prefixes, as given (dotted), validated.
     * @return the function's code and captured state.
     */
    FunctionCode codeOf(final Object function, final List<String> prefixes)
    {
        if (error != null)
        {
            throw new IllegalArgumentException(error);
        }
        if (writeReplace == null)
        {
            final FunctionCode code = code(prefixes, null);
            return code.withCaptured(isItsOwnState() ? Collections.singletonList(function) : List.of());
        }
        final SerializedLambda lambda = serializedForm(function);
        final Object[] captured = new Object[lambda.getCapturedArgCount()];
        for (int i = 0; i < captured.length; i++)
        {
            captured[i] = lambda.getCapturedArg(i);
        }
        return code(prefixes, lambda).withCaptured(Collections.unmodifiableList(Arrays.asList(captured)));
    }

    private FunctionCode code(final List<String> prefixes, final SerializedLambda lambda)
    {
        final FunctionCode known = codes.get(prefixes);
        if (known != null)
        {
            return known;
        }
        final List<String> internalPrefixes = new ArrayList<>();
        for (final String prefix : prefixes)
        {
            internalPrefixes.add(prefix.replace('.', '/'));
        }
        final FunctionCode code = lambda == null ? classCode(internalPrefixes) : lambdaCode(lambda, internalPrefixes);
        final FunctionCode raced = codes.putIfAbsent(List.copyOf(prefixes), code);
        return raced == null ? code : raced;
    }

    private FunctionCode lambdaCode(final SerializedLambda lambda, final List<String> prefixes)
    {
        final String owner = lambda.getImplClass();
        final String name = lambda.getImplMethodName();
        final String descriptor = lambda.getImplMethodSignature();
        final CodeWalker walker = new CodeWalker(type.getClassLoader(), lambda.getCapturingClass(), prefixes);
        final byte[] digest = walker.digest(List.of(new CodeReference(CodeReference.METHOD, owner, name, descriptor)));
        return FunctionCode.digested(
            owner.replace('/', '.') + '.' + name,
            "method " + owner + '.' + name + descriptor,
            simpleName(owner) + '.' + name,
            digest);
    }

    private FunctionCode classCode(final List<String> prefixes)
    {
        final String owner = type.getName().replace('.', '/');
        final CodeWalker walker = new CodeWalker(type.getClassLoader(), owner, prefixes);
        final List<CodeReference> roots = new ArrayList<>();
        // the interface methods as the JVM resolves them (a bridge leads on to its target)...
        addRoot(roots, Task.class, owner, TASK_CALL);
        addRoot(roots, BiTask.class, owner, BI_TASK_CALL);
        addRoot(roots, Job.class, owner, JOB_CALL);
        // ...and every call method the class declares, whatever its descriptor
        for (final ParsedMethod method : walker.read(owner).methodsNamed("call"))
        {
            roots.add(new CodeReference(CodeReference.METHOD, owner, method.name(), method.descriptor()));
        }
        return FunctionCode.digested(
            type.getName() + ".call", "class " + owner, simpleName(owner) + ".call", walker.digest(roots));
    }

    private void addRoot(
        final List<CodeReference> roots, final Class<?> functionInterface, final String owner, final String descriptor)
    {
        if (functionInterface.isAssignableFrom(type))
        {
            roots.add(new CodeReference(CodeReference.METHOD, owner, "call", descriptor));
        }
    }

    private SerializedLambda serializedForm(final Object function)
    {
        final Object form;
        try
        {
            form = writeReplace.invoke(function);
        }
        catch (final IllegalAccessException | InvocationTargetException ex)
        {
            throw new IllegalArgumentException(
                "cannot read the serialized form of lambda " + type.getName() + ": " + ex, ex);
        }
        if (form instanceof SerializedLambda lambda)
        {
            return lambda;
        }
        throw new IllegalArgumentException("not a serializable lambda: " + type.getName() + " (writeReplace gave "
            + (form == null ? "null" : form.getClass().getName()) + ")");
    }

    private static FunctionShape lambda(final Class<?> type)
    {
        if (!Serializable.class.isAssignableFrom(type))
        {
            return failed(type, "not a function mp4j can cache: " + type.getName()
                + " is a lambda that is not Serializable (make its target type a Task, BiTask or Job)");
        }
        try
        {
            final Method writeReplace = type.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return new FunctionShape(type, writeReplace, null);
        }
        catch (final NoSuchMethodException | RuntimeException ex)
        {
            // RuntimeException: InaccessibleObjectException when a named module does not open the package
            return failed(type, "cannot read the serialized form of lambda " + type.getName() + ": " + ex);
        }
    }

    private static boolean isLambda(final Class<?> type)
    {
        return type.isHidden() && type.isSynthetic();
    }

    private static List<String> instanceFields(final Class<?> type)
    {
        final List<String> fields = new ArrayList<>();
        // java.lang.Enum's name and ordinal are the constant itself, hashed by name
        for (Class<?> c = type; c != null && c != Object.class && c != Enum.class; c = c.getSuperclass())
        {
            for (final Field field : c.getDeclaredFields())
            {
                if (!Modifier.isStatic(field.getModifiers()))
                {
                    fields.add(field.getName());
                }
            }
        }
        return fields;
    }

    private static String simpleName(final String internalName)
    {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    private static FunctionShape failed(final Class<?> type, final String error)
    {
        return new FunctionShape(type, null, error);
    }
}
