package io.mp4j.launcher.memory;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A class file read with ASM ({@code SKIP_DEBUG | SKIP_FRAMES}) without loading the class: its supertypes, its
 * fields and each method's canonical encoding. A class with static fields that have a {@code ConstantValue} gets
 * those values appended to its {@code <clinit>} encoding (one is made when the class has no static initializer),
 * so reaching a static field's class initializer covers every way the class gives its static fields their values.
 *
 * <p>Threading: immutable once parsed.
 */
final class ParsedClass
{
    static final String CLINIT = "<clinit>";
    static final String CLINIT_DESCRIPTOR = "()V";

    private final String name;
    private final String superName;
    private final List<String> interfaces;
    private final Set<String> fields;
    private final Map<String, ParsedMethod> methods;

    private ParsedClass(
        final String name,
        final String superName,
        final List<String> interfaces,
        final Set<String> fields,
        final Map<String, ParsedMethod> methods)
    {
        this.name = name;
        this.superName = superName;
        this.interfaces = interfaces;
        this.fields = fields;
        this.methods = methods;
    }

    static ParsedClass parse(final byte[] classFile)
    {
        final Collector collector = new Collector();
        new ClassReader(classFile).accept(collector, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return collector.build();
    }

    String name()
    {
        return name;
    }

    /**
     * @return the superclass's internal name, or null for {@code java/lang/Object}.
     */
    String superName()
    {
        return superName;
    }

    List<String> interfaces()
    {
        return interfaces;
    }

    boolean declaresField(final String fieldName, final String descriptor)
    {
        return fields.contains(fieldName + ':' + descriptor);
    }

    ParsedMethod method(final String methodName, final String descriptor)
    {
        return methods.get(methodName + descriptor);
    }

    /**
     * @param methodName a method name.
     * @return the methods of that name this class declares, by descriptor.
     */
    List<ParsedMethod> methodsNamed(final String methodName)
    {
        final List<ParsedMethod> named = new ArrayList<>();
        for (final ParsedMethod method : methods.values())
        {
            if (method.name().equals(methodName))
            {
                named.add(method);
            }
        }
        named.sort(Comparator.comparing(ParsedMethod::descriptor));
        return named;
    }

    private record StaticConstant(String name, String descriptor, Object value)
    {
    }

    private static final class Collector extends ClassVisitor
    {
        private final Set<String> fields = new HashSet<>();
        private final List<StaticConstant> constants = new ArrayList<>();
        private final Map<String, MethodEncoder> encoders = new LinkedHashMap<>();
        private String name;
        private String superName;
        private List<String> interfaces = List.of();

        Collector()
        {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(
            final int version,
            final int access,
            final String name,
            final String signature,
            final String superName,
            final String[] interfaces)
        {
            this.name = name;
            this.superName = superName;
            this.interfaces = interfaces == null ? List.of() : List.of(interfaces);
        }

        @Override
        public FieldVisitor visitField(
            final int access, final String name, final String descriptor, final String signature, final Object value)
        {
            fields.add(name + ':' + descriptor);
            if ((access & Opcodes.ACC_STATIC) != 0 && value != null)
            {
                constants.add(new StaticConstant(name, descriptor, value));
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(
            final int access,
            final String name,
            final String descriptor,
            final String signature,
            final String[] exceptions)
        {
            final MethodEncoder encoder = new MethodEncoder(this.name, name, descriptor, access);
            encoders.put(name + descriptor, encoder);
            return encoder;
        }

        ParsedClass build()
        {
            if (!constants.isEmpty())
            {
                final String key = CLINIT + CLINIT_DESCRIPTOR;
                final MethodEncoder clinit = encoders.computeIfAbsent(
                    key, k -> new MethodEncoder(name, CLINIT, CLINIT_DESCRIPTOR, Opcodes.ACC_STATIC));
                constants.sort(Comparator.comparing(StaticConstant::name).thenComparing(StaticConstant::descriptor));
                for (final StaticConstant constant : constants)
                {
                    clinit.putStaticConstant(constant.name(), constant.descriptor(), constant.value());
                }
            }
            final Map<String, ParsedMethod> methods = new HashMap<>();
            for (final Map.Entry<String, MethodEncoder> entry : encoders.entrySet())
            {
                final MethodEncoder encoder = entry.getValue();
                methods.put(entry.getKey(), new ParsedMethod(
                    name,
                    encoder.methodName(),
                    encoder.descriptor(),
                    encoder.access(),
                    encoder.encoding(),
                    encoder.references()));
            }
            return new ParsedClass(name, superName, interfaces, Set.copyOf(fields), Map.copyOf(methods));
        }
    }
}
