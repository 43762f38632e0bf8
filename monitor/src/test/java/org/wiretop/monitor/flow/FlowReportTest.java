package org.wiretop.monitor.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.monitor.flow.Segments.ACK;
import static org.wiretop.monitor.flow.Segments.FIN;
import static org.wiretop.monitor.flow.Segments.MS;
import static org.wiretop.monitor.flow.Segments.PSH;
import static org.wiretop.monitor.flow.Segments.SEC;
import static org.wiretop.monitor.flow.Segments.SYN;
import static org.wiretop.monitor.flow.Segments.ip4;
import static org.wiretop.monitor.flow.Segments.tcp4;
import static org.wiretop.monitor.flow.Segments.udp4;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wiretop.monitor.socket.SocketOwner;

class FlowReportTest {
    static final long T0 = 1_700_000_000L * SEC;
    static final int C = ip4(10, 0, 0, 9), S = ip4(10, 0, 0, 2);

    @Test
    void printsOneConversationLineWithTsharksColumnsAndOurs() {
        FlowTable t = new FlowTable(FlowTableConfig.defaults(), LocalAddresses.none());
        t.ingest(udp4(T0, C, 40000, S, 53, 30));                                    // first packet: rel start 0
        t.ingest(tcp4(T0 + SEC, C, 50000, S, 80, SYN, 100, 0, 0));
        t.ingest(tcp4(T0 + SEC + 2 * MS, S, 80, C, 50000, SYN | ACK, 900, 101, 0));
        t.ingest(tcp4(T0 + SEC + 3 * MS, C, 50000, S, 80, ACK, 101, 901, 0));
        t.ingest(tcp4(T0 + SEC + 4 * MS, C, 50000, S, 80, PSH | ACK, 101, 901, 100));
        t.ingest(tcp4(T0 + SEC + 5 * MS, S, 80, C, 50000, PSH | ACK | FIN, 901, 201, 20_000));
        t.ingest(tcp4(T0 + SEC + 6 * MS, C, 50000, S, 80, ACK | FIN, 201, 20_902, 0));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        FlowReport.print(t.snapshot(), f -> f.protocol() == 6
                ? Optional.of(new SocketOwner(4242, "curl", "alice")) : Optional.empty(),
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> lines = Arrays.asList(buf.toString(StandardCharsets.UTF_8).split("\n"));

        assertTrue(lines.contains("TCP Conversations"), String.join("\n", lines));
        assertTrue(lines.contains("UDP Conversations"));
        String tcp = lines.stream().filter(l -> l.startsWith("10.0.0.9:50000")).findFirst().orElseThrow();
        String[] cells = tcp.replace("|", " ").trim().split(" +");
        // A <-> B | <- frames bytes | -> frames bytes | total | rel start | duration | state rtt retrans ooo process
        assertEquals(List.of("10.0.0.9:50000", "<->", "10.0.0.2:80",
                "2", "20", "kB", "4", "316", "bytes", "6", "20", "kB",
                "1.000000000", "0.0060", "CLOSED", "3.000", "0", "0", "4242/curl"), List.of(cells));
        String udp = lines.stream().filter(l -> l.startsWith("10.0.0.9:40000")).findFirst().orElseThrow();
        assertTrue(udp.contains("0.000000000"), udp);
        assertTrue(udp.endsWith("-"), "no process for the UDP flow: " + udp);
        assertEquals("2 flows active, 2 started, 0 evicted (0 idle, 0 at the cap of 100000); "
                + "7 packets, 0 not in any flow", lines.get(lines.size() - 1));
    }

    @Test
    void byteCountsAreWrittenLikeTsharks() {
        assertEquals("9999 bytes", FlowReport.bytes(9999));
        assertEquals("10 kB", FlowReport.bytes(10_000));
        assertEquals("12 MB", FlowReport.bytes(12_345_678));
    }
}
