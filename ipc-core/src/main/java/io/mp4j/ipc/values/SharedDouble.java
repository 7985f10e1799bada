package io.mp4j.ipc.values;

import io.mp4j.ipc.DoubleValue;
import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.region.Region;

import static io.mp4j.ipc.layout.ValueDescriptor.VALUE_OFFSET;

/**
 * A {@code double} in shared memory (Python's {@code Value('d')}), stored as its IEEE 754 bits. Made by
 * {@link io.mp4j.ipc.Space#sharedDouble(String)}.
 *
 * <p>Threading: every method is safe from any thread of any process that maps it.
 * Ordering: {@link #get()} and {@link #set(double)} are volatile; the read-modify-write methods are atomic and
 * volatile. {@link #compareAndSet(double, double)} compares bits, so {@code NaN} matches the same {@code NaN}
 * and {@code 0.0} does not match {@code -0.0}.
 */
public final class SharedDouble extends SharedObject implements DoubleValue
{
    /**
     * @param region a mapped {@link io.mp4j.ipc.region.RegionKind#DOUBLE_VALUE} region.
     */
    public SharedDouble(final Region region)
    {
        super(region);
    }

    /** @return the value, volatile read. */
    public double get()
    {
        return Double.longBitsToDouble(buffer.getLongVolatile(VALUE_OFFSET));
    }

    /** @param value stored with a volatile write. */
    public void set(final double value)
    {
        buffer.putLongVolatile(VALUE_OFFSET, Double.doubleToRawLongBits(value));
    }

    /** @param value stored with a release write: earlier stores are visible before it. */
    public void setRelease(final double value)
    {
        buffer.putLongRelease(VALUE_OFFSET, Double.doubleToRawLongBits(value));
    }

    /**
     * Adds atomically: a compare-and-set loop on the bits, so concurrent adds from any process are never lost.
     *
     * @param delta added.
     * @return the value before.
     */
    public double getAndAdd(final double delta)
    {
        while (true)
        {
            final long bits = buffer.getLongVolatile(VALUE_OFFSET);
            final double current = Double.longBitsToDouble(bits);
            if (buffer.compareAndSetLong(VALUE_OFFSET, bits, Double.doubleToRawLongBits(current + delta)))
            {
                return current;
            }
        }
    }

    /**
     * @param delta added atomically, as {@link #getAndAdd(double)}.
     * @return the value after.
     */
    public double addAndGet(final double delta)
    {
        return getAndAdd(delta) + delta;
    }

    /**
     * @param expected the value expected, compared by bits.
     * @param update   the value to store if it is.
     * @return true if stored.
     */
    public boolean compareAndSet(final double expected, final double update)
    {
        return buffer.compareAndSetLong(
            VALUE_OFFSET, Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(update));
    }

    /**
     * @param value stored atomically.
     * @return the value before.
     */
    public double getAndSet(final double value)
    {
        return Double.longBitsToDouble(buffer.getAndSetLong(VALUE_OFFSET, Double.doubleToRawLongBits(value)));
    }

    @Override
    public String toString()
    {
        return "SharedDouble{" + name() + "=" + (isClosed() ? "closed" : Double.toString(get())) + "}";
    }
}
