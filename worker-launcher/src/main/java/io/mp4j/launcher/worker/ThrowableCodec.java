package io.mp4j.launcher.worker;

import io.mp4j.ipc.codec.Codec;
import io.mp4j.launcher.RemoteException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Sends an exception from a worker to its parent twice over: as itself through the codec when it serializes (so the
 * caller can catch its real type), and always as text: the class name, message and stack trace of each exception in
 * the cause chain. The parent rebuilds the original when it can, else a chain of {@link RemoteException}s with the
 * same names, messages and stack traces. So an exception that cannot be serialized still arrives, never as a hang.
 *
 * <pre>
 * [byte serialized][int length][value]   (the value only when serialized is 1)
 * [int n] n x ([string class][string message][int frames] frames x ([string class][string method][string file][int line]))
 * </pre>
 */
public final class ThrowableCodec
{
    /** Longest cause chain sent as text. */
    static final int MAX_CHAIN = 32;

    private ThrowableCodec()
    {
    }

    /**
     * @param error  the exception.
     * @param writer the frame to write into.
     * @param codec  the object codec.
     */
    public static void encode(final Throwable error, final FrameWriter writer, final Codec<Object> codec)
    {
        final int mark = writer.position();
        try
        {
            writer.putByte((byte)1).putValue(codec, error);
        }
        catch (final Throwable notSerializable)
        {
            writer.rewind(mark);
            writer.putByte((byte)0);
        }
        final List<Throwable> chain = chain(error);
        writer.putInt(chain.size());
        for (final Throwable t : chain)
        {
            writer.putString(t.getClass().getName()).putString(safeMessage(t));
            final StackTraceElement[] frames = t.getStackTrace();
            writer.putInt(frames.length);
            for (final StackTraceElement frame : frames)
            {
                writer.putString(frame.getClassName()).putString(frame.getMethodName())
                    .putString(frame.getFileName()).putInt(frame.getLineNumber());
            }
        }
    }

    /**
     * @param reader positioned at an encoded exception.
     * @param codec  the object codec.
     * @return the original exception, or its mirror of {@link RemoteException}s.
     */
    public static Throwable decode(final FrameReader reader, final Codec<Object> codec)
    {
        Throwable original = null;
        RuntimeException undecodable = null;
        if (reader.getByte() == 1)
        {
            try
            {
                original = (Throwable)reader.getValue(codec);
            }
            catch (final RuntimeException ex)
            {
                undecodable = ex;
            }
        }
        final int n = reader.getInt();
        final List<RemoteException> mirrors = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            final RemoteException mirror = new RemoteException(reader.getString(), reader.getString());
            final StackTraceElement[] frames = new StackTraceElement[reader.getInt()];
            for (int f = 0; f < frames.length; f++)
            {
                frames[f] = new StackTraceElement(reader.getString(), reader.getString(), reader.getString(),
                    reader.getInt());
            }
            mirror.setStackTrace(frames);
            mirrors.add(mirror);
        }
        if (original != null)
        {
            return original;
        }
        for (int i = mirrors.size() - 2; i >= 0; i--)
        {
            mirrors.get(i).initCause(mirrors.get(i + 1));
        }
        final RemoteException head = mirrors.isEmpty() ? new RemoteException("unknown", null) : mirrors.get(0);
        if (undecodable != null)
        {
            head.addSuppressed(undecodable);
        }
        return head;
    }

    private static List<Throwable> chain(final Throwable error)
    {
        final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        final List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && chain.size() < MAX_CHAIN && seen.add(t); t = t.getCause())
        {
            chain.add(t);
        }
        return chain;
    }

    private static String safeMessage(final Throwable t)
    {
        try
        {
            return t.getMessage();
        }
        catch (final RuntimeException ex)
        {
            return "(getMessage threw " + ex + ")";
        }
    }
}
