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

    /** An HTTP request curl makes. */
    static final String HTTP_REQUEST = "GET /index.html HTTP/1.1\r\nHost: example.org\r\nUser-Agent: curl/7.88.1\r\n"
            + "Accept: */*\r\n\r\n";
    /** A response with a body, then a second pipelined one (fields keep the first of each). */
    static final String HTTP_RESPONSES = "HTTP/1.0 200 OK\r\nServer: SimpleHTTP/0.6 Python/3.11.2\r\n"
            + "Content-Type: text/html; charset=utf-8\r\nContent-Length: 5\r\n\r\nhello"
            + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
    /** SSDP's discovery (HTTP over UDP port 1900). */
    static final String SSDP_SEARCH = "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n"
            + "MX: 1\r\nST: ssdp:all\r\n\r\n";
    static final String SSH_BANNER = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n";
    /** RESP: SET k v (an array of bulk strings), and a reply of every type, nested. */
    static final String RESP_SET = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n";
    static final String RESP_REPLIES = "+OK\r\n:1000\r\n-ERR unknown command\r\n$-1\r\n*-1\r\n"
            + "*2\r\n*2\r\n:1\r\n:-2\r\n$3\r\nabc\r\n";
    /**
     * TLS 1.3 ClientHello record (openssl s_client on loopback): SNI test.example, ALPN h2 and
     * http/1.1, suites 0x1302 0x1303 0x1301 0x00ff, supported_versions TLS 1.3.
     */
    static final String TLS_CLIENT_HELLO = "1603010103010000ff0303382e63f9d7ed8ee21ba4bd4f1f341873dd6a413dfac51089a7"
            + "d1816706419725205cc9419ea9790a89ece6f99fe38c3e9a078a112e81a1acf4771817791c928aed000813021303130100ff"
            + "010000ae00000011000f00000c746573742e6578616d706c65000b000403000102000a00160014001d0017001e001900180100"
            + "0101010201030104002300000010000e000c02683208687474702f312e310016000000170000000d001e001c04030503060308"
            + "0708080809080a080b080408050806040105010601002b0003020304002d00020101003300260024001d00201645eb89ccc603"
            + "6f78108c51e159de0861bd0198f4192c3f709f47c296492217";
    /** The TLS 1.3 server's first flight in one segment: ServerHello (TLS_AES_256_GCM_SHA384), ChangeCipherSpec, Application Data. */
    static final String TLS13_SERVER_FLIGHT = "160303007a020000760303cabf3e342802d8dadbc526a7120c4a5afe5cbe4ef763b2fa"
            + "004b9626e1f500b2205cc9419ea9790a89ece6f99fe38c3e9a078a112e81a1acf4771817791c928aed130200002e002b0002"
            + "030400330024001d00206c2498c4fa88430a17cd8df92c508d178923f91adbad5d6b931c15fb89f4144d"
            + "140303000101" + "1703030020" + "5a".repeat(32);
    /** A TLS 1.2 ServerHello (TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, ALPN h2) and ServerHelloDone. */
    static final String TLS12_SERVER_HELLO = "160303004a0200004603033c5637719b7dee899dbd9220985245287b683abf3b612a6244"
            + "4f574e4752440100c02c00001eff01000100000b0004030001020023000000100005000302683200170000"
            + "16030300040e000000";
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
        m.put("http-request-tcp", tcp(40000, 80, ascii(HTTP_REQUEST)));
        m.put("http-responses-tcp", tcp(8080, 40000, ascii(HTTP_RESPONSES)));
        m.put("http-heuristic-tcp", tcp(40000, 12345, ascii(HTTP_REQUEST)));
        m.put("ssdp-search-udp", udp(40000, 1900, ascii(SSDP_SEARCH)));
        m.put("ssh-banner-tcp", tcp(22, 40000, ascii(SSH_BANNER)));
        // NEWKEYS in a binary packet: length 12, padding 10, code 21
        m.put("ssh-newkeys-tcp", tcp(40000, 22, "0000000c 0a 15 00000000000000000000"));
        m.put("resp-set-tcp", tcp(40000, 6379, ascii(RESP_SET)));
        m.put("resp-replies-tcp", tcp(6379, 40000, ascii(RESP_REPLIES)));
        m.put("resp-inline-tcp", tcp(40000, 6379, ascii("PING\r\n")));
        m.put("tls-client-hello", tcp(51000, 443, TLS_CLIENT_HELLO));
        m.put("tls13-server-flight", tcp(443, 51000, TLS13_SERVER_FLIGHT));
        m.put("tls12-server-hello", tcp(8443, 51001, TLS12_SERVER_HELLO));
        // QUIC: the client's Initial first, so the server's finds its conversation's keys
        m.put("quic-initial-client", udp(40000, 443, QuicVectors.V1_CLIENT_INITIAL));
        m.put("quic-initial-server", udpReply(443, 40000, QuicVectors.V1_SERVER_INITIAL));
        m.put("quic-initial-server-bad-tag", udpReply(443, 40000, badTag(QuicVectors.V1_SERVER_INITIAL)));
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

    /** Hex of ASCII text. */
    static String ascii(String text) {
        StringBuilder hex = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)) {
            hex.append(String.format("%02x", b & 0xff));
        }
        return hex.toString();
    }

    /** The packet with its last byte (in the authentication tag) flipped. */
    static String badTag(String hex) {
        String h = hex.replace(" ", "");
        int last = Integer.parseInt(h.substring(h.length() - 2), 16) ^ 0x01;
        return h.substring(0, h.length() - 2) + String.format("%02x", last);
    }

    static Fixtures.Fixture udp(int src, int dst, String payload) {
        return ipv4(17, udpHeader(src, dst, payload), false);
    }

    /** A UDP reply: from 10.0.0.2 to 10.0.0.1, so it belongs to the conversation of {@link #udp}. */
    static Fixtures.Fixture udpReply(int src, int dst, String payload) {
        return ipv4(17, udpHeader(src, dst, payload), true);
    }

    private static String udpHeader(int src, int dst, String payload) {
        return String.format("%04x%04x%04x0000", src, dst, 8 + hexLength(payload)) + payload;
    }

    static Fixtures.Fixture tcp(int src, int dst, String payload) {
        String tcp = String.format("%04x%04x", src, dst) + "00000001 00000002 5018 ffff 0000 0000" + payload;
        return ipv4(6, tcp, false);
    }

    private static Fixtures.Fixture ipv4(int protocol, String transport, boolean reply) {
        int total = 20 + hexLength(transport);
        String ip = Fixtures.ipv4(protocol, total);
        if (reply) {
            ip = ip.replace("0a000001 0a000002", "0a000002 0a000001");
        }
        return new Fixtures.Fixture(Decoder.DLT_EN10MB,
                Fixtures.withIpv4Checksum(Fixtures.hex(Fixtures.ETH_IP4 + ip + transport), 14));
    }

    static int hexLength(String hex) {
        return hex.replace(" ", "").length() / 2;
    }
}
