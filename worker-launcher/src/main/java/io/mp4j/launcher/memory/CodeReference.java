package io.mp4j.launcher.memory;

/**
 * A method or static field named by a method's code, which {@link FunctionCode}'s digest may follow.
 *
 * @param kind       {@link #METHOD} or {@link #STATIC_FIELD}.
 * @param owner      the internal name of the class named by the instruction.
 * @param name       the member's name.
 * @param descriptor the member's descriptor.
 */
record CodeReference(int kind, String owner, String name, String descriptor)
{
    static final int METHOD = 0;
    static final int STATIC_FIELD = 1;
}
