package org.wiretop.decode;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * DHCP and NTP payloads for the fixtures and the comparisons with tcpdump and tshark: real-world
 * shapes (a udhcpc Discover, a dnsmasq ACK, an ntpd client and server, ntpq and ntpdc queries),
 * every option format tcpdump has code for, hostile ones (lengths that lie, messages cut short)
 * and seeded random ones. Each is a UDP payload; {@link #frame} wraps it into Ethernet/IPv4/UDP.
 */
public final class DhcpNtpSamples {
    /** A frame, the bytes its capture kept, and a name for messages. */
    public record Sample(String name, byte[] frame, int captured) {
    }

    private static final byte[] MAGIC_COOKIE = {99, (byte) 130, 83, 99};

    /** udhcpc's Discover: message type, max size, parameter list, hostname, vendor class, client id. */
    public static final String DHCP_DISCOVER = bootp(1, 0x88fee074, 0, "00000000", "00000000", "00000000",
            "00000000", "e60c349910c2", "", "",
            "350101 39020240 3707010306 0c0f1c2a 0c08" + hex("wtclient") + "3c0c" + hex("udhcp 1.35.0")
                    + "3d0701e60c349910c2 ff");
    /** dnsmasq's ACK: server id, lease, renewal and rebinding times, mask, broadcast, router, DNS, domain, NTP. */
    public static final String DHCP_ACK = bootp(2, 0x88fee074, 0x8000, "00000000", "0a4d000d", "0a4d0001",
            "00000000", "e60c349910c2", "", "",
            "350105 36040a4d0001 330400000078 3a040000003c 3b0400000069 0104ffffff00 1c040a4d00ff 03040a4d0001"
                    + " 06080a4d0001 08080808 0f0c" + hex("example.test") + "2a040a4d0001 ff 000000");
    /** Option 52 hands sname and file over to options (hostname in sname, domain and type in file). */
    public static final String DHCP_OVERLOAD = bootp(2, 0x1234, 0, "00000000", "0a000005", "00000000", "00000000",
            "001122334455", "0c03736e6dff", "0f03646f6d350102ff", "350102 340103 ff");
    /** The special formats: NetBIOS node, FQDN, client id of type 0, relay agent, classless routes, user class. */
    public static final String DHCP_SPECIALS = bootp(1, 0xabcdef01, 0, "0a000002", "00000000", "00000000", "0a0000fe",
            "001122334455", "boot-server", "pxelinux.0",
            "350108 2e0108 510c110000" + hex("a.example") + " 3d0600" + hex("ident") + " 3d0512aabbccdd"
                    + " 5217 0104" + hex("cir1") + "020172 0703010203 0604" + hex("subs") + "090a01"
                    + " 790d 18c0a801 0a000001 00 0a000001 f906210a00000001 7906 18c0a801 0a00"
                    + " 4d0d 03" + hex("abc") + "00 07" + hex("wiretop") + " 1e0200ff 9d03010203 9e0401020304"
                    + " 9f020102 0105ffffff0001 ff");
    /** Plain BOOTP with CMU's vendor area (gateway, mask, name servers). */
    public static final String BOOTP_CMU = bootp(2, 7, 0, "00000000", "0a000009", "0a000001", "00000000",
            "001122334455", "", "", "434d5500 00000001 ffffff00 0a000001 0a000035 00000000 00000000 00000000"
                    + " 0a00007b 00000000" + "00".repeat(24));
    /** ntpd client (NTPv4 mode 3, MD5 key id and digest: 68 bytes). */
    public static final String NTP_CLIENT_MD5 = "e3 00 06 e7 00010000 00010000 00000000 0000000000000000"
            + " 0000000000000000 0000000000000000 dcf5c0a1 80000000 00000008 d5378a09c04da845732097104348843a";
    /** Server reply (mode 4, stratum 2, 48 bytes). */
    public static final String NTP_SERVER = "24 02 06 e9 000027cf 00000072 0a0ba0ee dcf5c09d43ea9f0e dcf5c0a180000000"
            + " dcf5c0a1cc72f5c0 dcf5c0a1cc8a0a00";
    /** ntpq's read-variables request and a response with data (mode 6). */
    public static final String NTP_CONTROL = "16 02 0001 0000 0000 0000 0000";
    public static final String NTP_CONTROL_DATA = "16 82 0001 0618 0000 0000 0008" + hex("a=1,b=22");
    /** ntpdc's request (mode 7, implementation 3, request 42) and a response with two items. */
    public static final String NTP_PRIVATE = "17 00 03 2a 0000 0000" + "00".repeat(40);
    public static final String NTP_PRIVATE_RESPONSE = "97 00 03 2a 0002 0004 01020304 05060708";
    /** ntpdc's "peers" answer (PEER_LIST_SUM): two 72-byte items, strata 10 and 1, polls 10 and 6. */
    public static final String NTP_PRIVATE_PEERS = "97 00 03 01 0002 0048"
            + "7f000001 7f000002 007b 0a 06 0a ff 01 03 00001000 0000000000001000 00000100 00000000 00000000"
            + "00".repeat(32)
            + "7f000001 7f000003 007b 01 06 06 ff 01 03 00002000 0000000000002000 00000200 00000000 00000000"
            + "00".repeat(32);

    // ---- hostile ----

    /** A hostname whose length runs 200 bytes past the message. */
    public static final String DHCP_LYING_LENGTH = bootp(1, 1, 0, "00000000", "00000000", "00000000", "00000000",
            "001122334455", "", "", "350101 0cc8" + hex("short"));
    /** Options that never End, the last one cut by the message's end. */
    public static final String DHCP_NO_END = bootp(1, 2, 0, "00000000", "00000000", "00000000", "00000000",
            "001122334455", "", "", "350103 3204c0a80001 0c");
    /** An empty message type (Wireshark reads the next byte as its value). */
    public static final String DHCP_EMPTY_TYPE = bootp(1, 3, 0, "00000000", "00000000", "00000000", "00000000",
            "001122334455", "", "", "3500 0c02" + hex("ab") + "ff");
    /** A BOOTP header 100 bytes long. */
    public static final String BOOTP_SHORT = DHCP_DISCOVER.substring(0, 200);
    /** A time message of 20 bytes, and a control message whose count runs past its data. */
    public static final String NTP_SHORT = NTP_SERVER.replace(" ", "").substring(0, 40);
    public static final String NTP_CONTROL_LIES = "16 82 0001 0618 0000 0000 0040" + hex("a=1");

    private static final int[] KNOWN = {1, 2, 3, 6, 12, 13, 15, 19, 21, 23, 26, 28, 33, 42, 43, 46, 50, 51, 52, 53,
            54, 55, 56, 57, 58, 59, 60, 61, 77, 81, 82, 121, 150, 161, 249};
    /** Options whose tshark dissection reads what this project reports (no value-dependent failures). */
    private static final int[] MODELLED = {1, 3, 6, 12, 15, 28, 42, 50, 51, 53, 54, 55, 56, 57, 58, 59, 60, 61, 230,
            231, 232};

    private DhcpNtpSamples() {
    }

    /** The valid payloads by name, with their ports. */
    public static List<Sample> valid() {
        List<Sample> all = new ArrayList<>();
        all.add(sample("dhcp-discover", 68, 67, DHCP_DISCOVER));
        all.add(sample("dhcp-ack", 67, 68, DHCP_ACK));
        all.add(sample("dhcp-overload", 67, 68, DHCP_OVERLOAD));
        all.add(sample("dhcp-specials", 68, 67, DHCP_SPECIALS));
        all.add(sample("bootp-cmu", 67, 68, BOOTP_CMU));
        all.add(sample("ntp-client-md5", 40000, 123, NTP_CLIENT_MD5));
        all.add(sample("ntp-server", 123, 40000, NTP_SERVER));
        all.add(sample("ntp-control", 40001, 123, NTP_CONTROL));
        all.add(sample("ntp-control-data", 123, 40001, NTP_CONTROL_DATA));
        all.add(sample("ntp-private", 40002, 123, NTP_PRIVATE));
        all.add(sample("ntp-private-response", 123, 40002, NTP_PRIVATE_RESPONSE));
        all.add(sample("ntp-private-peers", 123, 40002, NTP_PRIVATE_PEERS));
        return all;
    }

    /** Payloads that lie about their lengths or end too soon: invalid, never an exception. */
    public static List<Sample> hostile() {
        List<Sample> all = new ArrayList<>();
        all.add(sample("dhcp-lying-length", 68, 67, DHCP_LYING_LENGTH));
        all.add(sample("dhcp-no-end", 68, 67, DHCP_NO_END));
        all.add(sample("dhcp-empty-type", 68, 67, DHCP_EMPTY_TYPE));
        all.add(sample("bootp-short", 68, 67, BOOTP_SHORT));
        all.add(sample("bootp-not-bootp", 40000, 67, hex("hello")));
        all.add(sample("ntp-short", 40000, 123, NTP_SHORT));
        all.add(sample("ntp-control-lies", 123, 40000, NTP_CONTROL_LIES));
        all.add(sample("ntp-empty", 40000, 123, ""));
        return all;
    }

    /**
     * Seeded random DHCP messages: header fields, then 0-12 options from {@code codes} (the
     * modelled ones, or every format tcpdump knows plus unknown codes) with lengths that may lie,
     * Pads, an End or none; some BOOTP without the cookie. Text bytes stay printable unless
     * {@code anyBytes}.
     */
    public static List<Sample> randomDhcp(long seed, int count, boolean modelledOnly) {
        Random r = new Random(seed);
        int[] codes = modelledOnly ? MODELLED : KNOWN;
        List<Sample> all = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            StringBuilder options = new StringBuilder();
            boolean cookie = r.nextInt(10) != 0;
            if (!cookie) {
                options.append(r.nextBoolean() ? "00000000" : "434d5500").append(randomBytes(r, 60, modelledOnly));
            }
            int k = r.nextInt(13);
            for (int i = 0; i < k; i++) {
                int roll = r.nextInt(20);
                int code = roll == 0 ? 0 : roll == 1 && !modelledOnly ? 200 + r.nextInt(40) : codes[r.nextInt(codes.length)];
                if (code == 0) {
                    options.append("00".repeat(1 + r.nextInt(3)));
                    continue;
                }
                int length = optionLength(r, code);
                options.append(String.format("%02x%02x", code, length)).append(value(r, code, length, modelledOnly));
            }
            int end = r.nextInt(10);
            if (end < 7) {
                options.append("ff").append("00".repeat(r.nextInt(4)));
            } else if (end == 7 && !modelledOnly) {
                options.append(String.format("%02x%02x", 12, 10 + r.nextInt(40))).append("6162"); // lies at the end
            }
            String message = bootp(cookie, 1 + r.nextInt(2), r.nextInt(), r.nextBoolean() ? 0x8000 : 0, address(r), address(r),
                    address(r), address(r), "0011223344" + String.format("%02x", r.nextInt(256)),
                    r.nextInt(4) == 0 ? "srv" + n : "", r.nextInt(4) == 0 ? "file" + n : "", options.toString());
            if (r.nextInt(8) == 0) { // another hardware type or length
                message = message.substring(0, 2) + String.format("%02x%02x", r.nextInt(8), r.nextInt(18))
                        + message.substring(6);
            }
            if (r.nextInt(10) == 0) { // secs in the wrong byte order
                message = message.substring(0, 16) + String.format("%04x", 0x100 * (1 + r.nextInt(255)))
                        + message.substring(20);
            }
            all.add(sample("random-dhcp-" + n, 68, 67, message));
        }
        return all;
    }

    /** Seeded random NTP messages of every mode and of lengths around each mode's fixed part. */
    public static List<Sample> randomNtp(long seed, int count) {
        Random r = new Random(seed);
        int[] lengths = {0, 1, 4, 8, 11, 12, 16, 20, 47, 48, 52, 60, 68, 72, 76, 100};
        List<Sample> all = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            byte[] b = new byte[lengths[r.nextInt(lengths.length)]];
            r.nextBytes(b);
            if (b.length >= 12 && (b[0] & 7) == 6 && r.nextBoolean()) { // a control count that fits
                int data = b.length - 12;
                b[10] = 0;
                b[11] = (byte) r.nextInt(data + 1);
            }
            for (int t = 16; t + 8 <= Math.min(b.length, 48); t += 8) {
                if (r.nextInt(5) == 0) { // zero timestamps and ones in both eras
                    int kind = r.nextInt(3);
                    b[t] = (byte) (kind == 0 ? 0 : kind == 1 ? 0x80 + r.nextInt(0x60) : r.nextInt(0x80));
                    if (kind == 0) {
                        java.util.Arrays.fill(b, t, t + 8, (byte) 0);
                    }
                }
            }
            if (b.length > 1 && r.nextInt(3) == 0) {
                b[1] = (byte) r.nextInt(3); // strata 0, 1 (text reference id) and 2
            }
            all.add(sample("random-ntp-" + n, 40000 + r.nextInt(1000), 123, hexOf(b)));
        }
        return all;
    }

    /** The whole sample, then cut at each of {@code cuts} (bytes kept of the frame). */
    public static List<Sample> withCuts(List<Sample> samples, int every) {
        List<Sample> all = new ArrayList<>();
        for (Sample s : samples) {
            all.add(s);
            for (int cut = 42; cut < s.frame().length; cut += every) {
                all.add(new Sample(s.name() + "@" + cut, s.frame(), cut));
            }
        }
        return all;
    }

    // ---- building ----

    /** A BOOTP message: the fixed header (sname and file as text or hex), the cookie and {@code vendorHex}. */
    static String bootp(int op, int xid, int flags, String ciaddr, String yiaddr, String siaddr, String giaddr,
                        String mac, String sname, String file, String vendorHex) {
        return bootp(!vendorHex.startsWith("434d5500"), op, xid, flags, ciaddr, yiaddr, siaddr, giaddr, mac, sname,
                file, vendorHex);
    }

    private static String bootp(boolean cookie, int op, int xid, int flags, String ciaddr, String yiaddr,
                                String siaddr, String giaddr, String mac, String sname, String file,
                                String vendorHex) {
        StringBuilder h = new StringBuilder();
        h.append(String.format("%02x%02x%02x%02x%08x%04x%04x", op, 1, 6, 0, xid, 0, flags));
        h.append(ciaddr).append(yiaddr).append(siaddr).append(giaddr);
        h.append(mac).append("00".repeat(16 - mac.length() / 2));
        h.append(area(sname, 64)).append(area(file, 128));
        if (cookie) {
            h.append(hexOf(MAGIC_COOKIE));
        }
        return h.append(vendorHex.replace(" ", "")).toString();
    }

    /** sname/file: hex when it looks like hex option bytes, else text; padded with zeros. */
    private static String area(String s, int size) {
        String hex = s.matches("([0-9a-f]{2})+") && s.length() >= 6 && !s.startsWith("srv") ? s : hex(s);
        return hex + "00".repeat(size - hex.length() / 2);
    }

    private static int optionLength(Random r, int code) {
        int roll = r.nextInt(6);
        switch (code) {
            case 1: case 28: case 50: case 51: case 54: case 58: case 59:
                return roll < 4 ? 4 : r.nextInt(9);
            case 57:
                return roll < 4 ? 2 : r.nextInt(5);
            case 53: case 52:
                return roll < 4 ? 1 : r.nextInt(3);
            case 61:
                return roll < 3 ? 7 : r.nextInt(12);
            default:
                return roll == 0 ? 0 : r.nextInt(24);
        }
    }

    private static String value(Random r, int code, int length, boolean printable) {
        if (code == 53 || code == 52) {
            StringBuilder v = new StringBuilder();
            for (int i = 0; i < length; i++) {
                v.append(String.format("%02x", r.nextInt(16)));
            }
            return v.toString();
        }
        if (code == 61 && length == 7 && r.nextBoolean()) {
            return String.format("%02x", r.nextBoolean() ? 1 : r.nextInt(50)) + randomBytes(r, 6, false);
        }
        boolean text = code == 12 || code == 15 || code == 56 || code == 60 || code == 161;
        return text && printable ? hex(randomText(r, length)) : randomBytes(r, length, false);
    }

    private static String randomText(Random r, int length) {
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789-.";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(letters.charAt(r.nextInt(letters.length())));
        }
        return s.toString();
    }

    private static String randomBytes(Random r, int n, boolean zeros) {
        byte[] b = new byte[n];
        if (!zeros) {
            r.nextBytes(b);
        }
        return hexOf(b);
    }

    private static String address(Random r) {
        return r.nextBoolean() ? "00000000" : String.format("%08x", r.nextInt());
    }

    static String hex(String ascii) {
        return hexOf(ascii.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    static String hexOf(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }

    /** Ethernet/IPv4/UDP around {@code payloadHex}, the whole frame captured. */
    public static Sample sample(String name, int src, int dst, String payloadHex) {
        byte[] f = frame(src, dst, Fixtures.hex(payloadHex.replace(" ", "")));
        return new Sample(name, f, f.length);
    }

    /** Ethernet (02:..:01 → 02:..:02), IPv4 10.0.0.1 → 10.0.0.2 with a correct checksum, UDP. */
    public static byte[] frame(int src, int dst, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(Fixtures.hex("020000000002 020000000001 0800"));
        int total = 28 + payload.length;
        f.writeBytes(Fixtures.hex(String.format("4500%04x00010000401100000a0000010a000002", total)));
        f.writeBytes(Fixtures.hex(String.format("%04x%04x%04x0000", src, dst, 8 + payload.length)));
        f.writeBytes(payload);
        return Fixtures.withIpv4Checksum(f.toByteArray(), 14);
    }
}
