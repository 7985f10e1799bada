package io.mp4j.cluster.ignite;

import org.apache.ignite.IgniteCache;

import javax.cache.Cache;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link ConcurrentMap} on an Ignite cache named {@code mp4j-*} (the template's {@code FULL_SYNC}, one backup,
 * atomic). Keys and values are the launcher codec's encodings ({@link ObjectBytes}), null included, as on the local engine. {@code get}, {@code put},
 * {@code remove}, {@code putIfAbsent} and {@code replace} are one atomic cache operation each; {@code remove} and
 * {@code replace} with an expected value compare encodings on the key's primary member ({@link ConditionalUpdate}).
 * {@code compute}, {@code merge} and {@code computeIfAbsent} are {@link ConcurrentMap}'s retry loops over those: they
 * are atomic, but the function runs in this JVM and may run more than once. Iteration is weakly consistent.
 *
 * <p>Threading: thread-safe.
 *
 * @param <K> the type of keys.
 * @param <V> the type of values.
 */
final class IgniteSharedMap<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V>
{
    private final IgniteCache<String, byte[]> cache;
    private final ObjectBytes bytes;
    private final Class<K> keyType;
    private final Class<V> valueType;

    IgniteSharedMap(
        final IgniteCache<String, byte[]> cache, final ObjectBytes bytes, final Class<K> keyType,
        final Class<V> valueType)
    {
        this.cache = cache;
        this.bytes = bytes;
        this.keyType = keyType;
        this.valueType = valueType;
    }

    @Override
    public V get(final Object key)
    {
        return value(cache.get(bytes.key(key)));
    }

    @Override
    public boolean containsKey(final Object key)
    {
        return cache.containsKey(bytes.key(key));
    }

    @Override
    public V put(final K key, final V value)
    {
        return value(cache.getAndPut(key(key), encode(value)));
    }

    @Override
    public V remove(final Object key)
    {
        return value(cache.getAndRemove(bytes.key(key)));
    }

    @Override
    public V putIfAbsent(final K key, final V value)
    {
        return value(cache.getAndPutIfAbsent(key(key), encode(value)));
    }

    @Override
    public boolean remove(final Object key, final Object value)
    {
        return cache.invoke(bytes.key(key), new ConditionalUpdate(bytes.encode(value), null));
    }

    @Override
    public boolean replace(final K key, final V oldValue, final V newValue)
    {
        return cache.invoke(key(key), new ConditionalUpdate(encode(oldValue), encode(newValue)));
    }

    @Override
    public V replace(final K key, final V value)
    {
        return value(cache.getAndReplace(key(key), encode(value)));
    }

    @Override
    public int size()
    {
        return cache.size();
    }

    @Override
    public boolean isEmpty()
    {
        return size() == 0;
    }

    @Override
    public void clear()
    {
        cache.removeAll();
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet()
    {
        return new AbstractSet<>()
        {
            @Override
            public Iterator<Map.Entry<K, V>> iterator()
            {
                final Iterator<Cache.Entry<String, byte[]>> entries = cache.iterator();
                return new Iterator<>()
                {
                    private K last;

                    @Override
                    public boolean hasNext()
                    {
                        return entries.hasNext();
                    }

                    @Override
                    public Map.Entry<K, V> next()
                    {
                        final Cache.Entry<String, byte[]> entry = entries.next();
                        last = keyType.cast(bytes.decodeKey(entry.getKey()));
                        return new SimpleImmutableEntry<>(last, value(entry.getValue()));
                    }

                    @Override
                    public void remove()
                    {
                        if (last == null)
                        {
                            throw new IllegalStateException("next() first");
                        }
                        IgniteSharedMap.this.remove(last);
                        last = null;
                    }
                };
            }

            @Override
            public int size()
            {
                return IgniteSharedMap.this.size();
            }
        };
    }

    @Override
    public String toString()
    {
        return "IgniteSharedMap(" + cache.getName() + ")";
    }

    private String key(final K key)
    {
        return bytes.key(key);
    }

    private byte[] encode(final V value)
    {
        return bytes.encode(value);
    }

    private V value(final byte[] encoded)
    {
        return valueType.cast(bytes.decode(encoded));
    }
}
