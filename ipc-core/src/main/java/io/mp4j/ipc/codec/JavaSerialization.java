package io.mp4j.ipc.codec;

import io.mp4j.ipc.SharedObject;
import io.mp4j.ipc.SharedReference;

import org.agrona.MutableDirectBuffer;
import org.agrona.io.DirectBufferInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * The fallback of {@link Codecs#objects()} for values that are not built in: Java serialization, read back only
 * through the codec's {@link ClassPolicy}. Payload: a 4-byte length, then the serialization stream.
 *
 * <p>Encoding fails with a {@link CodecException} in the producer when the value, or anything it holds, is not
 * Serializable (naming the field where it can) or is of a class the policy refuses. Decoding refuses any class the
 * policy refuses, dynamic proxies, arrays longer than the stream, and graphs deeper than
 * {@link ClassPolicy#MAX_GRAPH_DEPTH}.
 *
 * <p>Threading: thread-safe; each call has its own streams.
 */
final class JavaSerialization
{
    /** The end of every "cannot encode" message about serialization. */
    static final String ADVICE = "pass a record of primitives, strings and arrays (or of such records), implement " +
        "java.io.Serializable, or give the queue a Codec";

    private final ClassPolicy policy;
    private final ClassResolver resolver;

    JavaSerialization(final ClassPolicy policy, final ClassResolver resolver)
    {
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * Writes the tag, the length and the stream.
     *
     * @param whyNotBuiltIn why a record is not on the built-in path, for the message if it is not Serializable either.
     * @return the index after the last byte written.
     */
    int encode(final Object value, final MutableDirectBuffer buffer, final int offset, final String whyNotBuiltIn)
    {
        final String name = value.getClass().getName();
        if (value instanceof SharedObject shared)
        {
            return encode(new SharedReference(shared.handle()), buffer, offset, whyNotBuiltIn);
        }
        if (!(value instanceof Serializable))
        {
            throw new CodecException("cannot encode " + name + ": not Serializable" +
                (whyNotBuiltIn == null ? "" : " (" + whyNotBuiltIn + ")") + "; " + ADVICE);
        }
        Buffers.reserve(buffer, offset, 5);
        buffer.putByte(offset, Tags.SERIALIZED);
        final BufferOutputStream out = new BufferOutputStream(buffer, offset + 5);
        try (CheckingObjectOutputStream stream = new CheckingObjectOutputStream(out, policy))
        {
            stream.writeObject(value);
            if (stream.refusal != null)
            {
                throw new CodecException("cannot encode " + name + ": " + stream.refusal +
                    " (the receiving codec would refuse it)");
            }
        }
        catch (final NotSerializableException ex)
        {
            final String where = NotSerializableLocator.locate(value, ex.getMessage());
            throw new CodecException("cannot encode " + name + ": it holds an object that is not Serializable (" +
                (where != null ? where : "of type " + ex.getMessage()) + "); " + ADVICE, ex);
        }
        catch (final IOException ex)
        {
            throw new CodecException("cannot encode " + name + ": Java serialization failed: " + ex, ex);
        }
        catch (final StackOverflowError ex)
        {
            throw new CodecException("cannot encode " + name + ": object graph too deep for Java serialization", ex);
        }
        catch (final CodecException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new CodecException("cannot encode " + name + ": Java serialization failed: " + ex, ex);
        }
        final int end = out.position();
        buffer.putInt(offset + 1, end - offset - 5, Buffers.ORDER);
        return end;
    }

    /**
     * Reads the length and the stream after the tag.
     */
    Object decode(final ByteReader reader)
    {
        final int lengthBytes = reader.readCount(1, "serialized");
        final int start = reader.position();
        reader.skip(lengthBytes);
        final DirectBufferInputStream in = new DirectBufferInputStream(reader.buffer(), start, lengthBytes);
        final ClassPolicy.StreamFilter filter = policy.streamFilter(lengthBytes);
        try (FilteringObjectInputStream stream = new FilteringObjectInputStream(in, resolver, filter))
        {
            final Object value = stream.readObject();
            if (in.available() != 0)
            {
                throw new CodecException("cannot decode: corrupt input: trailing bytes after the serialized value: " +
                    "count=" + in.available() + " at=" + (start + lengthBytes - in.available()));
            }
            return value;
        }
        catch (final CodecException ex)
        {
            throw ex;
        }
        catch (final ClassNotFoundException ex)
        {
            throw new CodecException("cannot decode: class not found: " + ex.getMessage(), ex);
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            if (ex instanceof OutOfMemoryError)
            {
                throw (OutOfMemoryError)ex;
            }
            // JDK classes' readObject and readResolve throw anything on bad data, even InternalError
            if (filter.refusal() != null)
            {
                throw new CodecException("cannot decode: " + filter.refusal(), ex);
            }
            throw new CodecException("cannot decode: corrupt Java serialization stream: " + ex + " at=" + start, ex);
        }
    }

    /**
     * Checks each class as it enters the stream, so what the codec would refuse to read fails at encode. A refusal is
     * reported once the write is over: when a write fails, the stream writes the exception into itself, and that
     * exception's class must not hide the failure.
     */
    private static final class CheckingObjectOutputStream extends ObjectOutputStream
    {
        private final ClassPolicy policy;
        private String refusal;

        CheckingObjectOutputStream(final OutputStream out, final ClassPolicy policy) throws IOException
        {
            super(out);
            this.policy = policy;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(final Object object)
        {
            // a shared object travels as its handle and re-attaches on the other side
            return object instanceof SharedObject shared ? new SharedReference(shared.handle()) : object;
        }

        @Override
        protected void annotateClass(final Class<?> type)
        {
            if (refusal == null && !policy.allows(type))
            {
                refusal = policy.refusal(type.getName());
            }
        }

        @Override
        protected void annotateProxyClass(final Class<?> type)
        {
            if (refusal == null)
            {
                refusal = "it holds a dynamic proxy (" + type.getName() + "), which the receiving codec always refuses";
            }
        }
    }

    /**
     * Loads classes through the codec's resolver, under the stream's filter; refuses dynamic proxies outright.
     */
    private static final class FilteringObjectInputStream extends ObjectInputStream
    {
        private final ClassResolver resolver;

        FilteringObjectInputStream(
            final InputStream in, final ClassResolver resolver, final ClassPolicy.StreamFilter filter)
            throws IOException
        {
            super(in);
            this.resolver = resolver;
            setObjectInputFilter(filter);
        }

        @Override
        protected Class<?> resolveClass(final ObjectStreamClass desc) throws IOException, ClassNotFoundException
        {
            try
            {
                return resolver.load(desc.getName());
            }
            catch (final ClassNotFoundException | LinkageError ex)
            {
                return super.resolveClass(desc);
            }
        }

        @Override
        protected Class<?> resolveProxyClass(final String[] interfaces) throws InvalidClassException
        {
            throw new InvalidClassException("dynamic proxies are never accepted: interfaces=" +
                String.join(",", interfaces));
        }
    }
}
