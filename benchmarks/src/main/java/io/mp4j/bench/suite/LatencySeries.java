package io.mp4j.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 8-byte round trip of one implementation at each percentile, for the pipe's table and chart: mp4j's
 * {@code Pipe}, its Java peers and the C floor from {@code IpcPingPong}, Python's {@code Pipe} from its peer.
 *
 * @param label        how the table and the chart's legend name it.
 * @param mp4j         whether it is mp4j's.
 * @param percentileNs its round trip at each percentile it has ({@code p50}, ..., see
 *                     {@link ReportTables#PERCENTILES}), in nanoseconds.
 * @param maxNs        its longest round trip, or NaN.
 */
record LatencySeries(String label, boolean mp4j, Map<String, Double> percentileNs, double maxNs)
{
    private static final String[][] JAVA = {
        {"mp4j.Pipe", "mp4j Pipe"},
        {"agrona.OneToOneRingBuffer", "raw Agrona rings"},
        {"jdk.UnixDomainSocket", "Unix domain socket"},
        {"jdk.TcpLoopback", "TCP loopback"},
        {"C.cacheline", "C cache-line floor"}};

    /**
     * @param percentile a percentile name such as {@code p99.9}.
     * @return the round trip at it in nanoseconds, or NaN.
     */
    double percentileNs(final String percentile)
    {
        return percentileNs.getOrDefault(percentile, Double.NaN);
    }

    /**
     * @param results a run's figures.
     * @return the series the run has, mp4j's first, Python's before the C floor.
     */
    static List<LatencySeries> of(final Results results)
    {
        final List<LatencySeries> series = new ArrayList<>();
        for (final String[] impl : JAVA)
        {
            if (impl[0].equals("C.cacheline"))
            {
                python(results).ifPresent(series::add);
            }
            final Map<String, Double> values = new LinkedHashMap<>();
            for (final String p : ReportTables.PERCENTILES)
            {
                results.find(query("rtt_" + p + "_ns", impl[0])).ifPresent(f -> values.put(p, f.value()));
            }
            if (!values.isEmpty())
            {
                final double max = results.find(query("rtt_max_ns", impl[0])).map(Figure::value).orElse(Double.NaN);
                series.add(new LatencySeries(impl[1], impl[0].startsWith("mp4j"), values, max));
            }
        }
        return series;
    }

    private static Optional<LatencySeries> python(final Results results)
    {
        final Map<String, Double> values = new LinkedHashMap<>();
        for (final String p : ReportTables.PERCENTILES)
        {
            results.find(Query.of("mp.Pipe.pingpong", "rtt_" + p + "_us", "variant", "duplex.send_bytes.8B")
                .without("pin")).ifPresent(f -> values.put(p, f.value() * 1e3));
        }
        return values.isEmpty() ? Optional.empty() :
            Optional.of(new LatencySeries("Python Pipe", false, values, Double.NaN));
    }

    private static Query query(final String metric, final String impl)
    {
        return Query.of("ipc.pingpong", metric, "impl", impl, "msg_bytes", 8, "pin", "none");
    }
}
