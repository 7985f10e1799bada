package io.mp4j.ipc.codec;

import org.agrona.DirectBuffer;

/**
 * A cursor over the bytes of one message that checks every read against the message's end, so corrupt input gives a
 * {@link CodecException} naming the position, never a read outside the message or a huge allocation.
 *
 * <p>Threading: one decode, one thread.
 */
final class ByteReader
{
    private final DirectBuffer buffer;
    private final int limit;
    private int position;

    ByteReader(final DirectBuffer buffer, final int offset, final int length)
    {
        if (buffer == null)
        {
            throw new CodecException("cannot decode: buffer is null");
        }
        if (offset < 0 || length < 0 || (long)offset + length > buffer.capacity())
        {
            throw new CodecException("cannot decode: range outside the buffer: offset=" + offset + " length=" + length +
                " capacity=" + buffer.capacity());
        }
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    int position()
    {
        return position;
    }

    int remaining()
    {
        return limit - position;
    }

    void require(final int lengthBytes)
    {
        if (lengthBytes > limit - position)
        {
            throw corrupt("truncated: need=" + lengthBytes + " remaining=" + (limit - position));
        }
    }

    void skip(final int lengthBytes)
    {
        require(lengthBytes);
        position += lengthBytes;
    }

    byte readByte()
    {
        require(1);
        return buffer.getByte(position++);
    }

    boolean readBoolean()
    {
        final int at = position;
        final byte value = readByte();
        if (value == 0)
        {
            return false;
        }
        if (value == 1)
        {
            return true;
        }
        throw new CodecException("cannot decode: corrupt input: boolean byte=" + value + " at=" + at);
    }

    short readShort()
    {
        require(2);
        final short value = buffer.getShort(position, Buffers.ORDER);
        position += 2;
        return value;
    }

    char readChar()
    {
        require(2);
        final char value = buffer.getChar(position, Buffers.ORDER);
        position += 2;
        return value;
    }

    int readInt()
    {
        require(4);
        final int value = buffer.getInt(position, Buffers.ORDER);
        position += 4;
        return value;
    }

    long readLong()
    {
        require(8);
        final long value = buffer.getLong(position, Buffers.ORDER);
        position += 8;
        return value;
    }

    float readFloat()
    {
        return Float.intBitsToFloat(readInt());
    }

    double readDouble()
    {
        return Double.longBitsToDouble(readLong());
    }

    /**
     * Reads an element count and checks it against what is left: {@code count * minBytesEach <= remaining}.
     */
    int readCount(final int minBytesEach, final String what)
    {
        final int at = position;
        final int count = readInt();
        if (count < 0)
        {
            throw new CodecException("cannot decode: corrupt input: negative length: what=" + what +
                " length=" + count + " at=" + at);
        }
        if ((long)count * minBytesEach > limit - position)
        {
            throw new CodecException("cannot decode: corrupt input: length beyond the message: what=" + what +
                " length=" + count + " remaining=" + (limit - position) + " at=" + at);
        }
        return count;
    }

    /**
     * Reads a string: a 4-byte length, then that many bytes of UTF-8.
     */
    String readString()
    {
        return readString(Integer.MAX_VALUE, "string");
    }

    /**
     * Reads a string of at most {@code maxBytes} bytes.
     */
    String readString(final int maxBytes, final String what)
    {
        final int at = position;
        final int lengthBytes = readCount(1, what);
        if (lengthBytes > maxBytes)
        {
            throw new CodecException("cannot decode: corrupt input: " + what + " too long: length=" + lengthBytes +
                " max=" + maxBytes + " at=" + at);
        }
        final String value = Utf8.read(buffer, position, lengthBytes);
        position += lengthBytes;
        return value;
    }

    void expectEnd()
    {
        if (position != limit)
        {
            throw corrupt("trailing bytes after the value: count=" + (limit - position));
        }
    }

    CodecException corrupt(final String detail)
    {
        return new CodecException("cannot decode: corrupt input: " + detail + " at=" + position);
    }
}
