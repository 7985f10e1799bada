package io.mp4j.ipc.codec;

import org.agrona.MutableDirectBuffer;

import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A record class that takes the built-in path: its components in declaration order, its canonical constructor, a
 * fingerprint of its shape, and the record and enum classes reachable from it (which the codec's filter must allow).
 * Built by {@link RecordShapes}; its components are written one after another, with no names or tags.
 *
 * <p>Threading: immutable once built.
 */
final class RecordShape
{
    /** Deepest nesting of records within records, at encode and decode. */
    static final int MAX_DEPTH = 64;

    final Class<?> type;
    final byte[] nameUtf8;
    private Component[] components;
    private MethodHandle constructor;
    private int fingerprint;
    private List<Class<?>> closure;

    RecordShape(final Class<?> type)
    {
        this.type = type;
        this.nameUtf8 = type.getName().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param constructor the canonical constructor typed {@code (Object[])Object}.
     */
    void init(
        final Component[] components,
        final MethodHandle constructor,
        final int fingerprint,
        final List<Class<?>> closure)
    {
        this.components = components;
        this.constructor = constructor;
        this.fingerprint = fingerprint;
        this.closure = closure;
    }

    /**
     * @return a CRC-32C of the component names and types, nested records included: equal on both sides when both have
     * the same version of the class.
     */
    int fingerprint()
    {
        return fingerprint;
    }

    /**
     * @return the record and enum classes this shape can construct: itself first.
     */
    List<Class<?>> closure()
    {
        return closure;
    }

    int encode(final Object record, final MutableDirectBuffer buffer, final int index, final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            throw new CodecException(
                "cannot encode " + type.getName() + ": records nested deeper than max=" + MAX_DEPTH);
        }
        int p = index;
        for (final Component component : components)
        {
            p = component.encode(record, buffer, p, depth);
        }
        return p;
    }

    Object decode(final ByteReader reader, final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            throw reader.corrupt("records nested deeper than max=" + MAX_DEPTH + " record=" + type.getName());
        }
        final Object[] values = new Object[components.length];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = components[i].decode(reader, depth);
        }
        try
        {
            return (Object)constructor.invokeExact(values);
        }
        catch (final Throwable t)
        {
            if (t instanceof VirtualMachineError)
            {
                throw (VirtualMachineError)t;
            }
            throw new CodecException("cannot decode " + type.getName() + ": its canonical constructor refused the " +
                "decoded values: " + t, t);
        }
    }
}
