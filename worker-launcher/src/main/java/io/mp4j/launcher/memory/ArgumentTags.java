package io.mp4j.launcher.memory;

/**
 * The one-byte tags that start each value's encoding in {@link ArgumentHasher} ({@code docs/MEMORY.md} gives each
 * body). A tag's number never changes meaning: a new encoding gets a new tag and a new
 * {@link ArgumentHasher#ENCODING_VERSION}.
 *
 * <p>Threading: constants only.
 */
final class ArgumentTags
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
    static final byte STRING_UTF16 = 0x0A;
    static final byte BIG_INTEGER = 0x0B;
    static final byte BIG_DECIMAL = 0x0C;
    static final byte ENUM = 0x0D;
    static final byte CLASS = 0x0E;
    static final byte UUID_VALUE = 0x0F;
    static final byte TIME = 0x10;
    static final byte OPTIONAL = 0x11;
    static final byte OPTIONAL_INT = 0x12;
    static final byte OPTIONAL_LONG = 0x13;
    static final byte OPTIONAL_DOUBLE = 0x14;
    static final byte ARRAY = 0x15;
    static final byte LIST = 0x16;
    static final byte SET = 0x17;
    static final byte MAP = 0x18;
    static final byte RECORD = 0x19;
    static final byte CACHE_KEY = 0x1A;
    static final byte RAW = 0x1B;

    private ArgumentTags()
    {
    }
}
