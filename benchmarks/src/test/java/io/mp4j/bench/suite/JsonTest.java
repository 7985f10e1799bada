package io.mp4j.bench.suite;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest
{
    @Test
    void shouldReadAResultLineOfThePeersFormat()
    {
        final Map<String, Object> line = Json.parseObject("{\"bench\": \"mp.Pipe.pingpong\", \"metric\": " +
            "\"rtt_p50_us\", \"value\": 16.28, \"unit\": \"us\", \"params\": {\"variant\": \"duplex.send_bytes.8B\", " +
            "\"n\": 100000}, \"runs\": [16.1, 16.28, 1e2], \"ok\": true, \"none\": null, \"s\": \"a\\\"b\\u00e9\\n\"}");
        assertEquals("mp.Pipe.pingpong", line.get("bench"));
        assertEquals(16.28, line.get("value"));
        assertEquals(Map.of("variant", "duplex.send_bytes.8B", "n", 100000.0), line.get("params"));
        assertEquals(List.of(16.1, 16.28, 100.0), line.get("runs"));
        assertEquals(Boolean.TRUE, line.get("ok"));
        assertTrue(line.containsKey("none"));
        assertNull(line.get("none"));
        assertEquals("a\"b\u00e9\n", line.get("s"));
        assertEquals(List.of("bench", "metric", "value", "unit", "params", "runs", "ok", "none", "s"),
            List.copyOf(line.keySet()));
    }

    @Test
    void shouldReadPythonsNonFiniteNumbers()
    {
        assertEquals(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -2.5),
            Json.parse("[NaN, Infinity, -Infinity, -2.5]"));
    }

    @Test
    void shouldRejectWhatIsNotOneJsonValue()
    {
        for (final String bad : new String[] {"{", "{\"a\" 1}", "[1,]", "{\"a\": 1} x", "\"open", "tru", "{'a': 1}",
            "", "[1 2]"})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad),
                bad);
            assertTrue(ex.getMessage().startsWith("bad JSON at offset"), ex.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
    }
}
