package io.mp4j.launcher.memory;

import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Digests a function's methods and every application method they reach, reading class files through a class
 * loader's resources without loading or initializing any class.
 *
 * <p>Scope: a class is followed when its class file comes from the same class-path entry (directory or jar) as the
 * anchor class (the class that defines the function), or its name starts with one of the extra prefixes; JDK
 * classes ({@code java/}, {@code javax/}, {@code jdk/}, {@code sun/}, {@code com/sun/}, {@code jrt:} resources) and
 * mp4j's own ({@code io/mp4j/}) never are. A root method (the function itself) is read from any class-path entry,
 * and from mp4j's classes too; a root in a JDK class is digested as its reference only.
 *
 * <p>Edges, in instruction order: a call instruction's named method, resolved up the superclass chain and then
 * through the superinterfaces (default methods), among followed classes; a {@code LambdaMetafactory} call site's
 * implementation method; the class initializer of the class declaring a static field read or written. Methods are
 * visited breadth first, each once.
 *
 * <p>Digest: SHA-256 over {@link #FORMAT}, then for each visited method its encoding's length (4 bytes, big-endian)
 * and its encoding ({@link MethodEncoder}), in visiting order.
 *
 * <p>Threading: confined to one thread; one walker per digest.
 */
final class CodeWalker
{
    static final int FORMAT = 1;

    private static final String[] JDK_PREFIXES = {"java/", "javax/", "jdk/", "sun/", "com/sun/"};
    private static final String MP4J_PREFIX = "io/mp4j/";

    private final ClassLoader loader;
    private final String scopeEntry;
    private final List<String> extraPrefixes;
    private final Map<String, ParsedClass> parsed = new HashMap<>();
    private final Map<String, String> entries = new HashMap<>();
    private final Set<String> unreadable = new HashSet<>();

    /**
     * @param loader        the loader whose resources give the class files.
     * @param anchor        the internal name of the class defining the function: its class-path entry is the scope.
     * @param extraPrefixes internal-name prefixes of further classes to follow.
     * @throws IllegalArgumentException when the anchor's class file cannot be found.
     */
    CodeWalker(final ClassLoader loader, final String anchor, final List<String> extraPrefixes)
    {
        this.loader = loader;
        this.extraPrefixes = extraPrefixes;
        if (read(anchor) == null)
        {
            throw new IllegalArgumentException(
                "cannot read the class file of " + anchor.replace('/', '.') + " from its class loader");
        }
        this.scopeEntry = entries.get(anchor);
    }

    /**
     * @param roots the function's methods.
     * @return the SHA-256 digest of the roots and every method they reach.
     */
    byte[] digest(final List<CodeReference> roots)
    {
        final MessageDigest sha = DigestSink.sha256();
        sha.update((byte)FORMAT);
        final ArrayDeque<ParsedMethod> queue = new ArrayDeque<>();
        // a class is parsed once per walker, so each method is one object
        final Set<ParsedMethod> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        for (final CodeReference root : roots)
        {
            final ParsedMethod method = resolveMethod(root, true);
            if (method == null)
            {
                update(sha, MethodEncoder.unreadMethod(root.owner(), root.name(), root.descriptor()));
            }
            else if (visited.add(method))
            {
                queue.add(method);
            }
        }
        ParsedMethod method;
        while ((method = queue.poll()) != null)
        {
            update(sha, method.encoding());
            for (final CodeReference reference : method.references())
            {
                final ParsedMethod next = reference.kind() == CodeReference.METHOD ?
                    resolveMethod(reference, false) : staticInitializerOf(reference);
                if (next != null && visited.add(next))
                {
                    queue.add(next);
                }
            }
        }
        return sha.digest();
    }

    /**
     * @param internalName a class's internal name.
     * @return the parsed class file, or null when it is a JDK class or its class file cannot be found.
     */
    ParsedClass read(final String internalName)
    {
        final ParsedClass known = parsed.get(internalName);
        if (known != null || unreadable.contains(internalName))
        {
            return known;
        }
        final String resource = internalName + ".class";
        final URL url = isJdk(internalName) ? null : loader.getResource(resource);
        if (url == null || "jrt".equals(url.getProtocol()))
        {
            unreadable.add(internalName);
            return null;
        }
        final ParsedClass parsedClass;
        // the loader's own stream: a URLClassLoader closes the jar files it opens for it when it is closed
        try (InputStream in = loader.getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IOException("the class loader found the resource but cannot open it");
            }
            parsedClass = ParsedClass.parse(in.readAllBytes());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("reading the class file of " + internalName + " from " + url, ex);
        }
        parsed.put(internalName, parsedClass);
        entries.put(internalName, entryOf(url, resource));
        return parsedClass;
    }

    /**
     * The class-path entry a resource came from: a jar URL up to its last {@code !/}, else the URL without the
     * resource's name.
     */
    static String entryOf(final URL url, final String resource)
    {
        final String text = url.toString();
        final int bang = text.lastIndexOf("!/");
        if (bang >= 0)
        {
            return text.substring(0, bang + 2);
        }
        return text.endsWith(resource) ? text.substring(0, text.length() - resource.length()) : text;
    }

    private ParsedClass followed(final String internalName)
    {
        if (internalName == null || internalName.startsWith(MP4J_PREFIX))
        {
            return null;
        }
        final ParsedClass parsedClass = read(internalName);
        if (parsedClass == null)
        {
            return null;
        }
        for (final String prefix : extraPrefixes)
        {
            if (internalName.startsWith(prefix))
            {
                return parsedClass;
            }
        }
        return scopeEntry.equals(entries.get(internalName)) ? parsedClass : null;
    }

    private ParsedClass classFor(final String internalName, final boolean root)
    {
        if (root)
        {
            return internalName == null ? null : read(internalName);
        }
        return followed(internalName);
    }

    private ParsedMethod resolveMethod(final CodeReference reference, final boolean root)
    {
        final ParsedClass owner = classFor(reference.owner(), root);
        if (owner == null)
        {
            return null;
        }
        final String name = reference.name();
        final String descriptor = reference.descriptor();
        if (name.startsWith("<"))
        {
            return owner.method(name, descriptor);
        }
        final ArrayDeque<String> interfaces = new ArrayDeque<>();
        for (ParsedClass type = owner; type != null; type = classFor(type.superName(), root))
        {
            final ParsedMethod method = type.method(name, descriptor);
            if (method != null)
            {
                return method;
            }
            interfaces.addAll(type.interfaces());
        }
        final Set<String> seen = new HashSet<>();
        ParsedMethod abstractMethod = null;
        String next;
        while ((next = interfaces.poll()) != null)
        {
            final ParsedClass type = seen.add(next) ? classFor(next, root) : null;
            if (type != null)
            {
                final ParsedMethod method = type.method(name, descriptor);
                if (method != null && (method.access() & Opcodes.ACC_ABSTRACT) == 0)
                {
                    return method;
                }
                if (method != null && abstractMethod == null)
                {
                    abstractMethod = method;
                }
                interfaces.addAll(type.interfaces());
            }
        }
        return abstractMethod;
    }

    private ParsedMethod staticInitializerOf(final CodeReference field)
    {
        final ParsedClass declaring = fieldDeclarer(field.owner(), field, new HashSet<>());
        final ParsedClass type = declaring != null ? declaring : followed(field.owner());
        return type == null ? null : type.method(ParsedClass.CLINIT, ParsedClass.CLINIT_DESCRIPTOR);
    }

    // the JVM's field resolution: the class, then its superinterfaces, then its superclass
    private ParsedClass fieldDeclarer(final String internalName, final CodeReference field, final Set<String> seen)
    {
        final ParsedClass type = followed(internalName);
        if (type == null || !seen.add(internalName))
        {
            return null;
        }
        if (type.declaresField(field.name(), field.descriptor()))
        {
            return type;
        }
        for (final String superInterface : type.interfaces())
        {
            final ParsedClass declaring = fieldDeclarer(superInterface, field, seen);
            if (declaring != null)
            {
                return declaring;
            }
        }
        return fieldDeclarer(type.superName(), field, seen);
    }

    private static boolean isJdk(final String internalName)
    {
        if (internalName.startsWith("["))
        {
            return true;
        }
        for (final String prefix : JDK_PREFIXES)
        {
            if (internalName.startsWith(prefix))
            {
                return true;
            }
        }
        return false;
    }

    private static void update(final MessageDigest sha, final byte[] encoding)
    {
        final int length = encoding.length;
        sha.update((byte)(length >>> 24));
        sha.update((byte)(length >>> 16));
        sha.update((byte)(length >>> 8));
        sha.update((byte)length);
        sha.update(encoding);
    }
}
