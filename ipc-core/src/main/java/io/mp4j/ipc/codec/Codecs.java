package io.mp4j.ipc.codec;

import java.io.ObjectInputFilter;

/**
 * The built-in codecs: {@link #objects()} for any value, and typed codecs that skip the tag when the type is known.
 *
 * <h2>Wire format of {@link #objects()}</h2>
 *
 * One tag byte, then the payload. All multi-byte values are little-endian; a count or length is a 4-byte signed
 * int, never negative (except -1 for a null element of a {@code String[]}); strings are UTF-8 with unpaired
 * surrogates kept as 3-byte sequences (WTF-8), so every Java string round trips exactly. Decoding checks every length
 * against the bytes left and gives a {@link CodecException} for anything malformed, including trailing bytes.
 *
 * <table class="striped">
 * <caption>Tags and payloads</caption>
 * <thead>
 * <tr><th scope="col">tag</th><th scope="col">value</th><th scope="col">payload after the tag</th></tr>
 * </thead>
 * <tbody>
 * <tr><td>0x00</td><td>null</td><td>none</td></tr>
 * <tr><td>0x01</td><td>Boolean</td><td>1 byte: 0 or 1</td></tr>
 * <tr><td>0x02</td><td>Byte</td><td>1 byte</td></tr>
 * <tr><td>0x03</td><td>Short</td><td>2 bytes</td></tr>
 * <tr><td>0x04</td><td>Character</td><td>2 bytes (UTF-16 code unit)</td></tr>
 * <tr><td>0x05</td><td>Integer</td><td>4 bytes</td></tr>
 * <tr><td>0x06</td><td>Long</td><td>8 bytes</td></tr>
 * <tr><td>0x07</td><td>Float</td><td>4 bytes: raw IEEE 754 bits (NaN payloads kept)</td></tr>
 * <tr><td>0x08</td><td>Double</td><td>8 bytes: raw IEEE 754 bits</td></tr>
 * <tr><td>0x09</td><td>String</td><td>length in bytes (4), UTF-8 bytes</td></tr>
 * <tr><td>0x11</td><td>boolean[]</td><td>count (4), 1 byte each: 0 or 1</td></tr>
 * <tr><td>0x12</td><td>byte[]</td><td>count (4), the bytes</td></tr>
 * <tr><td>0x13</td><td>short[]</td><td>count (4), 2 bytes each</td></tr>
 * <tr><td>0x14</td><td>char[]</td><td>count (4), 2 bytes each</td></tr>
 * <tr><td>0x15</td><td>int[]</td><td>count (4), 4 bytes each</td></tr>
 * <tr><td>0x16</td><td>long[]</td><td>count (4), 8 bytes each</td></tr>
 * <tr><td>0x17</td><td>float[]</td><td>count (4), 4 bytes each (raw bits)</td></tr>
 * <tr><td>0x18</td><td>double[]</td><td>count (4), 8 bytes each (raw bits)</td></tr>
 * <tr><td>0x19</td><td>String[]</td><td>count (4), per element: length (4, -1 for null), UTF-8 bytes</td></tr>
 * <tr><td>0x20</td><td>enum constant</td><td>class name (string: length (4), UTF-8), constant name (string)</td></tr>
 * <tr><td>0x21</td><td>record on the built-in path</td><td>class name (string), fingerprint (4), components in
 * declaration order (below)</td></tr>
 * <tr><td>0x30</td><td>anything else: Java serialization</td><td>length (4), the {@code ObjectOutputStream}
 * stream</td></tr>
 * </tbody>
 * </table>
 *
 * <p>An array's tag is {@code 0x10 | element tag}. Tags never change meaning; new ones may be added.
 *
 * <p><b>Records.</b> A record takes the built-in path when each of its components is of a type above (primitive or
 * boxed, String, one of the arrays), an enum, or a record that qualifies in turn. A primitive component is its bare
 * payload; any other component is a presence byte (0 null, 1 present) followed by: the payload of its type, the enum
 * constant's name (string), or the nested record's components (no class name: a record class is final, so the
 * declared type says which). The fingerprint is a CRC-32C of the component names and types, nested records
 * included, so a reader with another version of the class refuses the message instead of misreading it. Other records
 * take the fallback like any object.
 *
 * <p><b>Which classes are created.</b> Decoding creates a record, enum or serialized class only if the codec's filter
 * allows it: by default an {@link AllowList} of the JDK's value classes ({@link AllowList#defaults()}); your records
 * and classes need {@link #objectsAllowing(String...)}. The same check runs at encode, so a value the receiving codec
 * would refuse fails at {@code put}, in the producer, with the class name and how to allow it. A value that is not
 * Serializable, or holds something that is not, also fails at encode, naming the field where it can.
 *
 * <p><b>Typed codecs</b> write the bare payload: {@link #longs()} 8 bytes, {@link #ints()} 4, {@link #doubles()} 8,
 * {@link #strings()} the UTF-8 bytes (no length: the message has one), {@link #bytes()} the bytes as they are,
 * {@link #record(Class)} the fingerprint then the components. They refuse null.
 *
 * <p>Threading: every codec here is thread-safe; one instance may serve every thread.
 */
public final class Codecs
{
    private static final Codec<Object> OBJECTS = new ObjectCodec(AllowList.defaults(), null);
    private static final Codec<Long> LONGS = new FixedWidthCodec<>(ValueType.LONG, Long.class, "Codecs.longs()");
    private static final Codec<Integer> INTS = new FixedWidthCodec<>(ValueType.INT, Integer.class, "Codecs.ints()");
    private static final Codec<Double> DOUBLES =
        new FixedWidthCodec<>(ValueType.DOUBLE, Double.class, "Codecs.doubles()");

    private Codecs()
    {
    }

    /**
     * Any value: built-in types, enums and records directly, the rest through Java serialization; classes allowed by
     * {@link AllowList#defaults()} only.
     *
     * @return the codec, shared.
     */
    public static Codec<Object> objects()
    {
        return OBJECTS;
    }

    /**
     * Like {@link #objects()}, and also creating the classes these patterns name, e.g.
     * {@code objectsAllowing("com.example.", "org.acme.Trade")}.
     *
     * @param patterns classes or packages: see {@link AllowList}.
     * @return a new codec.
     * @throws IllegalArgumentException if a pattern is malformed, naming it.
     */
    public static Codec<Object> objectsAllowing(final String... patterns)
    {
        return objects(AllowList.defaults().allow(patterns));
    }

    /**
     * Like {@link #objects()}, creating only the classes this filter ALLOWS (an {@link AllowList}, or a filter of your
     * own such as {@code ObjectInputFilter.Config.createFilter("com.example.**;java.lang.*;!*")}). A class the filter
     * leaves UNDECIDED is refused. The filter is asked about each record and enum class, and about every class and the
     * limits of each serialization stream; mp4j adds its own limits on array length and depth.
     *
     * @param filter which classes may be created.
     * @return a new codec.
     */
    public static Codec<Object> objects(final ObjectInputFilter filter)
    {
        return new ObjectCodec(filter, null);
    }

    /**
     * Like {@link #objects(ObjectInputFilter)}, loading the classes named in messages with this class loader instead
     * of the thread's context class loader.
     *
     * @param filter which classes may be created.
     * @param loader where to load them from.
     * @return a new codec.
     */
    public static Codec<Object> objects(final ObjectInputFilter filter, final ClassLoader loader)
    {
        if (loader == null)
        {
            throw new NullPointerException("loader");
        }
        return new ObjectCodec(filter, loader);
    }

    /**
     * @return a codec of non-null longs: 8 bytes, little-endian.
     */
    public static Codec<Long> longs()
    {
        return LONGS;
    }

    /**
     * @return a codec of non-null ints: 4 bytes, little-endian.
     */
    public static Codec<Integer> ints()
    {
        return INTS;
    }

    /**
     * @return a codec of non-null doubles: 8 bytes, the raw IEEE 754 bits, little-endian.
     */
    public static Codec<Double> doubles()
    {
        return DOUBLES;
    }

    /**
     * @return a codec of non-null strings: their UTF-8 bytes alone (unpaired surrogates as in WTF-8).
     */
    public static Codec<String> strings()
    {
        return StringCodec.INSTANCE;
    }

    /**
     * @return a codec of non-null byte arrays: the bytes as they are.
     */
    public static Codec<byte[]> bytes()
    {
        return BytesCodec.INSTANCE;
    }

    /**
     * A codec of one record type: its fingerprint (4 bytes), then its components as {@link #objects()} writes them,
     * with no tag and no class name. No filter applies: you named the class.
     *
     * @param type a record whose components are all of built-in types, enums or such records.
     * @param <R>  the record type.
     * @return a new codec.
     * @throws CodecException if a component is of another type, or mp4j may not call the record's accessors.
     */
    public static <R extends Record> Codec<R> record(final Class<R> type)
    {
        return new RecordCodec<>(type);
    }
}
