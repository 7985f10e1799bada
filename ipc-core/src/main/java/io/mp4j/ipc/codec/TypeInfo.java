package io.mp4j.ipc.codec;

import java.nio.charset.StandardCharsets;

/**
 * How {@link Codecs#objects()} encodes values of one class, decided once per class: a built-in type, an enum, a record
 * on the built-in path, the serialization fallback, or not at all (a qualifying record mp4j may not access).
 *
 * <p>Threading: immutable; cached per class.
 */
final class TypeInfo
{
    enum Form
    {
        BUILT_IN, ENUM, RECORD, SERIALIZED, UNUSABLE
    }

    private static final ClassValue<TypeInfo> INFOS = new ClassValue<>()
    {
        @Override
        protected TypeInfo computeValue(final Class<?> type)
        {
            return classify(type);
        }
    };

    final Form form;
    final ValueType valueType;
    final Class<?> enumType;
    final byte[] enumNameUtf8;
    final RecordShape shape;
    /** Why a record is not on the built-in path (SERIALIZED), or why it cannot be encoded (UNUSABLE); else null. */
    final String reason;

    private TypeInfo(
        final Form form,
        final ValueType valueType,
        final Class<?> enumType,
        final RecordShape shape,
        final String reason)
    {
        this.form = form;
        this.valueType = valueType;
        this.enumType = enumType;
        this.enumNameUtf8 = enumType == null ? null : enumType.getName().getBytes(StandardCharsets.UTF_8);
        this.shape = shape;
        this.reason = reason;
    }

    static TypeInfo of(final Class<?> type)
    {
        return INFOS.get(type);
    }

    private static TypeInfo classify(final Class<?> type)
    {
        final ValueType valueType = ValueType.of(type);
        if (valueType != null && !type.isPrimitive())
        {
            return new TypeInfo(Form.BUILT_IN, valueType, null, null, null);
        }
        final Class<?> enumType = EnumConstants.enumClass(type);
        if (enumType != null)
        {
            return new TypeInfo(Form.ENUM, null, enumType, null, null);
        }
        if (type.isRecord())
        {
            final RecordShapes.Analysis analysis = RecordShapes.analyse(type);
            if (analysis.shape() != null)
            {
                return new TypeInfo(Form.RECORD, null, null, analysis.shape(), null);
            }
            if (analysis.accessProblem() != null)
            {
                return new TypeInfo(Form.UNUSABLE, null, null, null, analysis.accessProblem());
            }
            return new TypeInfo(Form.SERIALIZED, null, null, null, "record " + type.getName() + ": " +
                analysis.notBuiltIn());
        }
        return new TypeInfo(Form.SERIALIZED, null, null, null, null);
    }
}
