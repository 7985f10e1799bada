package io.mp4j.ipc.queue;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Self-checking test messages: producer id, sequence, random payload of random length, CRC32 over all of it.
 * A torn or half-written message fails {@link #check(byte[])}.
 */
final class Messages
{
    static final int OVERHEAD = 4 + 8 + 4;

    private Messages()
    {
    }

    static byte[] make(final int producer, final long seq, final int payloadLength, final SplittableRandom random)
    {
        final ByteBuffer bb = ByteBuffer.allocate(OVERHEAD + payloadLength);
        bb.putInt(producer).putLong(seq);
        for (int i = 0; i < payloadLength; i++)
        {
            bb.put((byte)random.nextInt());
        }
        final CRC32 crc = new CRC32();
        crc.update(bb.array(), 0, bb.position());
        bb.putInt((int)crc.getValue());
        return bb.array();
    }

    /** @return the message's global index {@code producer * perProducer + seq}, after checking its CRC. */
    static long check(final byte[] message, final long perProducer)
    {
        check(message);
        final ByteBuffer bb = ByteBuffer.wrap(message);
        return bb.getInt() * perProducer + bb.getLong();
    }

    static void check(final byte[] message)
    {
        if (message.length < OVERHEAD)
        {
            throw new AssertionError("short message: " + message.length + " bytes");
        }
        final CRC32 crc = new CRC32();
        crc.update(message, 0, message.length - 4);
        final int stored = ByteBuffer.wrap(message, message.length - 4, 4).getInt();
        if (stored != (int)crc.getValue())
        {
            throw new AssertionError("torn message: CRC mismatch, " + message.length + " bytes");
        }
    }

    static int producer(final byte[] message)
    {
        return ByteBuffer.wrap(message).getInt();
    }

    static long seq(final byte[] message)
    {
        return ByteBuffer.wrap(message, 4, 8).getLong();
    }
}
