package io.mp4j.ipc.codec;

/**
 * The one-byte type tags of {@link Codecs#objects()}: the first byte of every encoded value. The table in
 * {@link Codecs} gives the payload that follows each tag. Tags never change meaning; new ones may be added.
 */
final class Tags
{
    static final byte NULL = 0x00;

    static final byte BOOLEAN = 0x01;
    static final byte BYTE = 0x02;
    static final byte SHORT = 0x03;
    static final byte CHAR = 0x04;
    static final byte INT = 0x05;
    static final byte LONG = 0x06;
    static final byte FLOAT = 0x07;
    static final byte DOUBLE = 0x08;
    static final byte STRING = 0x09;

    /** An array's tag is {@code ARRAY | elementTag}. */
    static final byte ARRAY = 0x10;
    static final byte BOOLEAN_ARRAY = ARRAY | BOOLEAN;
    static final byte BYTE_ARRAY = ARRAY | BYTE;
    static final byte SHORT_ARRAY = ARRAY | SHORT;
    static final byte CHAR_ARRAY = ARRAY | CHAR;
    static final byte INT_ARRAY = ARRAY | INT;
    static final byte LONG_ARRAY = ARRAY | LONG;
    static final byte FLOAT_ARRAY = ARRAY | FLOAT;
    static final byte DOUBLE_ARRAY = ARRAY | DOUBLE;
    static final byte STRING_ARRAY = ARRAY | STRING;

    static final byte ENUM = 0x20;
    static final byte RECORD = 0x21;
    static final byte SERIALIZED = 0x30;

    /** Longest class or enum constant name accepted in a message, in bytes of UTF-8. */
    static final int MAX_NAME_BYTES = 1024;

    private Tags()
    {
    }

    static String hex(final int tag)
    {
        return String.format("0x%02x", tag & 0xFF);
    }
}
