package io.mp4j.launcher.memory;

import java.util.List;

/**
 * One method of a parsed class file: its canonical encoding ({@link MethodEncoder}) and what its code names.
 *
 * @param owner      the internal name of the declaring class.
 * @param name       the method's name.
 * @param descriptor the method's descriptor.
 * @param access     the access flags.
 * @param encoding   the canonical encoding; not to be modified.
 * @param references the methods and static fields its code names, in instruction order.
 */
record ParsedMethod(
    String owner, String name, String descriptor, int access, byte[] encoding, List<CodeReference> references)
{
}
