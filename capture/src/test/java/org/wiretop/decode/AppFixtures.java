package org.wiretop.decode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Application-layer payloads, one or more per dissector, wrapped into Ethernet/IPv4 frames on
 * their ports: they join {@link Fixtures#all()}, so the truncation sweep, the summary-reuse test
 * and the fuzz seeds see every dissector. A protocol adds its payloads here.
 */
final class AppFixtures {
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

    private AppFixtures() {
    }

    /** Every payload, wrapped, by name. */
    static Map<String, Fixtures.Fixture> all() {
        Map<String, Fixtures.Fixture> m = new LinkedHashMap<>();
        m.put("dns-query-udp", udp(40000, 53, DNS_QUERY));
        m.put("dns-response-udp", udp(53, 40000, DNS_RESPONSE));
        m.put("dns-response-tcp", tcp(53, 40000, String.format("%04x", hexLength(DNS_RESPONSE)) + DNS_RESPONSE));
        m.put("mdns-query-udp", udp(5353, 5353, DNS_QUERY));
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
