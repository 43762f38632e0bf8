package org.wiretop.bench;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

/**
 * Ethernet/IPv4 frames of an application mix for the benchmarks (issue 11): 20 % DNS (queries
 * with EDNS, responses with CNAME, A and AAAA answers), 10 % HTTP/1.1 on port 80 (curl-like
 * requests and python-http.server-like responses), 10 % TLS handshakes on port 443 (an
 * OpenSSL 3 ClientHello with SNI and ALPN, and a TLS 1.3 ServerHello, both as sent by
 * {@code openssl s_client}/{@code s_server} here), and 60 % plain transport traffic (TCP data and
 * ACKs, UDP, ICMP echo). Names and addresses vary per frame; checksums are left zero (neither
 * tcpdump nor tshark checks them by default).
 */
final class AppMix {
    /** A ClientHello record for SNI www.example.com (15 characters) and ALPN h2,http/1.1. */
    private static final byte[] CLIENT_HELLO = HexFormat.of().parseHex(
            "160301014e0100014a0303168e245552c450fee07b78f4ad5bd5df22bdd42d6b792c0b1c28dfe3cc9620da208d1459bf8814"
            + "d2ea87acdb526dc2c6ad9542a42e071cf4141dacfa50c9a5c786003e130213031301c02cc030009fcca9cca8ccaac02bc02f"
            + "009ec024c028006bc023c0270067c00ac0140039c009c0130033009d009c003d003c0035002f00ff010000c3000000140012"
            + "00000f7777772e6578616d706c652e636f6d000b000403000102000a00160014001d0017001e001900180100010101020103"
            + "0104002300000010000e000c02683208687474702f312e310016000000170000000d002a0028040305030603080708080809"
            + "080a080b080408050806040105010601030303010302040205020602002b0009080304030303020301002d00020101003300"
            + "260024001d00208852bd66223390d16142449d2eb949845088eaaad93eee69f5e79d065d7d5949");
    /** Where the 15 characters of the SNI lie in {@link #CLIENT_HELLO}. */
    private static final int SNI_AT = indexOf(CLIENT_HELLO, "www.example.com".getBytes(StandardCharsets.US_ASCII));
    /** A TLS 1.3 ServerHello record (TLS_AES_256_GCM_SHA384) and a change_cipher_spec. */
    private static final byte[] SERVER_HELLO = HexFormat.of().parseHex(
            "160303007a0200007603032b66d003f21698acacbc563be23058c28ea4789704f8c6dae6ce32e0d9375667208d1459bf8814"
            + "d2ea87acdb526dc2c6ad9542a42e071cf4141dacfa50c9a5c786130200002e002b0002030400330024001d0020806c35aee0"
            + "d64be5412aa399e05263638c817342bde2b9e0aeb79fd913d24c5b140303000101");
    private static final String[] WORDS = {"alpha", "bravo", "cdn", "static", "mail", "api", "www", "img",
            "login", "news", "shop", "video", "edge", "files", "docs", "git"};
    private static final String[] TLDS = {"com", "org", "net", "io", "de", "example"};

    private final Random random;
    private final byte[] body = new byte[1460];

    AppMix(long seed) {
        random = new Random(seed);
        random.nextBytes(body);
    }

    /** The next frame of the mix. */
    byte[] next() {
        int pick = random.nextInt(100);
        if (pick < 10) {
            return dnsQuery();
        }
        if (pick < 20) {
            return dnsResponse();
        }
        if (pick < 25) {
            return httpRequest();
        }
        if (pick < 30) {
            return httpResponse();
        }
        if (pick < 35) {
            return clientHello();
        }
        if (pick < 40) {
            return serverHello();
        }
        if (pick < 80) {
            return tcpSegment();
        }
        return pick < 95 ? udpDatagram() : icmpEcho();
    }

    // ---- application frames ----

    private byte[] dnsQuery() {
        byte[] name = name();
        byte[] dns = new byte[12 + name.length + 4 + 11];
        int id = random.nextInt(65536);
        put16(dns, 0, id);
        put16(dns, 2, 0x0100);
        put16(dns, 4, 1);
        put16(dns, 10, 1);
        System.arraycopy(name, 0, dns, 12, name.length);
        int p = 12 + name.length;
        put16(dns, p, random.nextBoolean() ? 1 : 28);
        put16(dns, p + 2, 1);
        p += 4;
        dns[p] = 0;
        put16(dns, p + 1, 41);
        put16(dns, p + 3, 1232);
        return udp(40000 + random.nextInt(20000), 53, dns);
    }

    private byte[] dnsResponse() {
        byte[] name = name();
        int answers = 1 + random.nextInt(3);
        byte[] dns = new byte[12 + name.length + 4 + 12 + name.length + 2 + answers * 28];
        put16(dns, 0, random.nextInt(65536));
        put16(dns, 2, 0x8180);
        put16(dns, 4, 1);
        System.arraycopy(name, 0, dns, 12, name.length);
        int p = 12 + name.length;
        put16(dns, p, 1);
        put16(dns, p + 2, 1);
        p += 4;
        // CNAME: example → "cdn" + the question's name (a pointer to it)
        put16(dns, p, 0xc00c);
        put16(dns, p + 2, 5);
        put16(dns, p + 4, 1);
        put32(dns, p + 6, 300);
        put16(dns, p + 10, 6);
        dns[p + 12] = 3;
        dns[p + 13] = 'c';
        dns[p + 14] = 'd';
        dns[p + 15] = 'n';
        put16(dns, p + 16, 0xc00c);
        int target = p + 12;
        p += 18;
        int count = 1;
        for (int a = 0; a < answers; a++) {
            boolean v6 = random.nextInt(3) == 0;
            put16(dns, p, 0xc000 | target);
            put16(dns, p + 2, v6 ? 28 : 1);
            put16(dns, p + 4, 1);
            put32(dns, p + 6, 60 + random.nextInt(3600));
            put16(dns, p + 10, v6 ? 16 : 4);
            for (int i = 0; i < (v6 ? 16 : 4); i++) {
                dns[p + 12 + i] = (byte) random.nextInt(256);
            }
            p += 12 + (v6 ? 16 : 4);
            count++;
        }
        put16(dns, 6, count);
        return udp(53, 40000 + random.nextInt(20000), java.util.Arrays.copyOf(dns, p));
    }

    private byte[] httpRequest() {
        String text = "GET /" + WORDS[random.nextInt(WORDS.length)] + "/" + random.nextInt(100000) + ".html HTTP/1.1\r\n"
                + "Host: www." + WORDS[random.nextInt(WORDS.length)] + "." + TLDS[random.nextInt(TLDS.length)]
                + "\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";
        return tcp(40000 + random.nextInt(20000), 80, 0x18, text.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] httpResponse() {
        int length = 200 + random.nextInt(1000);
        String head = "HTTP/1.1 200 OK\r\nServer: SimpleHTTP/0.6 Python/3.11.2\r\nDate: Sun, 06 Dec 2026 17:00:00 GMT\r\n"
                + "Content-type: text/html\r\nContent-Length: " + length + "\r\nLast-Modified: Sat, 05 Dec 2026 10:00:00 GMT"
                + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[h.length + Math.min(length, 400)];
        System.arraycopy(h, 0, payload, 0, h.length);
        System.arraycopy(body, 0, payload, h.length, payload.length - h.length);
        return tcp(80, 40000 + random.nextInt(20000), 0x18, payload);
    }

    private byte[] clientHello() {
        byte[] hello = CLIENT_HELLO.clone();
        for (int i = 4; i < 11; i++) { // "www.???????.com"
            hello[SNI_AT + i] = (byte) ('a' + random.nextInt(26));
        }
        random.nextBytes(tmp32);
        System.arraycopy(tmp32, 0, hello, 11, 32); // the client random
        return tcp(40000 + random.nextInt(20000), 443, 0x18, hello);
    }

    private byte[] serverHello() {
        return tcp(443, 40000 + random.nextInt(20000), 0x18, SERVER_HELLO);
    }

    // ---- plain transport frames ----

    private byte[] tcpSegment() {
        int size = random.nextInt(10) < 4 ? 0 : random.nextInt(10) < 5 ? 1 + random.nextInt(512) : 1448;
        byte[] payload = java.util.Arrays.copyOf(body, size);
        return tcp(49152 + random.nextInt(16384), 49152 + random.nextInt(16384), size == 0 ? 0x10 : 0x18, payload);
    }

    private byte[] udpDatagram() {
        return udp(49152 + random.nextInt(16384), 49152 + random.nextInt(16384),
                java.util.Arrays.copyOf(body, 16 + random.nextInt(497)));
    }

    private byte[] icmpEcho() {
        byte[] icmp = new byte[64];
        icmp[0] = (byte) (random.nextBoolean() ? 8 : 0);
        put16(icmp, 4, random.nextInt(65536));
        put16(icmp, 6, random.nextInt(65536));
        return ipv4(1, icmp);
    }

    // ---- headers ----

    private final byte[] tmp32 = new byte[32];

    private byte[] tcp(int src, int dst, int flags, byte[] payload) {
        byte[] t = new byte[32 + payload.length];
        put16(t, 0, src);
        put16(t, 2, dst);
        put32(t, 4, random.nextInt());
        put32(t, 8, random.nextInt());
        t[12] = (byte) (8 << 4);
        t[13] = (byte) flags;
        put16(t, 14, 502);
        t[20] = 1;
        t[21] = 1;
        t[22] = 8;
        t[23] = 10;
        put32(t, 24, random.nextInt());
        put32(t, 28, random.nextInt());
        System.arraycopy(payload, 0, t, 32, payload.length);
        return ipv4(6, t);
    }

    private byte[] udp(int src, int dst, byte[] payload) {
        byte[] u = new byte[8 + payload.length];
        put16(u, 0, src);
        put16(u, 2, dst);
        put16(u, 4, u.length);
        System.arraycopy(payload, 0, u, 8, payload.length);
        return ipv4(17, u);
    }

    private byte[] ipv4(int protocol, byte[] l4) {
        byte[] f = new byte[14 + 20 + l4.length];
        for (int i = 0; i < 12; i++) {
            f[i] = (byte) random.nextInt(256);
        }
        f[0] &= (byte) 0xfe; // unicast MACs
        f[6] &= (byte) 0xfe;
        put16(f, 12, 0x0800);
        f[14] = 0x45;
        put16(f, 16, 20 + l4.length);
        put16(f, 18, random.nextInt(65536));
        f[20] = 0x40;
        f[22] = 64;
        f[23] = (byte) protocol;
        put32(f, 26, 0x0a000000 | random.nextInt(1 << 16));
        put32(f, 30, 0xc0a80000 | random.nextInt(256));
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += (f[i] & 0xff) << 8 | (f[i + 1] & 0xff);
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        put16(f, 24, ~sum & 0xffff);
        System.arraycopy(l4, 0, f, 34, l4.length);
        return f;
    }

    /** A DNS name in wire form: two or three labels from the word list and a TLD. */
    private byte[] name() {
        StringBuilder text = new StringBuilder();
        int labels = 1 + random.nextInt(2);
        for (int i = 0; i < labels; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(100)).append('.');
        }
        text.append(TLDS[random.nextInt(TLDS.length)]);
        String[] parts = text.toString().split("\\.");
        byte[] out = new byte[text.length() + 2];
        int p = 0;
        for (String part : parts) {
            out[p++] = (byte) part.length();
            for (char c : part.toCharArray()) {
                out[p++] = (byte) c;
            }
        }
        out[p] = 0;
        return out;
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void put32(byte[] b, int off, int v) {
        put16(b, off, v >>> 16);
        put16(b, off + 2, v);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("SNI not in the ClientHello template");
    }
}
