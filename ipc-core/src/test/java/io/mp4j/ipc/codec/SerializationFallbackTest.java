package io.mp4j.ipc.codec;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static io.mp4j.ipc.codec.CodecTestSupport.decode;
import static io.mp4j.ipc.codec.CodecTestSupport.encode;
import static io.mp4j.ipc.codec.CodecTestSupport.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerializationFallbackTest
{
    static final class Trade implements Serializable
    {
        private static final long serialVersionUID = 1L;

        final String symbol;
        final BigDecimal price;

        Trade(final String symbol, final BigDecimal price)
        {
            this.symbol = symbol;
            this.price = price;
        }

        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Trade && ((Trade)other).symbol.equals(symbol) && ((Trade)other).price.equals(price);
        }

        @Override
        public int hashCode()
        {
            return Objects.hash(symbol, price);
        }
    }

    static final class Plain
    {
    }

    @SuppressWarnings("serial")
    static final class Holder implements Serializable
    {
        private static final long serialVersionUID = 1L;

        final String name = "holder";
        final Object payload;

        Holder(final Object payload)
        {
            this.payload = payload;
        }
    }

    @SuppressWarnings("serial")
    static final class Outer implements Serializable
    {
        private static final long serialVersionUID = 1L;

        final List<Object> items = new ArrayList<>();
    }

    @ParameterizedTest
    @MethodSource("io.mp4j.ipc.codec.CodecTestSupport#buffers")
    void shouldRoundTripJdkValueClassesWithTheDefaultAllowList(final Supplier<MutableDirectBuffer> buffers)
    {
        final MutableDirectBuffer buffer = buffers.get();
        final Map<String, Integer> map = new HashMap<>(Map.of("a", 1, "b", 2));
        final List<Object> values = List.of(
            List.of(1, 2, 3), new ArrayList<>(List.of("x", "y")), map, new TreeMap<>(map),
            new ConcurrentHashMap<>(map), BigDecimal.valueOf(12345, 2), Instant.ofEpochSecond(1_700_000_000, 5),
            Duration.ofMillis(1500), UUID.nameUUIDFromBytes(new byte[]{1}), new Integer[]{1, null, 3},
            new int[][]{{1}, {2, 3}}, new IllegalStateException("boom"));
        for (final Object value : values)
        {
            final Object decoded = roundTrip(Codecs.objects(), value, buffer, 6);
            if (value instanceof Object[])
            {
                assertTrue(java.util.Arrays.deepEquals((Object[])value, (Object[])decoded));
            }
            else if (value instanceof Throwable)
            {
                assertEquals(((Throwable)value).getMessage(), ((Throwable)decoded).getMessage());
            }
            else
            {
                assertEquals(value, decoded);
            }
        }
    }

    @Test
    void shouldRoundTripAnAllowedSerializableClass()
    {
        final Codec<Object> codec = Codecs.objectsAllowing(Trade.class.getName());
        final Trade trade = new Trade("ACME", new BigDecimal("10.25"));
        final byte[] bytes = encode(codec, trade);
        assertEquals(Tags.SERIALIZED, bytes[0]);
        assertEquals(bytes.length - 5, java.nio.ByteBuffer.wrap(bytes, 1, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .getInt(), "the length after the tag covers the rest");
        assertEquals(trade, decode(codec, bytes));
        assertEquals(trade, decode(Codecs.objectsAllowing("io.mp4j.ipc.codec."), bytes));
        assertEquals(trade, decode(Codecs.objectsAllowing("io.mp4j.ipc.**"), bytes));
        assertEquals(trade, decode(Codecs.objectsAllowing("io.mp4j.ipc.codec.*"), bytes));
        assertThrows(CodecException.class, () -> decode(Codecs.objectsAllowing("io.mp4j.ipc.*"), bytes));
    }

    @Test
    void shouldRefuseAClassOffTheAllowListAtDecodeNamingIt()
    {
        final byte[] bytes = encode(Codecs.objectsAllowing("io.mp4j.ipc.codec."), new Trade("ACME", BigDecimal.ONE));
        final CodecException ex = assertThrows(CodecException.class, () -> decode(Codecs.objects(), bytes));
        assertEquals("cannot decode: class " + Trade.class.getName() + " is not on the codec's allow-list; allow it " +
            "with Codecs.objectsAllowing(\"" + Trade.class.getName() + "\") or its package with " +
            "Codecs.objectsAllowing(\"io.mp4j.ipc.codec.\")", ex.getMessage());

        final CodecException inList = assertThrows(CodecException.class, () -> decode(Codecs.objects(),
            encode(Codecs.objectsAllowing("io.mp4j.ipc.codec."), List.of(new Trade("X", BigDecimal.TEN)))));
        assertTrue(inList.getMessage().contains(Trade.class.getName()), inList.getMessage());
    }

    @Test
    void shouldRefuseAtEncodeWhatTheCodecWouldRefuseAtDecode()
    {
        final CodecException ex = assertThrows(CodecException.class,
            () -> encode(Codecs.objects(), new Trade("ACME", BigDecimal.ONE)));
        assertTrue(ex.getMessage().startsWith("cannot encode " + Trade.class.getName() + ": class " +
            Trade.class.getName() + " is not on the codec's allow-list"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("(the receiving codec would refuse it)"), ex.getMessage());

        final CodecException nested = assertThrows(CodecException.class,
            () -> encode(Codecs.objects(), new ArrayList<>(List.of(new Trade("ACME", BigDecimal.ONE)))));
        assertTrue(nested.getMessage().startsWith("cannot encode java.util.ArrayList: class " +
            Trade.class.getName()), nested.getMessage());
    }

    @Test
    void shouldFailAtEncodeForAnObjectThatIsNotSerializable()
    {
        final CodecException ex = assertThrows(CodecException.class, () -> encode(Codecs.objects(), new Plain()));
        assertEquals("cannot encode " + Plain.class.getName() + ": not Serializable; pass a record of primitives, " +
            "strings and arrays (or of such records), implement java.io.Serializable, or give the queue a Codec",
            ex.getMessage());

        final Codec<Object> codec = Codecs.objectsAllowing("io.mp4j.ipc.codec.");
        final CodecException field = assertThrows(CodecException.class, () -> encode(codec, new Holder(new Plain())));
        assertTrue(field.getMessage().startsWith("cannot encode " + Holder.class.getName() + ": it holds an object " +
            "that is not Serializable (field payload of type " + Plain.class.getName() + ", path=Holder.payload)"),
            field.getMessage());

        final Outer outer = new Outer();
        outer.items.add("fine");
        outer.items.add(new Holder(new Plain()));
        final CodecException deep = assertThrows(CodecException.class, () -> encode(codec, outer));
        assertTrue(deep.getMessage().contains("field payload of type " + Plain.class.getName() +
            ", path=Outer.items[1].payload"), deep.getMessage());

        final CodecException lambda = assertThrows(CodecException.class,
            () -> encode(codec, (Runnable)() -> { }));
        assertTrue(lambda.getMessage().contains("not Serializable"), lambda.getMessage());
    }

    static final class Handler implements InvocationHandler, Serializable
    {
        private static final long serialVersionUID = 1L;

        @Override
        public Object invoke(final Object proxy, final Method method, final Object[] args)
        {
            return null;
        }
    }

    @Test
    void shouldRefuseDynamicProxies() throws IOException
    {
        final Object proxy = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Serializable.class},
            new Handler());
        final Codec<Object> anything = Codecs.objects(info -> java.io.ObjectInputFilter.Status.ALLOWED);
        final CodecException atEncode = assertThrows(CodecException.class, () -> encode(anything, proxy));
        assertTrue(atEncode.getMessage().contains("dynamic proxy"), atEncode.getMessage());

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream stream = new ObjectOutputStream(out))
        {
            stream.writeObject(proxy);
        }
        final byte[] serialized = out.toByteArray();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        buffer.putByte(0, Tags.SERIALIZED);
        buffer.putInt(1, serialized.length, Buffers.ORDER);
        buffer.putBytes(5, serialized);
        final CodecException atDecode = assertThrows(CodecException.class,
            () -> anything.decode(buffer, 0, 5 + serialized.length));
        assertTrue(atDecode.getMessage().contains("dynamic proxies are never accepted"), atDecode.getMessage());
    }

    @Test
    void shouldRefuseAnArrayLongerThanTheStreamWithoutAllocatingIt() throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream stream = new ObjectOutputStream(out))
        {
            stream.writeObject(new long[10]);
        }
        final byte[] serialized = out.toByteArray();
        // the array's length (big-endian) sits just before its 80 bytes of elements
        final int lengthAt = serialized.length - 84;
        assertArrayEquals(new byte[]{0, 0, 0, 10}, java.util.Arrays.copyOfRange(serialized, lengthAt, lengthAt + 4));
        serialized[lengthAt] = 0x7f;

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        buffer.putByte(0, Tags.SERIALIZED);
        buffer.putInt(1, serialized.length, Buffers.ORDER);
        buffer.putBytes(5, serialized);
        final CodecException ex = assertThrows(CodecException.class,
            () -> Codecs.objects().decode(buffer, 0, 5 + serialized.length));
        assertTrue(ex.getMessage().contains("array longer than the stream allows"), ex.getMessage());
    }

    @Test
    void shouldMatchAllowListPatterns()
    {
        final AllowList list = AllowList.empty().allow("com.example.", "org.acme.Trade", "net.one.*", "io.two.**")
            .allow(String[].class);
        assertTrue(list.allows("com.example.Foo"));
        assertTrue(list.allows("com.example.deep.Foo"));
        assertFalse(list.allows("com.examples.Foo"));
        assertTrue(list.allows("org.acme.Trade"));
        assertFalse(list.allows("org.acme.Trade$Leg"));
        assertFalse(list.allows("org.acme.Other"));
        assertTrue(list.allows("net.one.A"));
        assertFalse(list.allows("net.one.sub.A"));
        assertTrue(list.allows("io.two.A"));
        assertTrue(list.allows("io.two.sub.A"));
        assertTrue(list.allows("java.lang.String"));
        assertFalse(AllowList.empty().allows("java.lang.String"));
        assertTrue(AllowList.defaults().allows("java.time.zone.ZoneRules"));
        assertFalse(AllowList.defaults().allows("java.lang.invoke.SerializedLambda"));
        assertFalse(AllowList.defaults().allows("java.net.URL"));
        assertEquals(List.of("com.example.", "org.acme.Trade", "net.one.*", "io.two.**", "java.lang.String"),
            list.patterns());

        for (final String bad : new String[]{"", "*", "com..x", ".com", "com.example.***", "com/example", "a b",
            "!com.x", "com.x;y"})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> AllowList.defaults().allow(bad), bad);
            assertTrue(ex.getMessage().contains("pattern=\"" + bad + "\""), ex.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Codecs.objectsAllowing((String)null));
    }
}
