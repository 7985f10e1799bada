package io.mp4j.ipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Strings as UTF-8, exactly round trip for every Java string: a valid surrogate pair is one 4-byte sequence, and an
 * unpaired surrogate (legal in a Java string, not in Unicode text) is the 3-byte sequence of its code unit, as in
 * WTF-8, where {@link String#getBytes} would replace it with '?'. Any string without unpaired surrogates is therefore
 * standard UTF-8. Decoding rejects everything else that is not UTF-8 (overlong forms, stray continuation bytes, code
 * points above U+10FFFF) with a {@link CodecException}. ASCII takes a fast path both ways.
 */
final class Utf8
{
    private Utf8()
    {
    }

    /**
     * @return the number of bytes {@link #write} will write.
     */
    static long encodedLength(final String value)
    {
        final int n = value.length();
        long lengthBytes = n;
        for (int i = 0; i < n; i++)
        {
            final char c = value.charAt(i);
            if (c >= 0x80)
            {
                if (c < 0x800)
                {
                    lengthBytes += 1;
                }
                else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1)))
                {
                    lengthBytes += 2;
                    i++;
                }
                else
                {
                    lengthBytes += 2;
                }
            }
        }
        return lengthBytes;
    }

    /**
     * Writes a 4-byte length then the bytes.
     *
     * @return the index after the last byte written.
     */
    static int writeWithLength(final String value, final MutableDirectBuffer buffer, final int index)
    {
        final long lengthBytes = encodedLength(value);
        Buffers.reserve(buffer, index, 4 + lengthBytes);
        buffer.putInt(index, (int)lengthBytes, Buffers.ORDER);
        return write(value, (int)lengthBytes, buffer, index + 4);
    }

    /**
     * Writes the bytes only, into space already reserved.
     *
     * @param lengthBytes what {@link #encodedLength} returned for the value.
     * @return the index after the last byte written.
     */
    static int write(final String value, final int lengthBytes, final MutableDirectBuffer buffer, final int index)
    {
        final int n = value.length();
        if (lengthBytes == n)
        {
            buffer.putStringWithoutLengthAscii(index, value);
            return index + n;
        }
        int p = index;
        for (int i = 0; i < n; i++)
        {
            final char c = value.charAt(i);
            if (c < 0x80)
            {
                buffer.putByte(p++, (byte)c);
            }
            else if (c < 0x800)
            {
                buffer.putByte(p++, (byte)(0xC0 | (c >>> 6)));
                buffer.putByte(p++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1)))
            {
                final int codePoint = Character.toCodePoint(c, value.charAt(++i));
                buffer.putByte(p++, (byte)(0xF0 | (codePoint >>> 18)));
                buffer.putByte(p++, (byte)(0x80 | ((codePoint >>> 12) & 0x3F)));
                buffer.putByte(p++, (byte)(0x80 | ((codePoint >>> 6) & 0x3F)));
                buffer.putByte(p++, (byte)(0x80 | (codePoint & 0x3F)));
            }
            else
            {
                buffer.putByte(p++, (byte)(0xE0 | (c >>> 12)));
                buffer.putByte(p++, (byte)(0x80 | ((c >>> 6) & 0x3F)));
                buffer.putByte(p++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        return p;
    }

    /**
     * Reads {@code lengthBytes} bytes, already checked to lie inside the message.
     */
    static String read(final DirectBuffer buffer, final int index, final int lengthBytes)
    {
        if (lengthBytes == 0)
        {
            return "";
        }
        final byte[] bytes = new byte[lengthBytes];
        buffer.getBytes(index, bytes);
        int i = 0;
        while (i < lengthBytes && bytes[i] >= 0)
        {
            i++;
        }
        if (i == lengthBytes)
        {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        final char[] chars = new char[lengthBytes];
        int n = 0;
        for (int j = 0; j < i; j++)
        {
            chars[n++] = (char)bytes[j];
        }
        while (i < lengthBytes)
        {
            final int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80)
            {
                chars[n++] = (char)b0;
                i += 1;
            }
            else if (b0 >= 0xC2 && b0 <= 0xDF)
            {
                need(bytes, i, 2, index);
                chars[n++] = (char)(((b0 & 0x1F) << 6) | continuation(bytes, i + 1, index));
                i += 2;
            }
            else if (b0 >= 0xE0 && b0 <= 0xEF)
            {
                need(bytes, i, 3, index);
                final int b1 = continuation(bytes, i + 1, index);
                if (b0 == 0xE0 && b1 < 0x20)
                {
                    throw invalid("overlong 3-byte sequence", index + i);
                }
                chars[n++] = (char)(((b0 & 0x0F) << 12) | (b1 << 6) | continuation(bytes, i + 2, index));
                i += 3;
            }
            else if (b0 >= 0xF0 && b0 <= 0xF4)
            {
                need(bytes, i, 4, index);
                final int codePoint = ((b0 & 0x07) << 18) | (continuation(bytes, i + 1, index) << 12) |
                    (continuation(bytes, i + 2, index) << 6) | continuation(bytes, i + 3, index);
                if (codePoint < 0x10000 || codePoint > Character.MAX_CODE_POINT)
                {
                    throw invalid("4-byte sequence out of range", index + i);
                }
                chars[n++] = Character.highSurrogate(codePoint);
                chars[n++] = Character.lowSurrogate(codePoint);
                i += 4;
            }
            else
            {
                throw invalid("bad lead byte=" + Tags.hex(b0), index + i);
            }
        }
        return new String(chars, 0, n);
    }

    private static void need(final byte[] bytes, final int i, final int count, final int index)
    {
        if (i + count > bytes.length)
        {
            throw invalid("truncated sequence", index + i);
        }
    }

    private static int continuation(final byte[] bytes, final int i, final int index)
    {
        final int b = bytes[i] & 0xFF;
        if ((b & 0xC0) != 0x80)
        {
            throw invalid("bad continuation byte=" + Tags.hex(b), index + i);
        }
        return b & 0x3F;
    }

    private static CodecException invalid(final String detail, final int at)
    {
        return new CodecException("cannot decode: corrupt input: invalid UTF-8: " + detail + " at=" + at);
    }
}
