package org.wiretop.capture.format;

import static org.wiretop.capture.format.TextTestPackets.bytes;
import static org.wiretop.capture.format.TextTestPackets.concat;
import static org.wiretop.capture.format.TextTestPackets.eth;
import static org.wiretop.capture.format.TextTestPackets.hex;
import static org.wiretop.capture.format.TextTestPackets.icmp;
import static org.wiretop.capture.format.TextTestPackets.ip4;
import static org.wiretop.capture.format.TextTestPackets.ip6;
import static org.wiretop.capture.format.TextTestPackets.tcp;
import static org.wiretop.capture.format.TextTestPackets.udp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wiretop.decode.Decoder;

/**
 * Hand-made packets for tcpdump's text flags: what -v says of IPv4 options, ECN, fragments,
 * checksums right, wrong and absent, resets with text, ICMP errors and the packets they quote
 * (IPv4 and IPv6), IPv6 flow labels, fragments and neighbour discovery with its options, DNS
 * (whose printer honours -v, -vv, -vvv), ARP, VLAN and QinQ tags, an unknown EtherType, Ethernet
 * padding, headers cut short; and the same IP packets under Linux cooked (SLL, SLL2), BSD
 * loopback and raw IP link layers. Checksums are filled in unless a case wants them wrong.
 */
final class FlagFixtures {
    private FlagFixtures() {
    }

    /** One capture file's worth: a link type and its records (bytes, length on the wire). */
    record Capture(String name, int linkType, List<TextTestPackets.Frame> frames) {
        void write(Path file) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
            out.write(h.array());
            for (int i = 0; i < frames.size(); i++) {
                TextTestPackets.Frame f = frames.get(i);
                ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                r.putInt(1_700_000_000 + i).putInt(i + 1).putInt(f.bytes().length).putInt(f.wireLength());
                out.write(r.array());
                out.write(f.bytes());
            }
            Files.write(file, out.toByteArray());
        }
    }

    static List<Capture> all() {
        List<byte[]> ip = ipPackets();
        List<Capture> c = new ArrayList<>();
        c.add(new Capture("ethernet", Decoder.DLT_EN10MB, ethernet(ip)));
        c.add(new Capture("sll", Decoder.DLT_LINUX_SLL, wrap(ip, FlagFixtures::sll)));
        c.add(new Capture("sll2", Decoder.DLT_LINUX_SLL2, wrap(ip, FlagFixtures::sll2)));
        c.add(new Capture("null", Decoder.DLT_NULL, wrap(ip, FlagFixtures::loopback)));
        c.add(new Capture("raw", Decoder.DLT_RAW, wrap(ip, p -> p)));
        return c;
    }

    /** IPv4 and IPv6 packets (no link header). */
    static List<byte[]> ipPackets() {
        List<byte[]> p = new ArrayList<>();
        byte[] syn = hex("020405b4 0402 080a0000000100000000 01 030307");
        p.add(sum(ip4("10.0.0.1", "10.0.0.2", 6, tcp(51000, 8001, 100, 0, 0x02, 65535, syn, new byte[0]), 1, 2, 0)));
        p.add(ip4("10.0.0.1", "10.0.0.2", 6, tcp(51000, 8001, 100, 200, 0x18, 512, new byte[0], "not summed".getBytes())));
        p.add(sum(ip4("10.0.0.2", "10.0.0.1", 6, tcp(8001, 51000, 200, 101, 0x18, 512, new byte[0],
                "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello\r\n\tworld\u0001\u00ff\r".getBytes(StandardCharsets.ISO_8859_1)))));
        p.add(sum(ip4("10.0.0.2", "10.0.0.1", 6, tcp(8001, 51000, 300, 0, 0x04, 0, new byte[0],
                "connection reset by peer because of \u0007 a long story".getBytes(StandardCharsets.ISO_8859_1)))));
        p.add(sum(ip4("10.0.0.1", "10.0.0.2", 17, udp(40000, 45000, "abcde".getBytes()))));
        p.add(ip4("10.0.0.1", "10.0.0.2", 17, udp(40000, 45000, "no checksum".getBytes())));
        p.add(badUdp(sum(ip4("10.0.0.1", "10.0.0.2", 17, udp(40000, 45000, "wrong".getBytes())))));
        p.add(sum(ip4("10.0.0.1", "10.0.0.9", 17, udp(40001, 53, dnsQuery()))));
        p.add(sum(ip4("10.0.0.9", "10.0.0.1", 17, udp(53, 40001, dnsResponse()))));
        p.add(ip4("10.0.0.1", "10.0.0.2", 1, icmp(8, 0, 0x00010002, bytes(56, 'x'))));
        byte[] badEcho = ip4("10.0.0.1", "10.0.0.2", 1, icmp(8, 0, 0x00010003, bytes(8, 'x')));
        badEcho[22] ^= 0x55;
        p.add(badEcho);
        byte[] quotedUdp = sum(ip4("10.0.0.1", "10.0.0.2", 17, udp(40000, 45000, "abc".getBytes()), 7, 0, 0));
        p.add(ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 3, 0, quotedUdp)));
        p.add(ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 3, 0, Arrays.copyOf(quotedUdp, 28))));
        byte[] quotedDns = sum(ip4("10.0.0.1", "10.0.0.9", 17, udp(40001, 53, dnsQuery()), 8, 0, 0));
        p.add(ip4("10.0.0.254", "10.0.0.1", 1, icmp(11, 0, 0, Arrays.copyOf(quotedDns, 40))));
        byte[] quotedTcp = ip4("10.0.0.1", "10.0.0.9", 6, hex("c350 01bb 00000001"));
        p.add(ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 4, 1400, quotedTcp)));
        p.add(ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 1, 0, hex("45"))));
        p.add(ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 3, 0,
                ip6("2001:db8::1", "2001:db8::2", 17, udp(5000, 53, bytes(12, 'q'))))));
        p.add(ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 3, 0, // a flow label tcpdump reads as the quote's IPv4 length
                flow(ip6("2001:db8::1", "2001:db8::2", 17, udp(5000, 53, bytes(12, 'q'))), 0, 0x40))));
        // RFC 4884/4950: time exceeded with a 128-byte original datagram and an MPLS label stack
        byte[] original = Arrays.copyOf(sum(ip4("12.4.4.4", "12.1.1.1", 17, udp(42315, 33435, bytes(12, 't')), 9, 0, 0)), 128);
        byte[] extension = concat(hex("2000 0000"), hex("0008 01 01 00010101"), hex("000c 02 03 0a0b0c0d 0e0f1011"));
        int extensionSum = fold(words(extension, 0, extension.length));
        extension[2] = (byte) (extensionSum >>> 8);
        extension[3] = (byte) extensionSum;
        p.add(ip4("10.5.0.1", "12.4.4.4", 1, icmp(11, 0, 0x00200000, concat(original, extension))));
        // IPv4: options (RR, NOP, router alert, timestamp), tos with ECN, fragments, a bad header checksum
        byte[] options = hex("07 0b 08 0a000001 0a000002 01 94 04 0000 44 0c 0d 00 00000001 00000002");
        p.add(options(sum(ip4("10.0.0.1", "10.0.0.2", 17, udp(1000, 2000, "opt".getBytes()))), options));
        p.add(tos(ip4("10.0.0.1", "10.0.0.2", 17, udp(1000, 2000, "ecn".getBytes())), 0x13));
        byte[] big = udp(40000, 45000, bytes(100, 'f'));
        p.add(ip4("10.0.0.1", "10.0.0.2", 17, Arrays.copyOf(big, 48), 77, 1, 0));
        p.add(ip4("10.0.0.1", "10.0.0.2", 17, bytes(60, 'f'), 77, 0, 6));
        byte[] badHeader = ip4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, new byte[0]));
        badHeader[10] ^= 1;
        p.add(badHeader);
        // IPv6: TCP and UDP summed, class and flow label, fragments, ICMPv6 and neighbour discovery
        p.add(sum(ip6("2001:db8::1", "2001:db8::2", 6, tcp(5000, 6000, 7, 0, 0x02, 100, syn, new byte[0]))));
        p.add(flow(sum(ip6("2001:db8::1", "2001:db8::2", 17, udp(5000, 6000, "hi".getBytes()))), 0x2e, 0x12345));
        p.add(ip6("2001:db8::1", "2001:db8::2", 17, udp(5000, 6000, "zero sum".getBytes())));
        byte[] fragFirst = concat(hex("11 00 0001 00000055"), Arrays.copyOf(udp(5000, 6000, bytes(100, 'b')), 56));
        p.add(ip6("2001:db8::1", "2001:db8::2", 44, fragFirst));
        p.add(ip6("2001:db8::1", "2001:db8::2", 44, concat(hex("11 00 0038 00000055"), bytes(52, 'b'))));
        p.add(sum(ip6("::1", "::1", 58, icmp(128, 0, 0x00070009, bytes(8, 'z')))));
        p.add(sum(ip6("fe80::1", "ff02::1:ff00:2", 58, icmp(135, 0, 0,
                concat(hex("fe800000000000000000000000000002"), hex("0101 020000000001"))))));
        p.add(sum(ip6("fe80::2", "fe80::1", 58, icmp(136, 0, 0x60000000,
                concat(hex("fe800000000000000000000000000002"), hex("0201 020000000002"))))));
        p.add(sum(ip6("fe80::1", "ff02::1", 58, icmp(134, 0, 0x40c00708, concat(hex("00000000 00000000"),
                hex("0304 40c0 00278d00 00093a80 00000000 20010db8000000000000000000000000"),
                hex("0501 0000 000005dc"),
                hex("1903 0000 00000e10 20010db8000000000000000000000053"),
                hex("0101 020000000001"))))));
        p.add(sum(ip6("fe80::1", "ff02::2", 58, icmp(133, 0, 0, hex("0101 020000000001")))));
        p.add(sum(ip6("fe80::1", "ff02::2", 58, icmp(250, 0, 0x01020304, bytes(6, 'u')))));
        p.add(ip6("2001:db8::2", "2001:db8::1", 58, icmp(1, 4, 0,
                ip6("2001:db8::1", "2001:db8::2", 17, udp(5000, 6000, bytes(4, 'x'))))));
        return p;
    }

    private static List<TextTestPackets.Frame> ethernet(List<byte[]> ip) {
        List<TextTestPackets.Frame> f = new ArrayList<>();
        for (byte[] p : ip) {
            f.add(new TextTestPackets.Frame(eth((p[0] & 0xf0) == 0x60 ? 0x86dd : 0x800, p)));
        }
        byte[] small = sum(ip4("10.0.0.1", "10.0.0.2", 17, udp(1000, 2000, "pad".getBytes())));
        f.add(new TextTestPackets.Frame(Arrays.copyOf(eth(0x800, small), 60))); // Ethernet padding
        f.add(new TextTestPackets.Frame(eth(0x8100, concat(hex("6064 0800"), small))));
        f.add(new TextTestPackets.Frame(eth(0x88a8, concat(hex("1064 8100 30c8 0800"), small))));
        f.add(new TextTestPackets.Frame(eth(0x1234, "an EtherType tcpdump does not know\r\n".getBytes())));
        f.add(new TextTestPackets.Frame(eth(0x806, TextTestPackets.arp(1, TextTestPackets.MAC_A, "10.0.0.1", new byte[6], "10.0.0.2"))));
        f.add(new TextTestPackets.Frame(eth(0x806, TextTestPackets.arp(2, TextTestPackets.MAC_B, "10.0.0.2", TextTestPackets.MAC_A, "10.0.0.1"))));
        TextTestPackets.Frame arp = new TextTestPackets.Frame(eth(0x806, TextTestPackets.arp(1, TextTestPackets.MAC_A, "10.0.0.1",
                new byte[6], "10.0.0.2")));
        f.add(arp.cut(30));
        TextTestPackets.Frame tcp = new TextTestPackets.Frame(eth(0x800, ip.get(2)));
        for (int cut : new int[] {20, 30, 40, 50, 54, 60}) {
            f.add(tcp.cut(cut)); // inside Ethernet, IP, TCP (ports, up to the window), and the payload
        }
        TextTestPackets.Frame dns = new TextTestPackets.Frame(eth(0x800, ip.get(8)));
        f.add(dns.cut(60)); // DNS cut short: tcpdump's printer ends its line itself
        TextTestPackets.Frame icmp = new TextTestPackets.Frame(eth(0x800, ip.get(9)));
        f.add(icmp.cut(36)); // ICMP header cut: tcpdump gives up the packet
        return f;
    }

    private static List<TextTestPackets.Frame> wrap(List<byte[]> ip, java.util.function.UnaryOperator<byte[]> link) {
        List<TextTestPackets.Frame> f = new ArrayList<>();
        for (byte[] p : ip) {
            f.add(new TextTestPackets.Frame(link.apply(p)));
        }
        return f;
    }

    private static byte[] sll(byte[] p) {
        int type = (p[0] & 0xf0) == 0x60 ? 0x86dd : 0x800;
        return concat(hex("0004 0001 0006 020000000001 0000"), new byte[] {(byte) (type >>> 8), (byte) type}, p);
    }

    private static byte[] sll2(byte[] p) {
        int type = (p[0] & 0xf0) == 0x60 ? 0x86dd : 0x800;
        return concat(new byte[] {(byte) (type >>> 8), (byte) type}, hex("0000 00000001 0001 00 06 020000000001 0000"), p);
    }

    private static byte[] loopback(byte[] p) {
        return concat((p[0] & 0xf0) == 0x60 ? hex("1e000000") : hex("02000000"), p); // host order: AF_INET6 = 30 (macOS)
    }

    /** A DNS query for example.com A with an EDNS OPT record (tcpdump: "[1au] A? example.com."). */
    static byte[] dnsQuery() {
        return concat(hex("1234 0120 0001 0000 0000 0001"), name("example.com"), hex("0001 0001"),
                hex("00 0029 1000 0000 0000 0000"));
    }

    /** Its answer: an A and a CNAME record, recursion available. */
    static byte[] dnsResponse() {
        return concat(hex("1234 8180 0001 0002 0000 0000"), name("example.com"), hex("0001 0001"),
                hex("c00c 0005 0001 00000e10 0006"), name("www.a"),
                hex("c00c 0001 0001 00000e10 0004 5db8d822"));
    }

    private static byte[] name(String dotted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : dotted.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(0);
        return out.toByteArray();
    }

    /** Fills in the TCP, UDP or ICMPv6 checksum of an IPv4 or IPv6 packet (IPv4 header's too). */
    static byte[] sum(byte[] p) {
        boolean v6 = (p[0] & 0xf0) == 0x60;
        int header = v6 ? 40 : (p[0] & 0x0f) * 4;
        int proto = v6 ? p[6] & 0xff : p[9] & 0xff;
        int length = p.length - header;
        int at = proto == 6 ? 16 : proto == 17 ? 6 : proto == 58 ? 2 : -1;
        if (at < 0 || (!v6 && ((p[6] & 0x3f) | p[7]) != 0)) {
            return p;
        }
        p[header + at] = 0;
        p[header + at + 1] = 0;
        long s = 0;
        if (v6) {
            s += words(p, 8, 32) + length + proto;
        } else {
            s += words(p, 12, 8) + length + proto;
        }
        int v = fold(s + words(p, header, length));
        if (v == 0 && proto == 17) {
            v = 0xffff;
        }
        p[header + at] = (byte) (v >>> 8);
        p[header + at + 1] = (byte) v;
        return p;
    }

    private static byte[] badUdp(byte[] p) {
        p[26] ^= 0x21;
        return p;
    }

    /** An IPv4 packet with {@code options} inserted after its fixed header (lengths and checksum redone). */
    private static byte[] options(byte[] p, byte[] options) {
        byte[] out = concat(Arrays.copyOf(p, 20), options, Arrays.copyOfRange(p, 20, p.length));
        out[0] = (byte) (0x40 | (20 + options.length) / 4);
        out[2] = (byte) (out.length >>> 8);
        out[3] = (byte) out.length;
        return headerSum(out);
    }

    private static byte[] tos(byte[] p, int tos) {
        p[1] = (byte) tos;
        return headerSum(p);
    }

    private static byte[] flow(byte[] p, int trafficClass, int label) {
        int first = 6 << 28 | trafficClass << 20 | label;
        p[0] = (byte) (first >>> 24);
        p[1] = (byte) (first >>> 16);
        p[2] = (byte) (first >>> 8);
        p[3] = (byte) first;
        return p;
    }

    private static byte[] headerSum(byte[] p) {
        int header = (p[0] & 0x0f) * 4;
        p[10] = 0;
        p[11] = 0;
        int v = fold(words(p, 0, header));
        p[10] = (byte) (v >>> 8);
        p[11] = (byte) v;
        return p;
    }

    private static long words(byte[] a, int off, int len) {
        long s = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            s += (a[off + i] & 0xff) << 8 | (a[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            s += (a[off + len - 1] & 0xff) << 8;
        }
        return s;
    }

    private static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) ~s & 0xffff;
    }
}
