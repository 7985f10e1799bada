package io.mp4j.cluster.ignite;

import org.apache.ignite.cache.CacheEntryProcessor;

import javax.cache.processor.MutableEntry;
import java.util.Arrays;

/**
 * The map's conditional updates, run atomically on the key's primary member: replace or remove when the present
 * value's encoding equals the expected one. Ignite compares values as objects, and arrays as objects are never
 * equal, so the comparison is made here, byte by byte.
 *
 * <p>Threading: one entry at a time, by Ignite.
 */
final class ConditionalUpdate implements CacheEntryProcessor<String, byte[], Boolean>
{
    private static final long serialVersionUID = 1L;

    private final byte[] expected;
    private final byte[] update;

    /**
     * @param expected the encoding the present value must have.
     * @param update   the new value's encoding, or null to remove the entry.
     */
    ConditionalUpdate(final byte[] expected, final byte[] update)
    {
        this.expected = expected;
        this.update = update;
    }

    @Override
    public Boolean process(final MutableEntry<String, byte[]> entry, final Object... arguments)
    {
        if (!entry.exists() || !Arrays.equals(entry.getValue(), expected))
        {
            return Boolean.FALSE;
        }
        if (update == null)
        {
            entry.remove();
        }
        else
        {
            entry.setValue(update);
        }
        return Boolean.TRUE;
    }
}
