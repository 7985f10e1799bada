package io.mp4j.ipc.codec;

import org.agrona.MutableDirectBuffer;

import java.util.HashMap;
import java.util.Map;

/**
 * The built-in value types: each has a tag, and a payload written the same way at the top level (after the tag), inside
 * a record (as a component) and by the typed codecs. Payloads are little-endian; counts are 4-byte signed ints.
 *
 * <p>Threading: stateless.
 */
enum ValueType
{
    BOOLEAN(Tags.BOOLEAN, Boolean.class, boolean.class, 1)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            Buffers.reserve(buffer, index, 1);
            buffer.putByte(index, (Boolean)value ? (byte)1 : (byte)0);
            return index + 1;
        }

        Object read(final ByteReader reader)
        {
            return reader.readBoolean();
        }
    },

    BYTE(Tags.BYTE, Byte.class, byte.class, 1)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            Buffers.reserve(buffer, index, 1);
            buffer.putByte(index, (Byte)value);
            return index + 1;
        }

        Object read(final ByteReader reader)
        {
            return reader.readByte();
        }
    },

    SHORT(Tags.SHORT, Short.class, short.class, 2)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            Buffers.reserve(buffer, index, 2);
            buffer.putShort(index, (Short)value, Buffers.ORDER);
            return index + 2;
        }

        Object read(final ByteReader reader)
        {
            return reader.readShort();
        }
    },

    CHAR(Tags.CHAR, Character.class, char.class, 2)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            Buffers.reserve(buffer, index, 2);
            buffer.putChar(index, (Character)value, Buffers.ORDER);
            return index + 2;
        }

        Object read(final ByteReader reader)
        {
            return reader.readChar();
        }
    },

    INT(Tags.INT, Integer.class, int.class, 4)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            Buffers.reserve(buffer, index, 4);
            buffer.putInt(index, (Integer)value, Buffers.ORDER);
            return index + 4;
        }

        Object read(final ByteReader reader)
        {
            return reader.readInt();
        }
    },

    LONG(Tags.LONG, Long.class, long.class, 8)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            Buffers.reserve(buffer, index, 8);
            buffer.putLong(index, (Long)value, Buffers.ORDER);
            return index + 8;
        }

        Object read(final ByteReader reader)
        {
            return reader.readLong();
        }
    },

    FLOAT(Tags.FLOAT, Float.class, float.class, 4)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            Buffers.reserve(buffer, index, 4);
            // raw bits: NaN payloads survive
            buffer.putInt(index, Float.floatToRawIntBits((Float)value), Buffers.ORDER);
            return index + 4;
        }

        Object read(final ByteReader reader)
        {
            return reader.readFloat();
        }
    },

    DOUBLE(Tags.DOUBLE, Double.class, double.class, 8)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            Buffers.reserve(buffer, index, 8);
            buffer.putLong(index, Double.doubleToRawLongBits((Double)value), Buffers.ORDER);
            return index + 8;
        }

        Object read(final ByteReader reader)
        {
            return reader.readDouble();
        }
    },

    STRING(Tags.STRING, String.class, null, -1)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            return Utf8.writeWithLength((String)value, buffer, index);
        }

        Object read(final ByteReader reader)
        {
            return reader.readString();
        }
    },

    BOOLEAN_ARRAY(Tags.BOOLEAN_ARRAY, boolean[].class, null, -1)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            final boolean[] array = (boolean[])value;
            final int start = writeCount(array.length, 1, buffer, index);
            for (int i = 0; i < array.length; i++)
            {
                buffer.putByte(start + i, array[i] ? (byte)1 : (byte)0);
            }
            return start + array.length;
        }

        Object read(final ByteReader reader)
        {
            final boolean[] array = new boolean[reader.readCount(1, "boolean[]")];
            for (int i = 0; i < array.length; i++)
            {
                array[i] = reader.readBoolean();
            }
            return array;
        }
    },

    BYTE_ARRAY(Tags.BYTE_ARRAY, byte[].class, null, -1)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            final byte[] array = (byte[])value;
            final int start = writeCount(array.length, 1, buffer, index);
            buffer.putBytes(start, array);
            return start + array.length;
        }

        Object read(final ByteReader reader)
        {
            final byte[] array = new byte[reader.readCount(1, "byte[]")];
            reader.buffer().getBytes(reader.position(), array);
            reader.skip(array.length);
            return array;
        }
    },

    SHORT_ARRAY(Tags.SHORT_ARRAY, short[].class, null, -1)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            final short[] array = (short[])value;
            final int start = writeCount(array.length, 2, buffer, index);
            for (int i = 0; i < array.length; i++)
            {
                buffer.putShort(start + 2 * i, array[i], Buffers.ORDER);
            }
            return start + 2 * array.length;
        }

        Object read(final ByteReader reader)
        {
            final short[] array = new short[reader.readCount(2, "short[]")];
            for (int i = 0; i < array.length; i++)
            {
                array[i] = reader.readShort();
            }
            return array;
        }
    },

    CHAR_ARRAY(Tags.CHAR_ARRAY, char[].class, null, -1)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            final char[] array = (char[])value;
            final int start = writeCount(array.length, 2, buffer, index);
            for (int i = 0; i < array.length; i++)
            {
                buffer.putChar(start + 2 * i, array[i], Buffers.ORDER);
            }
            return start + 2 * array.length;
        }

        Object read(final ByteReader reader)
        {
            final char[] array = new char[reader.readCount(2, "char[]")];
            for (int i = 0; i < array.length; i++)
            {
                array[i] = reader.readChar();
            }
            return array;
        }
    },

    INT_ARRAY(Tags.INT_ARRAY, int[].class, null, -1)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            final int[] array = (int[])value;
            final int start = writeCount(array.length, 4, buffer, index);
            if (BulkCopy.ENABLED)
            {
                BulkCopy.toBuffer(array, 4L * array.length, buffer, start);
                return start + 4 * array.length;
            }
            for (int i = 0; i < array.length; i++)
            {
                buffer.putInt(start + 4 * i, array[i], Buffers.ORDER);
            }
            return start + 4 * array.length;
        }

        Object read(final ByteReader reader)
        {
            final int[] array = new int[reader.readCount(4, "int[]")];
            if (BulkCopy.ENABLED)
            {
                final int at = reader.position();
                reader.skip(4 * array.length);
                BulkCopy.fromBuffer(reader.buffer(), at, array, 4L * array.length);
                return array;
            }
            for (int i = 0; i < array.length; i++)
            {
                array[i] = reader.readInt();
            }
            return array;
        }
    },

    LONG_ARRAY(Tags.LONG_ARRAY, long[].class, null, -1)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            final long[] array = (long[])value;
            final int start = writeCount(array.length, 8, buffer, index);
            if (BulkCopy.ENABLED)
            {
                BulkCopy.toBuffer(array, 8L * array.length, buffer, start);
                return start + 8 * array.length;
            }
            for (int i = 0; i < array.length; i++)
            {
                buffer.putLong(start + 8 * i, array[i], Buffers.ORDER);
            }
            return start + 8 * array.length;
        }

        Object read(final ByteReader reader)
        {
            final long[] array = new long[reader.readCount(8, "long[]")];
            if (BulkCopy.ENABLED)
            {
                final int at = reader.position();
                reader.skip(8 * array.length);
                BulkCopy.fromBuffer(reader.buffer(), at, array, 8L * array.length);
                return array;
            }
            for (int i = 0; i < array.length; i++)
            {
                array[i] = reader.readLong();
            }
            return array;
        }
    },

    FLOAT_ARRAY(Tags.FLOAT_ARRAY, float[].class, null, -1)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            final float[] array = (float[])value;
            final int start = writeCount(array.length, 4, buffer, index);
            if (BulkCopy.ENABLED)
            {
                BulkCopy.toBuffer(array, 4L * array.length, buffer, start);
                return start + 4 * array.length;
            }
            for (int i = 0; i < array.length; i++)
            {
                buffer.putInt(start + 4 * i, Float.floatToRawIntBits(array[i]), Buffers.ORDER);
            }
            return start + 4 * array.length;
        }

        Object read(final ByteReader reader)
        {
            final float[] array = new float[reader.readCount(4, "float[]")];
            if (BulkCopy.ENABLED)
            {
                final int at = reader.position();
                reader.skip(4 * array.length);
                BulkCopy.fromBuffer(reader.buffer(), at, array, 4L * array.length);
                return array;
            }
            for (int i = 0; i < array.length; i++)
            {
                array[i] = reader.readFloat();
            }
            return array;
        }
    },

    DOUBLE_ARRAY(Tags.DOUBLE_ARRAY, double[].class, null, -1)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            final double[] array = (double[])value;
            final int start = writeCount(array.length, 8, buffer, index);
            if (BulkCopy.ENABLED)
            {
                BulkCopy.toBuffer(array, 8L * array.length, buffer, start);
                return start + 8 * array.length;
            }
            for (int i = 0; i < array.length; i++)
            {
                buffer.putLong(start + 8 * i, Double.doubleToRawLongBits(array[i]), Buffers.ORDER);
            }
            return start + 8 * array.length;
        }

        Object read(final ByteReader reader)
        {
            final double[] array = new double[reader.readCount(8, "double[]")];
            if (BulkCopy.ENABLED)
            {
                final int at = reader.position();
                reader.skip(8 * array.length);
                BulkCopy.fromBuffer(reader.buffer(), at, array, 8L * array.length);
                return array;
            }
            for (int i = 0; i < array.length; i++)
            {
                array[i] = reader.readDouble();
            }
            return array;
        }
    },

    STRING_ARRAY(Tags.STRING_ARRAY, String[].class, null, -1)
    {
        int write(final Object value, final MutableDirectBuffer buffer, final int index)
        {
            final String[] array = (String[])value;
            int p = writeCount(array.length, 0, buffer, index);
            for (final String element : array)
            {
                if (element == null)
                {
                    Buffers.reserve(buffer, p, 4);
                    buffer.putInt(p, -1, Buffers.ORDER);
                    p += 4;
                }
                else
                {
                    p = Utf8.writeWithLength(element, buffer, p);
                }
            }
            return p;
        }

        Object read(final ByteReader reader)
        {
            final String[] array = new String[reader.readCount(4, "String[]")];
            for (int i = 0; i < array.length; i++)
            {
                final int at = reader.position();
                final int lengthBytes = reader.readInt();
                if (lengthBytes == -1)
                {
                    continue;
                }
                if (lengthBytes < 0 || lengthBytes > reader.remaining())
                {
                    throw new CodecException("cannot decode: corrupt input: bad String[] element length=" +
                        lengthBytes + " remaining=" + reader.remaining() + " at=" + at);
                }
                array[i] = Utf8.read(reader.buffer(), reader.position(), lengthBytes);
                reader.skip(lengthBytes);
            }
            return array;
        }
    };

    private static final ValueType[] BY_TAG = new ValueType[256];
    private static final Map<Class<?>, ValueType> BY_CLASS = new HashMap<>();

    static
    {
        for (final ValueType type : values())
        {
            BY_TAG[type.tag & 0xFF] = type;
            BY_CLASS.put(type.type, type);
            if (type.primitive != null)
            {
                BY_CLASS.put(type.primitive, type);
            }
        }
    }

    final byte tag;
    final Class<?> type;
    final Class<?> primitive;
    final int fixedWidth;

    ValueType(final byte tag, final Class<?> type, final Class<?> primitive, final int fixedWidth)
    {
        this.tag = tag;
        this.type = type;
        this.primitive = primitive;
        this.fixedWidth = fixedWidth;
    }

    /**
     * Writes the payload of a non-null value of this type.
     *
     * @return the index after the last byte written.
     */
    abstract int write(Object value, MutableDirectBuffer buffer, int index);

    /**
     * Reads the payload of a value of this type.
     */
    abstract Object read(ByteReader reader);

    /**
     * @return the type for a class (boxed, primitive, String or array), or null if it is not built in.
     */
    static ValueType of(final Class<?> type)
    {
        return BY_CLASS.get(type);
    }

    /**
     * @return the type with this tag, or null.
     */
    static ValueType ofTag(final byte tag)
    {
        return BY_TAG[tag & 0xFF];
    }

    private static int writeCount(
        final int count, final int bytesEach, final MutableDirectBuffer buffer, final int index)
    {
        Buffers.reserve(buffer, index, 4 + (long)count * bytesEach);
        buffer.putInt(index, count, Buffers.ORDER);
        return index + 4;
    }
}
