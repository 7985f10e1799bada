package io.mp4j.ipc.chronicle;

import net.openhft.chronicle.algo.hashing.LongHashFunction;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.hash.serialization.DataAccess;
import net.openhft.chronicle.hash.serialization.impl.ByteArrayDataAccess;
import net.openhft.chronicle.wire.WireIn;
import net.openhft.chronicle.wire.WireOut;

/**
 * How a shared map hands a {@code byte[]} key or value to Chronicle Map: Chronicle's own {@link ByteArrayDataAccess},
 * except that it wraps an array in a Chronicle store only when the array is not the one it wrapped last. A shared
 * map passes the same per-thread array, of the exact length, operation after operation, so this allocates nothing
 * per operation; Chronicle's wraps every array anew (a reference-counted store: about 200 bytes of garbage per key
 * and per value). Its hash is xxHash r39 of the bytes, as Chronicle's default computes it, read straight from the
 * array.
 *
 * <p>The map's creator configures it; Chronicle records the class in the map's file, so every process that attaches
 * uses it too (an attacher's own configuration is ignored). It has no configuration of its own.
 *
 * <p>Threading: one instance per Chronicle context, so per thread ({@link #copy()}).
 */
final class ReusingByteArrayDataAccess extends ByteArrayDataAccess
{
    private static final long serialVersionUID = 1L;

    private transient byte[] array;
    private transient BytesStore<?, ?> store;
    private transient byte[] wrappedArray;
    private transient BytesStore<?, ?> wrappedStore;

    /** For Chronicle, which creates it from the map's file and copies it per context. */
    ReusingByteArrayDataAccess()
    {
    }

    @Override
    public Data<byte[]> getData(final byte[] instance)
    {
        if (instance != wrappedArray)
        {
            wrappedStore = BytesStore.wrap(instance);
            wrappedArray = instance;
        }
        array = instance;
        store = wrappedStore;
        return this;
    }

    @Override
    public RandomDataInput bytes()
    {
        return store;
    }

    @Override
    public long offset()
    {
        return 0;
    }

    @Override
    public long size()
    {
        return array.length;
    }

    @Override
    public long hash(final LongHashFunction function)
    {
        return function.hashBytes(array);
    }

    @Override
    public byte[] get()
    {
        return array;
    }

    @Override
    public byte[] getUsing(final byte[] using)
    {
        final byte[] into = using != null && using.length == array.length ? using : new byte[array.length];
        System.arraycopy(array, 0, into, 0, array.length);
        return into;
    }

    @Override
    public void uninit()
    {
        array = null;
        store = null;
    }

    @Override
    public DataAccess<byte[]> copy()
    {
        return new ReusingByteArrayDataAccess();
    }

    @Override
    public void writeMarshallable(final WireOut wire)
    {
        // no configuration
    }

    @Override
    public void readMarshallable(final WireIn wire)
    {
        array = null;
        store = null;
        wrappedArray = null;
        wrappedStore = null;
    }

    @Override
    public String toString()
    {
        return "ReusingByteArrayDataAccess{" + (array == null ? "unset" : array.length + " bytes") + "}";
    }
}
