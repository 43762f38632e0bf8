package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wiretop.capture.format.TextTestPackets.concat;
import static org.wiretop.capture.format.TextTestPackets.eth;
import static org.wiretop.capture.format.TextTestPackets.hex;
import static org.wiretop.capture.format.TextTestPackets.ip4;
import static org.wiretop.capture.format.TextTestPackets.ip6;
import static org.wiretop.capture.format.TextTestPackets.tcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Relative sequence numbers against tcpdump's default output ({@code tcpdump -nn -r}, no
 * {@code -S}), on conversations made to hit its rules: both address orders, a loopback
 * connection to itself (equal addresses, ports decide), IPv6, SACK blocks, numbers that wrap,
 * a bare SYN (not recorded), a second SYN-ACK (recorded again), interleaved conversations.
 * Skipped when tcpdump is not installed.
 */
class RelativeSeqTcpdumpTest {
    private static final int SYN = 0x02, ACK = 0x10, SYN_ACK = 0x12, PSH_ACK = 0x18, FIN_ACK = 0x11;

    @TempDir
    Path dir;

    @Test
    void linesEqualTcpdumpsDefault() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed (apt-get install tcpdump): skipping the comparison");
        List<byte[]> frames = new ArrayList<>();
        conversation(frames, "10.0.0.9", "10.0.0.1", 51000, 443, 1000, 4294967000L);  // higher address opens
        conversation(frames, "10.0.0.1", "10.0.0.9", 40000, 9080, 4294967290L, 77);   // lower address opens, seq wraps
        conversation(frames, "127.0.0.1", "127.0.0.1", 55358, 33000, 5, 9);          // loopback: the ports decide
        conversation(frames, "127.0.0.1", "127.0.0.1", 33001, 55359, 5, 9);
        // IPv6, and a conversation that is already running when the capture starts (first segment with ACK)
        frames.add(eth(0x86dd, ip6("2001:db8::2", "2001:db8::1", 6, tcp(9000, 50000, 700, 300, PSH_ACK, 100, new byte[0], data(10)))));
        frames.add(eth(0x86dd, ip6("2001:db8::1", "2001:db8::2", 6, tcp(50000, 9000, 300, 710, ACK, 100, sack(720, 730), new byte[0]))));
        frames.add(eth(0x86dd, ip6("2001:db8::2", "2001:db8::1", 6, tcp(9000, 50000, 710, 300, PSH_ACK, 100, new byte[0], data(10)))));
        // a second SYN-ACK (a retransmission with another ISN) records the conversation again
        frames.add(eth(0x800, ip4("10.0.0.1", "10.0.0.9", 6, tcp(443, 51000, 123456, 1001, SYN_ACK, 100, new byte[0], new byte[0]))));
        frames.add(eth(0x800, ip4("10.0.0.9", "10.0.0.1", 6, tcp(51000, 443, 1001, 123457, PSH_ACK, 100, new byte[0], data(3)))));

        TextTestPackets pcap = new TextTestPackets();
        frames.forEach(pcap::add);
        Path file = dir.resolve("conversations.pcap");
        pcap.writePcap(file);
        List<String> theirs = TextFormatterTcpdumpTest.tcpdump(file);
        TextFormatter relative = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true);
        assertEquals(frames.size(), theirs.size(), "tcpdump printed " + theirs);
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            PacketSummary s = new PacketSummary();
            s.epochNanos = TextTestPackets.epochNanos(i);
            byte[] f = frames.get(i);
            new Decoder().decode(1, f, f.length, f.length, s);
            LineBuilder line = new LineBuilder();
            relative.format(s, f, line);
            ours.add(line.toString());
        }
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(theirs.get(i), ours.get(i), "packet " + (i + 1));
        }
    }

    /** Handshake, data both ways, a SACK, and the close, from the client's view. */
    private static void conversation(List<byte[]> f, String client, String server, int cport, int sport, long cIsn, long sIsn) {
        long c = cIsn, s = sIsn;
        f.add(eth(0x800, ip4(client, server, 6, tcp(cport, sport, c, 0, SYN, 65535, new byte[0], new byte[0]))));
        f.add(eth(0x800, ip4(server, client, 6, tcp(sport, cport, s, c + 1, SYN_ACK, 65535, new byte[0], new byte[0]))));
        c++;
        s++;
        f.add(eth(0x800, ip4(client, server, 6, tcp(cport, sport, c, s, ACK, 512, new byte[0], new byte[0]))));
        f.add(eth(0x800, ip4(client, server, 6, tcp(cport, sport, c, s, PSH_ACK, 512, new byte[0], data(20)))));
        f.add(eth(0x800, ip4(server, client, 6, tcp(sport, cport, s, c + 20, PSH_ACK, 512, new byte[0], data(100)))));
        f.add(eth(0x800, ip4(client, server, 6, tcp(cport, sport, c + 20, s + 100, ACK, 512, sack(s + 200, s + 300), new byte[0]))));
        f.add(eth(0x800, ip4(client, server, 6, tcp(cport, sport, c + 20, s + 100, FIN_ACK, 512, new byte[0], new byte[0]))));
        f.add(eth(0x800, ip4(server, client, 6, tcp(sport, cport, s + 100, c + 21, FIN_ACK, 512, new byte[0], new byte[0]))));
    }

    private static byte[] sack(long left, long right) {
        return concat(hex("0101050a"), u32(left), u32(right));
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] data(int n) {
        return TextTestPackets.bytes(n, 'd');
    }
}
