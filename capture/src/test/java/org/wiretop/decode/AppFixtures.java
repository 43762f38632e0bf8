package org.wiretop.decode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Application-layer payloads, one or more per dissector, wrapped into Ethernet/IPv4 frames on
 * their ports: they join {@link Fixtures#all()}, so the truncation sweep, the summary-reuse test
 * and the fuzz seeds see every dissector. A protocol adds its payloads here.
 */
public final class AppFixtures {
    /** DNS query: id 0x1234, RD, one question "example.com" A IN, one OPT record (UDP size 1232). */
    static final String DNS_QUERY = "1234 0100 0001 0000 0000 0001"
            + "076578616d706c6503636f6d00 0001 0001"
            + "00 0029 04d0 00000000 0000";
    /**
     * DNS response: id 0x1234, QR RD RA, question example.com A, answers: CNAME example.com →
     * www.example.com (pointer), A 93.184.216.34, AAAA 2606:2800:220:1::1, TXT "v=1".
     */
    static final String DNS_RESPONSE = "1234 8180 0001 0004 0000 0000"
            + "076578616d706c6503636f6d00 0001 0001"
            + "c00c 0005 0001 00000e10 0006 03777777c00c"
            + "c029 0001 0001 00000e10 0004 5db8d822"
            + "c029 001c 0001 00000e10 0010 26062800022000010000000000000001"
            + "c00c 0010 0001 00000e10 0004 03763d31";

    /** Two text lines (CR LF, then LF) and a third without its LF, with a NUL and a byte above 0x7f. */
    static final String TEXT_LINES = "68656c6c6f20776f726c640d0a" + "7365636f6e640a" + "7400ff";
    /** The port the text fixtures use: one no other fixture uses, which DECODE_AS maps to text. */
    static final int TEXT_PORT = 17777;
    /**
     * The decode-as choices of the decoders that run every fixture (truncation sweep, summary reuse,
     * fuzzing), so that a protocol without a port of its own (text) is reached too.
     */
    public static final DecodeAs DECODE_AS = DecodeAs.parse(List.of(TEXT_PORT + "=text"));

    private AppFixtures() {
    }

    /** Every payload's frame, for the fuzzer's seeds (Ethernet frames). */
    public static java.util.List<byte[]> frames() {
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        for (Fixtures.Fixture f : all().values()) {
            out.add(f.bytes());
        }
        return out;
    }

    /** Every payload's Ethernet frame by name, for tests outside this package (display filters, the UI). */
    public static Map<String, byte[]> byName() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        all().forEach((name, f) -> m.put(name, f.bytes()));
        return m;
    }

    /** Every payload, wrapped, by name. */
    static Map<String, Fixtures.Fixture> all() {
        Map<String, Fixtures.Fixture> m = new LinkedHashMap<>();
        m.put("dns-query-udp", udp(40000, 53, DNS_QUERY));
        m.put("dns-response-udp", udp(53, 40000, DNS_RESPONSE));
        m.put("dns-response-tcp", tcp(53, 40000, String.format("%04x", hexLength(DNS_RESPONSE)) + DNS_RESPONSE));
        m.put("mdns-query-udp", udp(5353, 5353, DNS_QUERY));
        m.put("text-tcp", tcp(50000, TEXT_PORT, TEXT_LINES));
        m.put("text-udp", udp(TEXT_PORT, 50000, TEXT_LINES));
        // DHCP and NTP: the valid shapes of DhcpNtpSamples (its hostile ones have a test of their own)
        m.put("dhcp-discover", udp(68, 67, DhcpNtpSamples.DHCP_DISCOVER));
        m.put("dhcp-ack", udp(67, 68, DhcpNtpSamples.DHCP_ACK));
        m.put("dhcp-overload", udp(67, 68, DhcpNtpSamples.DHCP_OVERLOAD));
        m.put("dhcp-specials", udp(68, 67, DhcpNtpSamples.DHCP_SPECIALS));
        m.put("bootp-cmu", udp(67, 68, DhcpNtpSamples.BOOTP_CMU));
        m.put("ntp-client-md5", udp(40000, 123, DhcpNtpSamples.NTP_CLIENT_MD5));
        m.put("ntp-server", udp(123, 40000, DhcpNtpSamples.NTP_SERVER));
        m.put("ntp-control-data", udp(123, 40001, DhcpNtpSamples.NTP_CONTROL_DATA));
        m.put("ntp-private", udp(40002, 123, DhcpNtpSamples.NTP_PRIVATE));
        m.put("ntp-private-peers", udp(123, 40002, DhcpNtpSamples.NTP_PRIVATE_PEERS));
        return m;
    }

    static Fixtures.Fixture udp(int src, int dst, String payload) {
        int length = 8 + hexLength(payload);
        String udp = String.format("%04x%04x%04x0000", src, dst, length) + payload;
        return ipv4(17, udp);
    }

    static Fixtures.Fixture tcp(int src, int dst, String payload) {
        String tcp = String.format("%04x%04x", src, dst) + "00000001 00000002 5018 ffff 0000 0000" + payload;
        return ipv4(6, tcp);
    }

    private static Fixtures.Fixture ipv4(int protocol, String transport) {
        int total = 20 + hexLength(transport);
        return new Fixtures.Fixture(Decoder.DLT_EN10MB,
                Fixtures.withIpv4Checksum(Fixtures.hex(Fixtures.ETH_IP4 + Fixtures.ipv4(protocol, total) + transport), 14));
    }

    static int hexLength(String hex) {
        return hex.replace(" ", "").length() / 2;
    }
}
