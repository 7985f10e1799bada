package io.mp4j.ipc.codec;

import org.agrona.MutableDirectBuffer;

import java.lang.invoke.MethodHandle;

/**
 * One component of a record on the built-in path: its accessor and how its value is written. A primitive component is
 * its bare payload; any other is one presence byte (0 null, 1 present) then the payload: a built-in type's payload, an
 * enum constant's name (4-byte length, UTF-8), or a nested record's components.
 *
 * <p>Threading: immutable once its shape is built.
 */
final class Component
{
    enum Kind
    {
        PRIMITIVE, BUILT_IN, ENUM, RECORD
    }

    final String name;
    final Class<?> type;
    final Kind kind;
    final ValueType valueType;
    final RecordShape nested;
    private final MethodHandle getter;

    /**
     * @param getter the accessor, typed {@code (Object)p} for a primitive component of type p, else
     *               {@code (Object)Object}.
     */
    Component(
        final String name,
        final Class<?> type,
        final Kind kind,
        final ValueType valueType,
        final RecordShape nested,
        final MethodHandle getter)
    {
        this.name = name;
        this.type = type;
        this.kind = kind;
        this.valueType = valueType;
        this.nested = nested;
        this.getter = getter;
    }

    int encode(final Object record, final MutableDirectBuffer buffer, final int index, final int depth)
    {
        if (kind == Kind.PRIMITIVE)
        {
            return encodePrimitive(record, buffer, index);
        }
        final Object value = getObject(record);
        Buffers.reserve(buffer, index, 1);
        if (value == null)
        {
            buffer.putByte(index, (byte)0);
            return index + 1;
        }
        buffer.putByte(index, (byte)1);
        switch (kind)
        {
            case BUILT_IN:
                return valueType.write(value, buffer, index + 1);
            case ENUM:
                return Utf8.writeWithLength(((Enum<?>)value).name(), buffer, index + 1);
            default:
                return nested.encode(value, buffer, index + 1, depth + 1);
        }
    }

    Object decode(final ByteReader reader, final int depth)
    {
        if (kind == Kind.PRIMITIVE)
        {
            return valueType.read(reader);
        }
        final int at = reader.position();
        final byte presence = reader.readByte();
        if (presence == 0)
        {
            return null;
        }
        if (presence != 1)
        {
            throw new CodecException("cannot decode: corrupt input: presence byte=" + presence + " component=" + name +
                " at=" + at);
        }
        switch (kind)
        {
            case BUILT_IN:
                return valueType.read(reader);
            case ENUM:
                return EnumConstants.valueOf(type, reader.readString(Tags.MAX_NAME_BYTES, "enum constant name"));
            default:
                return nested.decode(reader, depth + 1);
        }
    }

    private int encodePrimitive(final Object record, final MutableDirectBuffer buffer, final int index)
    {
        final int width = valueType.fixedWidth;
        Buffers.reserve(buffer, index, width);
        try
        {
            switch (valueType)
            {
                case BOOLEAN:
                    buffer.putByte(index, (boolean)getter.invokeExact(record) ? (byte)1 : (byte)0);
                    break;
                case BYTE:
                    buffer.putByte(index, (byte)getter.invokeExact(record));
                    break;
                case SHORT:
                    buffer.putShort(index, (short)getter.invokeExact(record), Buffers.ORDER);
                    break;
                case CHAR:
                    buffer.putChar(index, (char)getter.invokeExact(record), Buffers.ORDER);
                    break;
                case INT:
                    buffer.putInt(index, (int)getter.invokeExact(record), Buffers.ORDER);
                    break;
                case LONG:
                    buffer.putLong(index, (long)getter.invokeExact(record), Buffers.ORDER);
                    break;
                case FLOAT:
                    buffer.putInt(index, Float.floatToRawIntBits((float)getter.invokeExact(record)), Buffers.ORDER);
                    break;
                default:
                    buffer.putLong(
                        index, Double.doubleToRawLongBits((double)getter.invokeExact(record)), Buffers.ORDER);
                    break;
            }
        }
        catch (final Throwable t)
        {
            throw accessorFailed(record, t);
        }
        return index + width;
    }

    private Object getObject(final Object record)
    {
        try
        {
            return (Object)getter.invokeExact(record);
        }
        catch (final Throwable t)
        {
            throw accessorFailed(record, t);
        }
    }

    private RuntimeException accessorFailed(final Object record, final Throwable t)
    {
        if (t instanceof VirtualMachineError)
        {
            throw (VirtualMachineError)t;
        }
        return new CodecException("cannot encode " + record.getClass().getName() + ": accessor of component " + name +
            " threw " + t, t);
    }
}
