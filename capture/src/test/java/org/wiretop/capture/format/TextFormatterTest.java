package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wiretop.capture.format.TextTestPackets.MAC_A;
import static org.wiretop.capture.format.TextTestPackets.MAC_B;
import static org.wiretop.capture.format.TextTestPackets.arp;
import static org.wiretop.capture.format.TextTestPackets.bytes;
import static org.wiretop.capture.format.TextTestPackets.concat;
import static org.wiretop.capture.format.TextTestPackets.eth;
import static org.wiretop.capture.format.TextTestPackets.hex;
import static org.wiretop.capture.format.TextTestPackets.icmp;
import static org.wiretop.capture.format.TextTestPackets.ip4;
import static org.wiretop.capture.format.TextTestPackets.ip6;
import static org.wiretop.capture.format.TextTestPackets.tcp;
import static org.wiretop.capture.format.TextTestPackets.udp;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * The formatter's lines for hand-built frames, each expected line as tcpdump 4.99
 * ({@code tcpdump -nn -S}) prints it ({@link TextFormatterTcpdumpTest} checks the same frames
 * against the installed tcpdump). Times are UTC here so the expectations are fixed.
 */
class TextFormatterTest {
    static final byte[] SYN_OPTIONS = hex("020405b4 0402 080a0000000100000000 01 030307");
    static final byte[] TS_OPTIONS = hex("0101 080a0000000500000006");

    /** Frames and, for each, tcpdump's text after the timestamp. */
    static List<Object[]> cases() {
        List<Object[]> c = new ArrayList<>();
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 6, tcp(443, 51000, 1, 2, 0x12, 65535, SYN_OPTIONS, new byte[0]))),
                "IP 10.0.0.1.443 > 10.0.0.2.51000: Flags [S.], seq 1, ack 2, win 65535, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 6, tcp(51000, 443, 100, 0, 0x02, 65535, SYN_OPTIONS, new byte[0]))),
                "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [S], seq 100, win 65535, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 6, tcp(51000, 443, 4294967290L, 200, 0x18, 512, TS_OPTIONS, "hello world".getBytes()))),
                "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [P.], seq 4294967290:5, ack 200, win 512, options [nop,nop,TS val 5 ecr 6], length 11"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 6, tcp(51000, 443, 100, 200, 0x11, 512, new byte[0], new byte[0]))),
                "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [F.], seq 100, ack 200, win 512, length 0"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 6, tcp(51000, 443, 100, 200, 0x04, 0, new byte[0], new byte[0]))),
                "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [R], seq 100, win 0, length 0"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 6, tcp(51000, 443, 100, 200, 0x00, 0, new byte[0], new byte[0]))),
                "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [none], win 0, length 0"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 6, tcp(51000, 443, 100, 200, 0xff, 1, new byte[0], "x".getBytes()))),
                "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [FSRP.UEW], seq 100:101, ack 200, win 1, urg 0, length 1"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 6, tcp(51000, 443, 100, 200, 0x10, 512, hex("0101 050a 00000100 00000200"), new byte[0]))),
                "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [.], ack 200, win 512, options [nop,nop,sack 1 {256:512}], length 0"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 17, udp(40000, 45000, "abcde".getBytes()))),
                "IP 10.0.0.1.40000 > 10.0.0.2.45000: UDP, length 5"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 1, icmp(8, 0, 0x00010002, bytes(56, 'x')))),
                "IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 2, length 64"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(0, 0, 0x00010002, bytes(56, 'x')))),
                "IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 1, seq 2, length 64"});
        byte[] quoted = ip4("10.0.0.1", "10.0.0.2", 17, udp(40000, 45000, "abc".getBytes()));
        c.add(new Object[] {eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 3, 0, quoted))),
                "IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 45000 unreachable, length 39"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(11, 0, 0, quoted))),
                "IP 10.0.0.2 > 10.0.0.1: ICMP time exceeded in-transit, length 39"});
        c.add(new Object[] {eth(new byte[] {-1, -1, -1, -1, -1, -1}, MAC_A, 0x806,
                concat(arp(1, MAC_A, "10.0.0.1", new byte[6], "10.0.0.2"), new byte[18])),
                "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 46"});
        c.add(new Object[] {eth(0x806, arp(2, MAC_B, "10.0.0.2", MAC_A, "10.0.0.1")),
                "ARP, Reply 10.0.0.2 is-at 02:00:00:00:00:02, length 28"});
        c.add(new Object[] {eth(0x86dd, ip6("::1", "::1", 6, tcp(5000, 6000, 7, 0, 0x02, 100, SYN_OPTIONS, new byte[0]))),
                "IP6 ::1.5000 > ::1.6000: Flags [S], seq 7, win 100, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0"});
        c.add(new Object[] {eth(0x86dd, ip6("fe80::1", "2001:db8::2", 17, udp(5000, 6000, "hi".getBytes()))),
                "IP6 fe80::1.5000 > 2001:db8::2.6000: UDP, length 2"});
        c.add(new Object[] {eth(0x86dd, ip6("::1", "::1", 58, icmp(128, 0, 0x00070009, bytes(8, 'z')))),
                "IP6 ::1 > ::1: ICMP6, echo request, id 7, seq 9, length 16"});
        // IPv4 fragments: the first carries the UDP header, a later one only the protocol number
        byte[] bigUdp = udp(40000, 45000, bytes(100, 'a'));
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 17, java.util.Arrays.copyOf(bigUdp, 48), 77, 1, 0)),
                "IP 10.0.0.1.40000 > 10.0.0.2.45000: UDP, length 100"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 17, bytes(60, 'a'), 77, 0, 6)),
                "IP 10.0.0.1 > 10.0.0.2: ip-proto-17"});
        // cut short inside a header: tcpdump's [|proto]
        byte[] ack = eth(0x800, ip4("10.0.0.1", "10.0.0.2", 6, tcp(51000, 443, 100, 200, 0x10, 512, new byte[0], new byte[0])));
        c.add(new Object[] {new TextTestPackets.Frame(ack).cut(14 + 20 + 6), "IP 10.0.0.1.51000 > 10.0.0.2.443:  [|tcp]"});
        c.add(new Object[] {new TextTestPackets.Frame(ack).cut(14 + 20 + 16), "IP 10.0.0.1.51000 > 10.0.0.2.443:  [|tcp]"});
        c.add(new Object[] {new TextTestPackets.Frame(ack).cut(14 + 10), "IP  [|ip]"});
        byte[] u = eth(0x800, ip4("10.0.0.1", "10.0.0.2", 17, udp(40000, 45000, "abcde".getBytes())));
        c.add(new Object[] {new TextTestPackets.Frame(u).cut(14 + 20 + 4), "IP 10.0.0.1.40000 > 10.0.0.2.45000:  [|udp]"});
        // an 802.1Q tag is not shown without -e
        c.add(new Object[] {concat(MAC_B, MAC_A, hex("8100 000a 0800"), ip4("10.0.0.1", "10.0.0.2", 17, udp(40000, 45000, "abcde".getBytes()))),
                "IP 10.0.0.1.40000 > 10.0.0.2.45000: UDP, length 5"});
        c.add(new Object[] {eth(0x800, ip4("10.0.0.1", "10.0.0.2", 253, "abcd".getBytes())),
                "IP 10.0.0.1 > 10.0.0.2:  ip-proto-253 4"});
        return c;
    }

    static String formatOne(TextFormatter f, Object frame, int index) {
        TextTestPackets.Frame fr = frame instanceof TextTestPackets.Frame x ? x : new TextTestPackets.Frame((byte[]) frame);
        PacketSummary s = new PacketSummary();
        s.epochNanos = TextTestPackets.epochNanos(index);
        new Decoder().decode(1, fr.bytes(), fr.bytes().length, fr.wireLength(), s);
        LineBuilder out = new LineBuilder();
        f.format(s, fr.bytes(), out);
        return out.toString();
    }

    @Test
    void everyFixturePrintsAsTcpdumpDoes() {
        TextFormatter f = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC));
        List<Object[]> cases = cases();
        for (int i = 0; i < cases.size(); i++) {
            String line = formatOne(f, cases.get(i)[0], i);
            assertEquals(cases.get(i)[1], line.substring(line.indexOf(' ') + 1), "fixture " + i);
        }
    }

    @Test
    void timestampsInEveryStyle() {
        long t = 1_700_000_000_123_456_789L; // 2023-11-14 22:13:20.123456789 UTC
        assertEquals("22:13:20.123456", time(TimestampStyle.localTime(false, ZoneOffset.UTC), t));
        assertEquals("22:13:20.123456789", time(TimestampStyle.localTime(true, ZoneOffset.UTC), t));
        assertEquals("23:13:20.123456", time(TimestampStyle.localTime(false, ZoneId.of("Europe/Paris")), t));
        assertEquals("1700000000.123456", time(TimestampStyle.epoch(false), t));
        assertEquals("1700000000.123456789", time(TimestampStyle.epoch(true), t));
        assertEquals("00:00:00.000000", time(TimestampStyle.localTime(false, ZoneOffset.UTC), 0));
        // a zone that changes offset on the day: before and after the switch
        TimestampStyle paris = TimestampStyle.localTime(false, ZoneId.of("Europe/Paris"));
        assertEquals("01:59:59.000000", time(paris, 1_711_846_799_000_000_000L)); // 2024-03-31 00:59:59Z
        assertEquals("03:00:00.000000", time(paris, 1_711_846_800_000_000_000L)); // 01:00:00Z, CEST
    }

    @Test
    void invalidHeaderEndsTheLineWithTheReason() {
        // TCP data offset 4 (16 bytes): impossible
        byte[] t = tcp(1000, 2000, 5, 6, 0x10, 100, new byte[0], new byte[0]);
        t[12] = 0x40;
        String line = formatOne(new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC)),
                eth(0x800, ip4("10.0.0.1", "10.0.0.2", 6, t)), 0);
        assertEquals("IP 10.0.0.1.1000 > 10.0.0.2.2000: Flags [.], ack 6, win 100, length 0 [tcp-header-length 16 < 20]",
                line.substring(line.indexOf(' ') + 1));
    }

    @Test
    void unsupportedLinkTypeSaysSo() {
        PacketSummary s = new PacketSummary();
        byte[] data = new byte[10];
        new Decoder().decode(147, data, 10, 10, s);
        LineBuilder out = new LineBuilder();
        new TextFormatter(TimestampStyle.epoch(false)).format(s, data, out);
        assertEquals("0.000000 [link-type 147 not decoded], length 10", out.toString());
    }

    private static String time(TimestampStyle style, long nanos) {
        LineBuilder b = new LineBuilder();
        style.append(b, nanos);
        return b.toString();
    }
}
