package io.mp4j.launcher.memory;

/**
 * A value that {@link ArgumentHasher} hashes through a stand-in: implement it on an argument type that is neither a
 * record nor one of the hashable JDK types, returning the state that determines the function's result (a record, a
 * list, a string...). The hash covers this class's name and the stand-in's hash, so two classes returning equal
 * stand-ins still differ.
 *
 * <p>Threading: called on the thread hashing the arguments.
 */
@FunctionalInterface
public interface CacheKey
{
    /**
     * @return the value to hash in this object's place; itself hashable (not this object, which would be a cycle).
     */
    Object cacheKey();
}
