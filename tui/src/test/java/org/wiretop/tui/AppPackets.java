package org.wiretop.tui;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.wiretop.decode.AppFixtures;

/**
 * Application-layer packets for UI tests and golden screens, on loopback: a DNS query and its
 * response (the capture module's DNS fixtures: {@link AppFixtures}) and TCP or UDP with a given
 * payload. Their times are 12:00:00.000001 and on in the machine's own zone, so screens do not
 * depend on it.
 */
public final class AppPackets {
    /** Ethernet, IPv4 and UDP headers before a UDP fixture's payload. */
    private static final int UDP_PAYLOAD = 14 + 20 + 8;

    private AppPackets() {
    }

    /** The payload of a UDP application fixture ("dns-query-udp"). */
    static byte[] payload(String fixture) {
        byte[] f = AppFixtures.byName().get(fixture);
        return java.util.Arrays.copyOfRange(f, UDP_PAYLOAD, f.length);
    }

    /** Frame {@code seq + 1}: a DNS query from 127.0.0.1:40000 to 127.0.0.1:53 (id 0x1234, example.com A, OPT). */
    public static RawPacket dnsQuery(long seq) {
        return packet(seq, ip(17, 40000, 53, 0, payload("dns-query-udp")));
    }

    /** Frame {@code seq + 1}: its response (CNAME www.example.com, A 93.184.216.34, AAAA 2606:2800:220:1::1, TXT). */
    public static RawPacket dnsResponse(long seq) {
        return packet(seq, ip(17, 53, 40000, 0, payload("dns-response-udp")));
    }

    /** Frame {@code seq + 1}: a TCP segment [P.] with {@code payload}. */
    public static RawPacket tcp(long seq, int srcPort, int dstPort, byte[] payload) {
        return packet(seq, ip(6, srcPort, dstPort, 0x18, payload));
    }

    /** Frame {@code seq + 1}: a UDP datagram with {@code payload}. */
    public static RawPacket udp(long seq, int srcPort, int dstPort, byte[] payload) {
        return packet(seq, ip(17, srcPort, dstPort, 0, payload));
    }

    private static RawPacket packet(long seq, byte[] frame) {
        long noon = LocalDateTime.of(2024, 5, 1, 12, 0).atZone(ZoneId.systemDefault()).toInstant().getEpochSecond();
        return new RawPacket(seq, noon * 1_000_000_000L + (seq + 1) * 1_000, frame.length, 1, frame);
    }

    /** Ethernet + IPv4 127.0.0.1 → 127.0.0.1 + UDP or TCP (flags) + payload, checksums zero but IP's. */
    private static byte[] ip(int proto, int srcPort, int dstPort, int tcpFlags, byte[] payload) {
        int l4 = (proto == 6 ? 20 : 8) + payload.length;
        int ipLen = 20 + l4;
        byte[] b = new byte[14 + ipLen];
        b[12] = 0x08;
        int ip = 14;
        b[ip] = 0x45;
        b[ip + 2] = (byte) (ipLen >> 8);
        b[ip + 3] = (byte) ipLen;
        b[ip + 6] = 0x40; // DF
        b[ip + 8] = 64;
        b[ip + 9] = (byte) proto;
        byte[] lo = {127, 0, 0, 1};
        System.arraycopy(lo, 0, b, ip + 12, 4);
        System.arraycopy(lo, 0, b, ip + 16, 4);
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((b[ip + i] & 0xff) << 8) | (b[ip + i + 1] & 0xff);
        }
        sum = (sum & 0xffff) + (sum >> 16);
        sum = ~((sum & 0xffff) + (sum >> 16)) & 0xffff;
        b[ip + 10] = (byte) (sum >> 8);
        b[ip + 11] = (byte) sum;
        int t = 34;
        b[t] = (byte) (srcPort >> 8);
        b[t + 1] = (byte) srcPort;
        b[t + 2] = (byte) (dstPort >> 8);
        b[t + 3] = (byte) dstPort;
        if (proto == 17) {
            b[t + 4] = (byte) (l4 >> 8);
            b[t + 5] = (byte) l4;
        } else {
            b[t + 7] = 1; // seq 1
            b[t + 11] = 1; // ack 1
            b[t + 12] = 0x50;
            b[t + 13] = (byte) tcpFlags;
            b[t + 14] = (byte) 0xff;
            b[t + 15] = (byte) 0xff;
        }
        System.arraycopy(payload, 0, b, t + (proto == 6 ? 20 : 8), payload.length);
        return b;
    }
}
