package io.mp4j.launcher.memory;

import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the canonical encoding of one method for {@link FunctionCode}'s digest, and lists what its code names
 * that the digest may follow (methods called, lambda implementations, static fields), in instruction order.
 *
 * <p>The encoding: {@code 'M'}, owner, name, descriptor, the class file's access flags, then each instruction as its
 * opcode and operands, in order. Labels are numbered in order of first appearance (a jump, a switch, a try/catch
 * block or the label's own position, written as {@link #LABEL} and its number), so moving code to other lines
 * changes nothing. Constants carry their type. Line numbers, local variable names, frames, annotations and the
 * maximum stack and locals are not visited or not written. Strings are written as their UTF-16 length and chars,
 * so no two differ in encoding only through an unpaired surrogate.
 *
 * <p>Threading: confined to the thread parsing one class.
 */
final class MethodEncoder extends MethodVisitor
{
    static final int LABEL = 0xF0;
    static final int TRY_CATCH = 0xF1;
    static final int STATIC_CONSTANT = 0xF2;

    private final String methodName;
    private final String descriptor;
    private final int access;
    private final Map<Label, Integer> labels = new HashMap<>();
    private final List<CodeReference> references = new ArrayList<>();
    private byte[] bytes = new byte[256];
    private int length;

    MethodEncoder(final String owner, final String name, final String descriptor, final int access)
    {
        this('M', owner, name, descriptor, access);
        // 0xFFFF: the class file's flags; ASM adds pseudo flags such as ACC_DEPRECATED above them
        putInt(access & 0xFFFF);
    }

    private MethodEncoder(
        final int kind, final String owner, final String name, final String descriptor, final int access)
    {
        super(Opcodes.ASM9);
        this.methodName = name;
        this.descriptor = descriptor;
        this.access = access;
        putByte(kind);
        putString(owner);
        putString(name);
        putString(descriptor);
    }

    /**
     * The encoding of a method whose code is not read (a JDK method that is itself the function): {@code 'R'},
     * owner, name, descriptor.
     */
    static byte[] unreadMethod(final String owner, final String name, final String descriptor)
    {
        return new MethodEncoder('R', owner, name, descriptor, 0).encoding();
    }

    /**
     * Adds a static field's {@code ConstantValue} to a {@code <clinit>} encoding.
     */
    void putStaticConstant(final String name, final String descriptor, final Object value)
    {
        putByte(STATIC_CONSTANT);
        putString(name);
        putString(descriptor);
        putConstant(value);
    }

    String methodName()
    {
        return methodName;
    }

    String descriptor()
    {
        return descriptor;
    }

    int access()
    {
        return access;
    }

    byte[] encoding()
    {
        return Arrays.copyOf(bytes, length);
    }

    List<CodeReference> references()
    {
        return List.copyOf(references);
    }

    @Override
    public void visitInsn(final int opcode)
    {
        putByte(opcode);
    }

    @Override
    public void visitIntInsn(final int opcode, final int operand)
    {
        putByte(opcode);
        putInt(operand);
    }

    @Override
    public void visitVarInsn(final int opcode, final int varIndex)
    {
        putByte(opcode);
        putInt(varIndex);
    }

    @Override
    public void visitTypeInsn(final int opcode, final String type)
    {
        putByte(opcode);
        putString(type);
    }

    @Override
    public void visitFieldInsn(final int opcode, final String owner, final String name, final String descriptor)
    {
        putByte(opcode);
        putString(owner);
        putString(name);
        putString(descriptor);
        if (opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC)
        {
            references.add(new CodeReference(CodeReference.STATIC_FIELD, owner, name, descriptor));
        }
    }

    @Override
    public void visitMethodInsn(
        final int opcode, final String owner, final String name, final String descriptor, final boolean isInterface)
    {
        putByte(opcode);
        putString(owner);
        putString(name);
        putString(descriptor);
        putByte(isInterface ? 1 : 0);
        references.add(new CodeReference(CodeReference.METHOD, owner, name, descriptor));
    }

    @Override
    public void visitInvokeDynamicInsn(
        final String name, final String descriptor, final Handle bootstrap, final Object... bootstrapArguments)
    {
        putByte(Opcodes.INVOKEDYNAMIC);
        putString(name);
        putString(descriptor);
        putHandle(bootstrap);
        putInt(bootstrapArguments.length);
        for (final Object argument : bootstrapArguments)
        {
            putConstant(argument);
        }
        if (isLambdaMetafactory(bootstrap))
        {
            for (final Object argument : bootstrapArguments)
            {
                if (argument instanceof Handle handle && isMethodHandle(handle))
                {
                    references.add(
                        new CodeReference(CodeReference.METHOD, handle.getOwner(), handle.getName(), handle.getDesc()));
                }
            }
        }
    }

    @Override
    public void visitJumpInsn(final int opcode, final Label label)
    {
        putByte(opcode);
        putLabel(label);
    }

    @Override
    public void visitLabel(final Label label)
    {
        putByte(LABEL);
        putLabel(label);
    }

    @Override
    public void visitLdcInsn(final Object value)
    {
        putByte(Opcodes.LDC);
        putConstant(value);
    }

    @Override
    public void visitIincInsn(final int varIndex, final int increment)
    {
        putByte(Opcodes.IINC);
        putInt(varIndex);
        putInt(increment);
    }

    @Override
    public void visitTableSwitchInsn(final int min, final int max, final Label dflt, final Label... targets)
    {
        putByte(Opcodes.TABLESWITCH);
        putInt(min);
        putInt(max);
        putLabel(dflt);
        putInt(targets.length);
        for (final Label target : targets)
        {
            putLabel(target);
        }
    }

    @Override
    public void visitLookupSwitchInsn(final Label dflt, final int[] keys, final Label[] targets)
    {
        putByte(Opcodes.LOOKUPSWITCH);
        putLabel(dflt);
        putInt(keys.length);
        for (int i = 0; i < keys.length; i++)
        {
            putInt(keys[i]);
            putLabel(targets[i]);
        }
    }

    @Override
    public void visitMultiANewArrayInsn(final String descriptor, final int numDimensions)
    {
        putByte(Opcodes.MULTIANEWARRAY);
        putString(descriptor);
        putInt(numDimensions);
    }

    @Override
    public void visitTryCatchBlock(final Label start, final Label end, final Label handler, final String type)
    {
        putByte(TRY_CATCH);
        putLabel(start);
        putLabel(end);
        putLabel(handler);
        putString(type == null ? "" : type);
    }

    private static boolean isLambdaMetafactory(final Handle bootstrap)
    {
        return "java/lang/invoke/LambdaMetafactory".equals(bootstrap.getOwner())
            && ("metafactory".equals(bootstrap.getName()) || "altMetafactory".equals(bootstrap.getName()));
    }

    private static boolean isMethodHandle(final Handle handle)
    {
        return handle.getTag() >= Opcodes.H_INVOKEVIRTUAL && handle.getTag() <= Opcodes.H_INVOKEINTERFACE;
    }

    private void putLabel(final Label label)
    {
        Integer ordinal = labels.get(label);
        if (ordinal == null)
        {
            ordinal = labels.size();
            labels.put(label, ordinal);
        }
        putInt(ordinal);
    }

    private void putHandle(final Handle handle)
    {
        putInt(handle.getTag());
        putString(handle.getOwner());
        putString(handle.getName());
        putString(handle.getDesc());
        putByte(handle.isInterface() ? 1 : 0);
    }

    private void putConstant(final Object value)
    {
        if (value instanceof Integer i)
        {
            putByte('I');
            putInt(i);
        }
        else if (value instanceof Float f)
        {
            putByte('F');
            putInt(Float.floatToRawIntBits(f));
        }
        else if (value instanceof Long l)
        {
            putByte('J');
            putLong(l);
        }
        else if (value instanceof Double d)
        {
            putByte('D');
            putLong(Double.doubleToRawLongBits(d));
        }
        else if (value instanceof String s)
        {
            putByte('S');
            putString(s);
        }
        else if (value instanceof Type type)
        {
            putByte('T');
            putInt(type.getSort());
            putString(type.getDescriptor());
        }
        else if (value instanceof Handle handle)
        {
            putByte('H');
            putHandle(handle);
        }
        else if (value instanceof ConstantDynamic dynamic)
        {
            putByte('C');
            putString(dynamic.getName());
            putString(dynamic.getDescriptor());
            putHandle(dynamic.getBootstrapMethod());
            putInt(dynamic.getBootstrapMethodArgumentCount());
            for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++)
            {
                putConstant(dynamic.getBootstrapMethodArgument(i));
            }
        }
        else
        {
            // ASM gives only the types above; a new kind of constant must not be hashed as nothing
            throw new IllegalStateException("unknown constant in a class file: type=" + value.getClass().getName());
        }
    }

    private void putString(final String value)
    {
        putInt(value.length());
        ensure(2 * value.length());
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            bytes[length++] = (byte)(c >>> 8);
            bytes[length++] = (byte)c;
        }
    }

    private void putLong(final long value)
    {
        putInt((int)(value >>> 32));
        putInt((int)value);
    }

    private void putInt(final int value)
    {
        ensure(4);
        bytes[length++] = (byte)(value >>> 24);
        bytes[length++] = (byte)(value >>> 16);
        bytes[length++] = (byte)(value >>> 8);
        bytes[length++] = (byte)value;
    }

    private void putByte(final int value)
    {
        ensure(1);
        bytes[length++] = (byte)value;
    }

    private void ensure(final int more)
    {
        if (length + more > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
        }
    }
}
