package org.wiretop.decode;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hand-written packets, one or more per protocol, as hex (spaces allowed). IPv4 header
 * checksums are filled in by {@link #withIpv4Checksum} so the fixtures stay readable.
 */
final class Fixtures {
    static final String MAC_DST = "001122334455", MAC_SRC = "66778899aabb";
    static final String ETH_IP4 = MAC_DST + MAC_SRC + "0800";
    static final String ETH_IP6 = MAC_DST + MAC_SRC + "86dd";

    /** IPv4 10.0.0.1 → 10.0.0.2, given protocol and total length, DF, id 0x1234, ttl 64. */
    static String ipv4(int protocol, int totalLength) {
        return String.format("4500%04x12344000 40%02x0000 0a000001 0a000002", totalLength, protocol);
    }

    /** IPv6 2001:db8::1 → 2001:db8::2, hop limit 64. */
    static String ipv6(int next, int payloadLength) {
        return String.format("60000000 %04x%02x40 20010db8000000000000000000000001 20010db8000000000000000000000002",
                payloadLength, next);
    }

    /** TCP 51000 → 443, seq 1, ack 2, flags PSH|ACK, window 65535, options MSS/SACK-perm/TS/NOP/wscale. */
    static final String TCP_WITH_OPTIONS = "c738 01bb 00000001 00000002 a018 ffff 0000 0000"
            + "020405b4" + "0402" + "080a0000000a00000014" + "01" + "030307";
    static final String TCP_PAYLOAD = "68656c6c6f"; // "hello"

    static final String UDP = "d431 3039 000d 0000" + "68656c6c6f";
    static final String ICMP_ECHO = "0800f7fc 1234 0001" + "6162636465666768";
    static final String ICMP6_ECHO = "8000 0000 abcd 0007" + "70696e67";
    static final String ARP_REQUEST = "0001 0800 06 04 0001" + MAC_SRC + "c0a80001" + "000000000000" + "c0a80002";

    private Fixtures() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** Fills the IPv4 header checksum of the header starting at byte {@code ipOffset}. */
    static byte[] withIpv4Checksum(byte[] frame, int ipOffset) {
        int headerLength = (frame[ipOffset] & 0x0f) * 4;
        frame[ipOffset + 10] = 0;
        frame[ipOffset + 11] = 0;
        int sum = 0;
        for (int i = 0; i < headerLength; i += 2) {
            sum += (frame[ipOffset + i] & 0xff) << 8 | (frame[ipOffset + i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int checksum = ~sum & 0xffff;
        frame[ipOffset + 10] = (byte) (checksum >>> 8);
        frame[ipOffset + 11] = (byte) checksum;
        return frame;
    }

    /** A well-formed packet of each kind the decoder knows, with its link type. */
    static Map<String, Fixture> all() {
        Map<String, Fixture> m = new LinkedHashMap<>();
        String tcp = TCP_WITH_OPTIONS + TCP_PAYLOAD;
        int tcpLength = tcp.replace(" ", "").length() / 2;
        m.put("eth-ipv4-tcp", new Fixture(Decoder.DLT_EN10MB,
                withIpv4Checksum(hex(ETH_IP4 + ipv4(6, 20 + tcpLength) + tcp), 14)));
        m.put("eth-ipv4-tcp-padded", new Fixture(Decoder.DLT_EN10MB,
                withIpv4Checksum(hex(ETH_IP4 + ipv4(6, 20 + tcpLength) + tcp + "000000000000"), 14)));
        m.put("eth-ipv4-udp", new Fixture(Decoder.DLT_EN10MB,
                withIpv4Checksum(hex(ETH_IP4 + ipv4(17, 20 + 13) + UDP), 14)));
        m.put("eth-ipv4-icmp", new Fixture(Decoder.DLT_EN10MB,
                withIpv4Checksum(hex(ETH_IP4 + ipv4(1, 20 + 16) + ICMP_ECHO), 14)));
        m.put("eth-arp", new Fixture(Decoder.DLT_EN10MB, hex("ffffffffffff" + MAC_SRC + "0806" + ARP_REQUEST)));
        m.put("eth-ipv6-tcp", new Fixture(Decoder.DLT_EN10MB, hex(ETH_IP6 + ipv6(6, tcpLength) + tcp)));
        // hop-by-hop (8 bytes: PadN) → fragment (first, MF) → destination options → UDP
        String ext = "2c00 0104 00000000" + "3c00 0001 deadbeef" + "1100 0104 00000000";
        m.put("eth-ipv6-ext-udp", new Fixture(Decoder.DLT_EN10MB, hex(ETH_IP6 + ipv6(0, 24 + 13) + ext + UDP)));
        m.put("eth-ipv6-icmp6", new Fixture(Decoder.DLT_EN10MB, hex(ETH_IP6 + ipv6(58, 12) + ICMP6_ECHO)));
        m.put("eth-qinq-ipv4-udp", new Fixture(Decoder.DLT_EN10MB, withIpv4Checksum(hex(MAC_DST + MAC_SRC
                + "88a8 00c8 8100 07d1 0800" + ipv4(17, 33) + UDP), 22)));
        m.put("eth-mpls-ipv4-udp", new Fixture(Decoder.DLT_EN10MB, withIpv4Checksum(hex(MAC_DST + MAC_SRC
                + "8847 00010040 000641ff" + ipv4(17, 33) + UDP), 22)));
        m.put("sll-ipv4-udp", new Fixture(Decoder.DLT_LINUX_SLL, withIpv4Checksum(hex(
                "0004 0001 0006 " + MAC_SRC + "0000 0800" + ipv4(17, 33) + UDP), 16)));
        m.put("sll2-ipv6-tcp", new Fixture(Decoder.DLT_LINUX_SLL2, hex(
                "86dd 0000 00000001 0001 00 06 " + MAC_SRC + "0000" + ipv6(6, tcpLength) + tcp)));
        m.put("null-ipv4-icmp", new Fixture(Decoder.DLT_NULL, withIpv4Checksum(hex(
                "02000000" + ipv4(1, 36) + ICMP_ECHO), 4)));
        m.put("loop-ipv6-udp", new Fixture(Decoder.DLT_LOOP, hex("0000001e" + ipv6(17, 13) + UDP)));
        m.put("raw-ipv4-tcp", new Fixture(Decoder.DLT_RAW, withIpv4Checksum(hex(ipv4(6, 20 + tcpLength) + tcp), 0)));
        m.put("ipv6-udp", new Fixture(Decoder.DLT_IPV6, hex(ipv6(17, 13) + UDP)));
        m.putAll(AppFixtures.all());
        return m;
    }

    /** A packet and the link type it was captured on. */
    record Fixture(int linkType, byte[] bytes) {
    }
}
