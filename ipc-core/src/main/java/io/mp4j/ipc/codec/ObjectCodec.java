package io.mp4j.ipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.ObjectInputFilter;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codec of {@link Codecs#objects()}: a one-byte tag, then the payload (the table is in {@link Codecs}). Built-in
 * types are written directly; enums and qualifying records by class name; anything else through
 * {@link JavaSerialization}. Record and enum classes, like the classes of a serialization stream, must pass the
 * codec's {@link ClassPolicy}, checked at encode and again at decode.
 *
 * <p>Threading: thread-safe; one instance may serve every thread.
 */
final class ObjectCodec implements Codec<Object>
{
    private static final int MAX_VETTED = 4096;

    private final ClassPolicy policy;
    private final ClassResolver resolver;
    /** Record shapes and enum classes that passed every check, by class name, for the loader that found them. */
    private final ConcurrentHashMap<String, Vetted> vetted = new ConcurrentHashMap<>();
    private final JavaSerialization serialization;
    private final String description;

    private record Vetted(ClassLoader loader, Class<?> enumType, RecordShape shape)
    {
    }

    ObjectCodec(final ObjectInputFilter filter, final ClassLoader loader)
    {
        this.policy = new ClassPolicy(filter);
        this.resolver = new ClassResolver(loader);
        this.serialization = new JavaSerialization(policy, resolver);
        this.description = "Codecs.objects(" + filter + (loader == null ? "" : ", " + loader) + ")";
    }

    @Override
    public int encode(final Object value, final MutableDirectBuffer buffer, final int offset)
    {
        if (value == null)
        {
            Buffers.reserve(buffer, offset, 1);
            buffer.putByte(offset, Tags.NULL);
            return 1;
        }
        final TypeInfo info = TypeInfo.of(value.getClass());
        final int end;
        switch (info.form)
        {
            case BUILT_IN:
                Buffers.reserve(buffer, offset, 1);
                buffer.putByte(offset, info.valueType.tag);
                end = info.valueType.write(value, buffer, offset + 1);
                break;
            case ENUM:
                end = encodeEnum((Enum<?>)value, info, buffer, offset);
                break;
            case RECORD:
                end = encodeRecord(value, info.shape, buffer, offset);
                break;
            case SERIALIZED:
                end = serialization.encode(value, buffer, offset, info.reason);
                break;
            default:
                throw new CodecException("cannot encode " + value.getClass().getName() + ": " + info.reason);
        }
        return end - offset;
    }

    @Override
    public Object decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final ByteReader reader = new ByteReader(buffer, offset, length);
        final Object value = read(reader);
        reader.expectEnd();
        return value;
    }

    /**
     * @return e.g. {@code Codecs.objects(AllowList[java.lang.*, ...])}.
     */
    @Override
    public String toString()
    {
        return description;
    }

    private int encodeEnum(final Enum<?> value, final TypeInfo info, final MutableDirectBuffer buffer, final int offset)
    {
        if (!policy.allows(info.enumType))
        {
            throw new CodecException("cannot encode " + info.enumType.getName() + ": " +
                policy.refusal(info.enumType.getName()) + " (the receiving codec would refuse it)");
        }
        final byte[] name = info.enumNameUtf8;
        Buffers.reserve(buffer, offset, 5 + name.length);
        buffer.putByte(offset, Tags.ENUM);
        buffer.putInt(offset + 1, name.length, Buffers.ORDER);
        buffer.putBytes(offset + 5, name);
        return Utf8.writeWithLength(value.name(), buffer, offset + 5 + name.length);
    }

    private int encodeRecord(
        final Object value, final RecordShape shape, final MutableDirectBuffer buffer, final int offset)
    {
        final String refusal = policy.refusal(shape.closure());
        if (refusal != null)
        {
            throw new CodecException("cannot encode " + shape.type.getName() + ": " + refusal +
                " (the receiving codec would refuse it)");
        }
        final byte[] name = shape.nameUtf8;
        Buffers.reserve(buffer, offset, 9 + name.length);
        buffer.putByte(offset, Tags.RECORD);
        buffer.putInt(offset + 1, name.length, Buffers.ORDER);
        buffer.putBytes(offset + 5, name);
        buffer.putInt(offset + 5 + name.length, shape.fingerprint(), Buffers.ORDER);
        return shape.encode(value, buffer, offset + 9 + name.length, 0);
    }

    private Object read(final ByteReader reader)
    {
        final int at = reader.position();
        final byte tag = reader.readByte();
        if (tag == Tags.NULL)
        {
            return null;
        }
        final ValueType valueType = ValueType.ofTag(tag);
        if (valueType != null)
        {
            return valueType.read(reader);
        }
        switch (tag)
        {
            case Tags.ENUM:
                return readEnum(reader);
            case Tags.RECORD:
                return readRecord(reader);
            case Tags.SERIALIZED:
                return serialization.decode(reader);
            default:
                throw new CodecException("cannot decode: corrupt input: unknown tag=" + Tags.hex(tag) + " at=" + at);
        }
    }

    private Object readEnum(final ByteReader reader)
    {
        final String className = reader.readString(Tags.MAX_NAME_BYTES, "enum class name");
        final String constant = reader.readString(Tags.MAX_NAME_BYTES, "enum constant name");
        final Vetted known = vetted.get(className);
        if (known != null && known.enumType() != null && known.loader() == resolver.currentLoader())
        {
            return EnumConstants.valueOf(known.enumType(), constant);
        }
        final Class<?> type = resolver.resolve(className);
        if (!type.isEnum())
        {
            throw new CodecException("cannot decode: not an enum: class=" + className);
        }
        if (!policy.allows(type))
        {
            throw new CodecException("cannot decode: " + policy.refusal(className));
        }
        remember(className, new Vetted(resolver.currentLoader(), type, null));
        return EnumConstants.valueOf(type, constant);
    }

    private Object readRecord(final ByteReader reader)
    {
        final String className = reader.readString(Tags.MAX_NAME_BYTES, "record class name");
        final Vetted known = vetted.get(className);
        final RecordShape shape;
        if (known != null && known.shape() != null && known.loader() == resolver.currentLoader())
        {
            shape = known.shape();
        }
        else
        {
            shape = vetRecord(className);
            remember(className, new Vetted(resolver.currentLoader(), null, shape));
        }
        checkFingerprint(shape, reader);
        return shape.decode(reader, 0);
    }

    private RecordShape vetRecord(final String className)
    {
        final Class<?> type = resolver.resolve(className);
        if (!type.isRecord())
        {
            throw new CodecException("cannot decode: not a record: class=" + className);
        }
        if (!policy.allows(type))
        {
            throw new CodecException("cannot decode: " + policy.refusal(className));
        }
        final TypeInfo info = TypeInfo.of(type);
        if (info.form != TypeInfo.Form.RECORD)
        {
            throw new CodecException("cannot decode " + className + ": " + (info.form == TypeInfo.Form.UNUSABLE ?
                info.reason : "not on the built-in path here (" + info.reason + "); the writer has another version " +
                "of the class"));
        }
        final String refusal = policy.refusal(info.shape.closure());
        if (refusal != null)
        {
            throw new CodecException("cannot decode " + className + ": " + refusal);
        }
        return info.shape;
    }

    private void remember(final String className, final Vetted entry)
    {
        if (vetted.size() < MAX_VETTED)
        {
            vetted.put(className, entry);
        }
    }

    static void checkFingerprint(final RecordShape shape, final ByteReader reader)
    {
        final int at = reader.position();
        final int fingerprint = reader.readInt();
        if (fingerprint != shape.fingerprint())
        {
            throw new CodecException("cannot decode " + shape.type.getName() + ": its components differ from the " +
                "writer's: fingerprint=" + Integer.toHexString(fingerprint) + " expected=" +
                Integer.toHexString(shape.fingerprint()) + " at=" + at + " (both sides need the same version of the " +
                "class; or the input is corrupt)");
        }
    }
}
