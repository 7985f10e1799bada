package io.mp4j.ipc.collections;

import io.mp4j.ipc.Space;
import io.mp4j.ipc.codec.Codec;
import io.mp4j.ipc.codec.Codecs;
import io.mp4j.ipc.region.Names;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;

/**
 * Named values shared by every JVM that opens the namespace: Python's {@code Manager().Namespace()}, where
 * {@code ns.x = 1} becomes {@code ns.set("x", 1)} and {@code ns.x} becomes {@code ns.get("x")}. A namespace is a
 * {@link SharedMap} from attribute names to values, so each attribute is read and written atomically, and
 * {@link #update} combines atomically too.
 *
 * <p>Threading: any thread of any process. Ordering: as {@link SharedMap}'s.
 */
public final class SharedNamespace implements AutoCloseable
{
    private final SharedMap<String, Object> map;

    private SharedNamespace(final SharedMap<String, Object> map)
    {
        this.map = map;
    }

    /**
     * Creates the namespace if missing, else attaches to it. Values pass through {@link Codecs#objects()}.
     *
     * @param space the space.
     * @param name  the namespace's name.
     * @return the namespace; the caller closes it.
     */
    public static SharedNamespace open(final Space space, final String name)
    {
        return open(space, name, Codecs.objects());
    }

    /**
     * Creates the namespace if missing, else attaches to it.
     *
     * @param space  the space.
     * @param name   the namespace's name.
     * @param values how values become bytes, e.g. {@code Codecs.objectsAllowing("com.example.")}.
     * @return the namespace; the caller closes it.
     */
    public static SharedNamespace open(final Space space, final String name, final Codec<Object> values)
    {
        final SharedMapOptions options = SharedMapOptions.defaults().withEntries(1024).withAverageKeyBytes(16)
            .withAverageValueBytes(64);
        return new SharedNamespace(SharedMap.open(space, name, options, Codecs.strings(), values));
    }

    /** @return the namespace's name in its space. */
    public String name()
    {
        return map.name();
    }

    /**
     * Python: {@code ns.attribute = value}.
     *
     * @param attribute the attribute's name: as a region name, letters, digits, '.', '_' and '-'.
     * @param value     its value; null is a value.
     */
    public void set(final String attribute, final Object value)
    {
        map.set(Names.validate("attribute", attribute), value);
    }

    /**
     * Python: {@code ns.attribute}.
     *
     * @param attribute the attribute's name.
     * @return its value.
     * @throws NoSuchElementException if it is not set (Python's {@code AttributeError}).
     */
    public Object get(final String attribute)
    {
        final Object value = map.getOrDefault(attribute, Absent.INSTANCE);
        if (value == Absent.INSTANCE)
        {
            throw new NoSuchElementException("namespace " + name() + " has no attribute " + attribute);
        }
        return value;
    }

    /**
     * Python: {@code getattr(ns, attribute, fallback)}.
     *
     * @param attribute the attribute's name.
     * @param fallback  what to return if it is not set.
     * @return its value, or the fallback.
     */
    public Object get(final String attribute, final Object fallback)
    {
        return map.getOrDefault(attribute, fallback);
    }

    /**
     * @param attribute the attribute's name.
     * @return true if it is set (Python's {@code hasattr}).
     */
    public boolean has(final String attribute)
    {
        return map.containsKey(attribute);
    }

    /**
     * Python: {@code del ns.attribute}.
     *
     * @param attribute the attribute's name.
     * @return true if it was set.
     */
    public boolean delete(final String attribute)
    {
        return map.delete(attribute);
    }

    /**
     * Atomically combines a value with the attribute's (Python: {@code ns.x += 1}, done right across processes).
     *
     * @param attribute the attribute's name.
     * @param value     the value to combine in; set as it is if the attribute is not set.
     * @param function  combines the old value and {@code value}; must not use this namespace.
     * @return the new value.
     */
    public Object update(final String attribute, final Object value, final BinaryOperator<Object> function)
    {
        return map.merge(Names.validate("attribute", attribute), value, function);
    }

    /** @return the names set, sorted (Python's {@code vars(ns).keys()}). */
    public Set<String> names()
    {
        return new TreeSet<>(map.keySet());
    }

    /** @return the map under the namespace: attribute names to values. */
    public Map<String, Object> asMap()
    {
        return map;
    }

    /** Closes the namespace in this process; its files stay. Idempotent. */
    @Override
    public void close()
    {
        map.close();
    }

    /** Closes the namespace and deletes its files. Idempotent. */
    public void unlink()
    {
        map.unlink();
    }

    @Override
    public String toString()
    {
        return "SharedNamespace{" + name() + "}";
    }

    private enum Absent
    {
        INSTANCE
    }
}
