package io.mp4j.ipc.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Decides whether a record class takes the built-in path and builds its {@link RecordShape}: every record reachable
 * through its components must have only components of built-in types, enums or records. Shapes of a record and the
 * records nested in it are built together, so a record type that contains itself (directly or not) is fine.
 *
 * <p>Threading: stateless; {@link TypeInfo} caches the results per class.
 */
final class RecordShapes
{
    /**
     * What {@link #analyse} found: a shape, or why the record does not take the built-in path (it then goes through
     * the fallback), or why it cannot be used at all (it qualifies, but mp4j may not call its accessors).
     *
     * @param shape           the shape, or null.
     * @param notBuiltIn      why it is not built in, or null.
     * @param accessProblem   why it cannot be used, or null.
     */
    record Analysis(RecordShape shape, String notBuiltIn, String accessProblem)
    {
    }

    private RecordShapes()
    {
    }

    static Analysis analyse(final Class<?> root)
    {
        final Map<Class<?>, RecordShape> shapes = new LinkedHashMap<>();
        final Deque<Class<?>> pending = new ArrayDeque<>();
        pending.add(root);
        shapes.put(root, new RecordShape(root));
        while (!pending.isEmpty())
        {
            final Class<?> type = pending.poll();
            for (final RecordComponent component : type.getRecordComponents())
            {
                final Class<?> componentType = component.getType();
                if (ValueType.of(componentType) != null)
                {
                    continue;
                }
                if (componentType.isEnum())
                {
                    continue;
                }
                if (componentType.isRecord())
                {
                    if (!shapes.containsKey(componentType))
                    {
                        shapes.put(componentType, new RecordShape(componentType));
                        pending.add(componentType);
                    }
                }
                else
                {
                    return new Analysis(null, "component " + component.getName() + " of type " +
                        componentType.getTypeName() + (type == root ? "" : " in nested record " + type.getName()) +
                        " is not a built-in type", null);
                }
            }
        }

        for (final RecordShape shape : shapes.values())
        {
            final String problem = build(shape, shapes);
            if (problem != null)
            {
                return new Analysis(null, null, problem);
            }
        }
        return new Analysis(shapes.get(root), null, null);
    }

    private static String build(final RecordShape shape, final Map<Class<?>, RecordShape> shapes)
    {
        final Class<?> type = shape.type;
        final RecordComponent[] recordComponents = type.getRecordComponents();
        final Class<?>[] parameterTypes = new Class<?>[recordComponents.length];
        for (int i = 0; i < recordComponents.length; i++)
        {
            parameterTypes[i] = recordComponents[i].getType();
        }

        try
        {
            final MethodHandles.Lookup lookup = lookupFor(type, parameterTypes);
            final Component[] components = new Component[recordComponents.length];
            for (int i = 0; i < recordComponents.length; i++)
            {
                final RecordComponent rc = recordComponents[i];
                final Class<?> componentType = rc.getType();
                final MethodHandle accessor = lookup.unreflect(rc.getAccessor());
                final ValueType valueType = ValueType.of(componentType);
                if (componentType.isPrimitive())
                {
                    components[i] = new Component(rc.getName(), componentType, Component.Kind.PRIMITIVE, valueType,
                        null, accessor.asType(MethodType.methodType(componentType, Object.class)));
                }
                else
                {
                    final Component.Kind kind = valueType != null ? Component.Kind.BUILT_IN :
                        componentType.isEnum() ? Component.Kind.ENUM : Component.Kind.RECORD;
                    components[i] = new Component(rc.getName(), componentType, kind, valueType,
                        shapes.get(componentType), accessor.asType(MethodType.methodType(Object.class, Object.class)));
                }
            }
            final MethodHandle constructor = lookup
                .findConstructor(type, MethodType.methodType(void.class, parameterTypes))
                .asSpreader(Object[].class, parameterTypes.length)
                .asType(MethodType.methodType(Object.class, Object[].class));

            final List<Class<?>> closure = new ArrayList<>();
            closure.add(type);
            final Set<Class<?>> seen = new HashSet<>();
            final StringBuilder description = new StringBuilder();
            describe(type, description, seen, closure);
            final CRC32C crc = new CRC32C();
            crc.update(description.toString().getBytes(StandardCharsets.UTF_8));
            shape.init(components, constructor, (int)crc.getValue(), List.copyOf(closure));
            return null;
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return "cannot use record " + type.getName() + " on the built-in path: mp4j may not call its " +
                "accessors or canonical constructor (" + ex + "); make it public in an exported package, or open " +
                "its package to mp4j's module, or give the queue a Codec";
        }
    }

    private static MethodHandles.Lookup lookupFor(final Class<?> type, final Class<?>[] parameterTypes)
        throws IllegalAccessException
    {
        final MethodHandles.Lookup publicLookup = MethodHandles.publicLookup();
        try
        {
            publicLookup.findConstructor(type, MethodType.methodType(void.class, parameterTypes));
            for (final RecordComponent rc : type.getRecordComponents())
            {
                publicLookup.unreflect(rc.getAccessor());
            }
            return publicLookup;
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            // not public, or in a package not exported: a private lookup works where the package is open to us
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        }
    }

    /**
     * Appends {@code Name(component:type,...)}, nested records spelt out once, and collects the classes reached.
     */
    private static void describe(
        final Class<?> type, final StringBuilder out, final Set<Class<?>> seen, final List<Class<?>> closure)
    {
        out.append(type.getName());
        if (!seen.add(type))
        {
            return;
        }
        out.append('(');
        for (final RecordComponent rc : type.getRecordComponents())
        {
            final Class<?> componentType = rc.getType();
            out.append(rc.getName()).append(':');
            if (componentType.isRecord())
            {
                if (!closure.contains(componentType))
                {
                    closure.add(componentType);
                }
                describe(componentType, out, seen, closure);
            }
            else
            {
                if (componentType.isEnum() && !closure.contains(componentType))
                {
                    closure.add(componentType);
                }
                out.append(componentType.getName());
            }
            out.append(',');
        }
        out.append(')');
    }
}
