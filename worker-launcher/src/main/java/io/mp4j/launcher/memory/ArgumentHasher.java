package io.mp4j.launcher.memory;

import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The SHA-256 digest of values in a canonical, type-tagged encoding that is equal for equal values in any JVM, run
 * or machine: the arguments part of {@code Memory}'s key. Equal means equal by content: a {@code HashMap} and a
 * {@code TreeMap} with the same entries, sets whatever their order, records and arrays by their components and
 * elements. Values of different types differ ({@code Integer 1} and {@code Long 1}, {@code int[]{1}} and
 * {@code long[]{1}}). Nothing non-deterministic (Java serialization, identity hash codes, hash iteration order)
 * enters the encoding. {@code docs/MEMORY.md} gives the encoding of each type; the golden test pins it.
 *
 * <p>Hashable: null; {@code Boolean}, {@code Byte}, {@code Short}, {@code Character}, {@code Integer},
 * {@code Long}, {@code Float}, {@code Double} (every NaN one value, {@code -0.0} not {@code 0.0}); {@code String};
 * {@code BigInteger}; {@code BigDecimal} (unscaled value and scale: {@code 1.0} is not {@code 1.00}); enums;
 * {@code Class} (by name); {@code UUID}; the {@code java.time} value types; {@code Optional} and its primitive
 * forms; arrays; {@code List}, {@code Set}, {@code Map}; records; any {@link CacheKey}. Anything else, a cycle, or
 * nesting deeper than {@value #MAX_DEPTH} levels is an {@link UnhashableArgumentException} naming the type and the
 * path to the value.
 *
 * <p>Threading: not thread-safe: one hasher per call, or per thread, reused after {@link #digest()} or
 * {@link #reset()}.
 */
public final class ArgumentHasher
{
    /**
     * The encoding's version: changes whenever any value's encoding changes.
     */
    public static final int ENCODING_VERSION = 1;

    /**
     * Values nested deeper than this are an error (deep enough for data, shallow enough for any thread's stack).
     */
    public static final int MAX_DEPTH = 256;

    private static final String HASHABLE = "hashable: null, boxed primitives, String, BigInteger, BigDecimal, enums,"
        + " Class, UUID, java.time values, Optional, arrays, List, Set, Map, records of hashable components;"
        + " implement " + CacheKey.class.getName();

    private static final Set<Class<?>> TIME_TYPES = Set.of(
        Instant.class, LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class, OffsetTime.class,
        ZonedDateTime.class, Duration.class, Period.class, Year.class, YearMonth.class, MonthDay.class,
        ZoneOffset.class);

    private final DigestSink root = new DigestSink(DigestSink.sha256());
    private final List<DigestSink> children = new ArrayList<>();
    private final ArgumentPath path = new ArgumentPath();
    private final IdentityHashMap<Object, Boolean> enclosing = new IdentityHashMap<>();
    private DigestSink sink = root;
    private int childLevel;
    private int values;

    /**
     * A hasher with nothing added.
     */
    public ArgumentHasher()
    {
    }

    /**
     * Appends one value's canonical encoding; in an error message its path starts with {@code [n]}, n counting the
     * values added since the last digest or reset from 0.
     *
     * <p>Threading: the hasher's thread.
     *
     * @param value the value.
     * @return this hasher.
     * @throws UnhashableArgumentException when the value or a value in it cannot be hashed; the hasher is reset.
     */
    public ArgumentHasher add(final Object value)
    {
        path.push(ArgumentPath.INDEX, values, null);
        return addAt(value);
    }

    /**
     * Appends one value's canonical encoding, naming it in an error message's path: {@code add("argument 0", x)}
     * gives paths such as {@code argument 0.items[3]}. The label is not hashed.
     *
     * <p>Threading: the hasher's thread.
     *
     * @param label the value's name in error messages.
     * @param value the value.
     * @return this hasher.
     * @throws UnhashableArgumentException when the value or a value in it cannot be hashed; the hasher is reset.
     */
    public ArgumentHasher add(final String label, final Object value)
    {
        Objects.requireNonNull(label, "label");
        path.push(ArgumentPath.LABEL, values, label);
        return addAt(value);
    }

    /**
     * Appends raw bytes, tagged and length-prefixed so they can never read as a value: prefix data such as a
     * function's id and code digest.
     *
     * <p>Threading: the hasher's thread.
     *
     * @param raw the bytes.
     * @return this hasher.
     */
    public ArgumentHasher addBytes(final byte[] raw)
    {
        Objects.requireNonNull(raw, "raw");
        sink.putByte(ArgumentTags.RAW);
        sink.putInt(raw.length);
        sink.putBytes(raw);
        return this;
    }

    /**
     * Finishes the digest and resets the hasher for the next key.
     *
     * <p>Threading: the hasher's thread.
     *
     * @return the SHA-256 (32 bytes) of everything added since the last digest or reset.
     */
    public byte[] digest()
    {
        final byte[] digest = root.digest();
        reset();
        return digest;
    }

    /**
     * Forgets everything added.
     *
     * <p>Threading: the hasher's thread.
     */
    public void reset()
    {
        root.reset();
        for (final DigestSink child : children)
        {
            child.reset();
        }
        sink = root;
        childLevel = 0;
        values = 0;
        path.clear();
        enclosing.clear();
    }

    private ArgumentHasher addAt(final Object value)
    {
        try
        {
            encode(value);
        }
        catch (final RuntimeException ex)
        {
            reset();
            throw ex;
        }
        path.pop();
        values++;
        return this;
    }

    private void encode(final Object value)
    {
        if (value == null)
        {
            sink.putByte(ArgumentTags.NULL);
            return;
        }
        final Class<?> type = value.getClass();
        if (type == Integer.class)
        {
            sink.putByte(ArgumentTags.INT);
            sink.putInt((Integer)value);
        }
        else if (type == String.class)
        {
            putString((String)value);
        }
        else if (type == Long.class)
        {
            sink.putByte(ArgumentTags.LONG);
            sink.putLong((Long)value);
        }
        else if (type == Double.class)
        {
            sink.putByte(ArgumentTags.DOUBLE);
            sink.putDouble((Double)value);
        }
        else if (type == Boolean.class)
        {
            sink.putByte(ArgumentTags.BOOLEAN);
            sink.putByte((Boolean)value ? 1 : 0);
        }
        else if (!encodeOtherScalar(type, value) && !encodeContainer(type, value))
        {
            throw unhashable(type, null, null);
        }
    }

    private boolean encodeOtherScalar(final Class<?> type, final Object value)
    {
        if (type == Float.class)
        {
            sink.putByte(ArgumentTags.FLOAT);
            sink.putFloat((Float)value);
        }
        else if (type == Short.class)
        {
            sink.putByte(ArgumentTags.SHORT);
            sink.putShort((Short)value);
        }
        else if (type == Byte.class)
        {
            sink.putByte(ArgumentTags.BYTE);
            sink.putByte((Byte)value);
        }
        else if (type == Character.class)
        {
            sink.putByte(ArgumentTags.CHAR);
            sink.putChar((Character)value);
        }
        else if (value instanceof Enum<?> constant && !(value instanceof CacheKey))
        {
            sink.putByte(ArgumentTags.ENUM);
            putClassName(constant.getDeclaringClass());
            putText(constant.name());
        }
        else if (type == BigInteger.class)
        {
            sink.putByte(ArgumentTags.BIG_INTEGER);
            putSignedBytes(((BigInteger)value).toByteArray());
        }
        else if (type == BigDecimal.class)
        {
            sink.putByte(ArgumentTags.BIG_DECIMAL);
            putSignedBytes(((BigDecimal)value).unscaledValue().toByteArray());
            sink.putInt(((BigDecimal)value).scale());
        }
        else if (value instanceof Class<?> named)
        {
            sink.putByte(ArgumentTags.CLASS);
            putClassName(named);
        }
        else if (type == UUID.class)
        {
            sink.putByte(ArgumentTags.UUID_VALUE);
            sink.putLong(((UUID)value).getMostSignificantBits());
            sink.putLong(((UUID)value).getLeastSignificantBits());
        }
        else if (TIME_TYPES.contains(type) || value instanceof ZoneId)
        {
            sink.putByte(ArgumentTags.TIME);
            // a region zone's class is not public: all of them are one type, ZoneId
            putText(TIME_TYPES.contains(type) ? type.getName() : ZoneId.class.getName());
            putText(value.toString());
        }
        else
        {
            return encodeOptional(type, value);
        }
        return true;
    }

    private boolean encodeOptional(final Class<?> type, final Object value)
    {
        if (type == Optional.class)
        {
            final Optional<?> optional = (Optional<?>)value;
            sink.putByte(ArgumentTags.OPTIONAL);
            sink.putByte(optional.isPresent() ? 1 : 0);
            if (optional.isPresent())
            {
                nested(value, ArgumentPath.COMPONENT, "get()");
                encode(optional.get());
                unnest(value);
            }
        }
        else if (type == OptionalInt.class)
        {
            final OptionalInt optional = (OptionalInt)value;
            sink.putByte(ArgumentTags.OPTIONAL_INT);
            sink.putByte(optional.isPresent() ? 1 : 0);
            sink.putInt(optional.orElse(0));
        }
        else if (type == OptionalLong.class)
        {
            final OptionalLong optional = (OptionalLong)value;
            sink.putByte(ArgumentTags.OPTIONAL_LONG);
            sink.putByte(optional.isPresent() ? 1 : 0);
            sink.putLong(optional.orElse(0));
        }
        else if (type == OptionalDouble.class)
        {
            final OptionalDouble optional = (OptionalDouble)value;
            sink.putByte(ArgumentTags.OPTIONAL_DOUBLE);
            sink.putByte(optional.isPresent() ? 1 : 0);
            sink.putDouble(optional.orElse(0));
        }
        else
        {
            return false;
        }
        return true;
    }

    private boolean encodeContainer(final Class<?> type, final Object value)
    {
        if (value instanceof CacheKey key)
        {
            sink.putByte(ArgumentTags.CACHE_KEY);
            putClassName(type);
            nested(value, ArgumentPath.COMPONENT, "cacheKey()");
            encode(key.cacheKey());
            unnest(value);
        }
        else if (type.isArray())
        {
            encodeArray(type, value);
        }
        else if (value instanceof List<?> list)
        {
            encodeList(list);
        }
        else if (value instanceof Set<?> set)
        {
            encodeSet(set);
        }
        else if (value instanceof Map<?, ?> map)
        {
            encodeMap(map);
        }
        else if (value instanceof Record record)
        {
            encodeRecord(type, record);
        }
        else
        {
            return false;
        }
        return true;
    }

    private void encodeArray(final Class<?> type, final Object array)
    {
        final Class<?> component = type.getComponentType();
        sink.putByte(ArgumentTags.ARRAY);
        putClassName(component);
        if (!component.isPrimitive())
        {
            final Object[] elements = (Object[])array;
            sink.putInt(elements.length);
            nested(array, ArgumentPath.INDEX, null);
            for (int i = 0; i < elements.length; i++)
            {
                path.set(i);
                encode(elements[i]);
            }
            unnest(array);
        }
        else if (component == double.class)
        {
            sink.putInt(((double[])array).length);
            sink.putDoubles((double[])array);
        }
        else if (component == long.class)
        {
            sink.putInt(((long[])array).length);
            sink.putLongs((long[])array);
        }
        else if (component == int.class)
        {
            sink.putInt(((int[])array).length);
            sink.putInts((int[])array);
        }
        else if (component == byte.class)
        {
            sink.putInt(((byte[])array).length);
            sink.putBytes((byte[])array);
        }
        else if (component == float.class)
        {
            sink.putInt(((float[])array).length);
            sink.putFloats((float[])array);
        }
        else if (component == short.class)
        {
            sink.putInt(((short[])array).length);
            sink.putShorts((short[])array);
        }
        else if (component == char.class)
        {
            sink.putInt(((char[])array).length);
            sink.putChars((char[])array);
        }
        else
        {
            sink.putInt(((boolean[])array).length);
            sink.putBooleans((boolean[])array);
        }
    }

    private void encodeList(final List<?> list)
    {
        final int size = list.size();
        sink.putByte(ArgumentTags.LIST);
        sink.putInt(size);
        nested(list, ArgumentPath.INDEX, null);
        int count = 0;
        for (final Object element : list)
        {
            path.set(count++);
            encode(element);
        }
        if (count != size)
        {
            throw changed(list, size);
        }
        unnest(list);
    }

    // each element digested alone, the digests sorted: the same for any iteration order
    private void encodeSet(final Set<?> set)
    {
        final int size = set.size();
        final byte[][] digests = new byte[size][];
        nested(set, ArgumentPath.SET_ELEMENT, null);
        final DigestSink parent = enterChild();
        int count = 0;
        for (final Object element : set)
        {
            if (count == size)
            {
                throw changed(set, size);
            }
            path.set(count);
            encode(element);
            digests[count++] = sink.digest();
        }
        if (count != size)
        {
            throw changed(set, size);
        }
        leaveChild(parent);
        unnest(set);
        putSorted(ArgumentTags.SET, digests);
    }

    // each (key, value) pair digested alone, the digests sorted: the same for any iteration order
    private void encodeMap(final Map<?, ?> map)
    {
        final int size = map.size();
        final byte[][] digests = new byte[size][];
        nested(map, ArgumentPath.MAP_KEY, null);
        final DigestSink parent = enterChild();
        int count = 0;
        for (final Map.Entry<?, ?> entry : map.entrySet())
        {
            if (count == size)
            {
                throw changed(map, size);
            }
            path.set(ArgumentPath.MAP_KEY, count, null);
            encode(entry.getKey());
            path.set(ArgumentPath.MAP_VALUE, count, entry.getKey());
            encode(entry.getValue());
            digests[count++] = sink.digest();
        }
        if (count != size)
        {
            throw changed(map, size);
        }
        leaveChild(parent);
        unnest(map);
        putSorted(ArgumentTags.MAP, digests);
    }

    private void encodeRecord(final Class<?> type, final Record record)
    {
        final RecordAccessors accessors = RecordAccessors.of(type);
        if (accessors.inaccessible() != null)
        {
            throw unhashable(type, "cannot read its components (" + accessors.inaccessible() + ")", null);
        }
        sink.putByte(ArgumentTags.RECORD);
        putClassName(type);
        sink.putInt(accessors.count());
        nested(record, ArgumentPath.COMPONENT, null);
        for (int i = 0; i < accessors.count(); i++)
        {
            path.set(ArgumentPath.COMPONENT, i, accessors.name(i));
            putText(accessors.name(i));
            final Object component;
            try
            {
                component = accessors.value(record, i);
            }
            catch (final InvocationTargetException | IllegalAccessException ex)
            {
                final Throwable cause = ex instanceof InvocationTargetException ? ex.getCause() : ex;
                throw unhashable(type, "failed in its accessor " + accessors.name(i) + "(): " + cause, cause);
            }
            encode(component);
        }
        unnest(record);
    }

    private void putSorted(final byte tag, final byte[][] digests)
    {
        Arrays.sort(digests, Arrays::compareUnsigned);
        sink.putByte(tag);
        sink.putInt(digests.length);
        for (final byte[] digest : digests)
        {
            sink.putBytes(digest);
        }
    }

    private static ConcurrentModificationException changed(final Object container, final int size)
    {
        return new ConcurrentModificationException(
            container.getClass().getName() + " changed while hashed: size=" + size);
    }

    private DigestSink enterChild()
    {
        if (childLevel == children.size())
        {
            children.add(new DigestSink(DigestSink.sha256()));
        }
        final DigestSink parent = sink;
        sink = children.get(childLevel++);
        return parent;
    }

    private void leaveChild(final DigestSink parent)
    {
        childLevel--;
        sink = parent;
    }

    // a container: guards against cycles and depth, and opens a path step for its contents
    private void nested(final Object container, final byte kind, final String name)
    {
        if (path.depth() > MAX_DEPTH)
        {
            throw unhashable(container.getClass(), "is nested more than " + MAX_DEPTH + " levels deep", null);
        }
        if (enclosing.put(container, Boolean.TRUE) != null)
        {
            throw unhashable(container.getClass(), "is a cycle: it contains itself", null);
        }
        path.push(kind, 0, name);
    }

    private void unnest(final Object container)
    {
        path.pop();
        enclosing.remove(container);
    }

    private void putString(final String value)
    {
        if (isWellFormed(value))
        {
            sink.putByte(ArgumentTags.STRING);
            putText(value);
        }
        else
        {
            // UTF-8 would turn each unpaired surrogate into '?': such strings are hashed by their chars
            sink.putByte(ArgumentTags.STRING_UTF16);
            sink.putInt(value.length());
            for (int i = 0; i < value.length(); i++)
            {
                sink.putChar(value.charAt(i));
            }
        }
    }

    private void putText(final String text)
    {
        final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        sink.putInt(utf8.length);
        sink.putBytes(utf8);
    }

    private void putSignedBytes(final byte[] bytes)
    {
        sink.putInt(bytes.length);
        sink.putBytes(bytes);
    }

    private void putClassName(final Class<?> type)
    {
        if (type.isHidden())
        {
            throw unhashable(type, "is a hidden class, whose name changes from run to run", null);
        }
        putText(type.getName());
    }

    private static boolean isWellFormed(final String value)
    {
        final int length = value.length();
        for (int i = 0; i < length; i++)
        {
            final char c = value.charAt(i);
            if (Character.isSurrogate(c))
            {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1)))
                {
                    i++;
                }
                else
                {
                    return false;
                }
            }
        }
        return true;
    }

    private UnhashableArgumentException unhashable(final Class<?> type, final String reason, final Throwable cause)
    {
        final String where = path.render();
        final String message = "cannot hash argument: " + type.getName() + " at " + where
            + (reason == null ? " (" + HASHABLE + ")" : ": it " + reason);
        return new UnhashableArgumentException(message, type.getName(), where, cause);
    }
}
