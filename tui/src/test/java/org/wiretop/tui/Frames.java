package org.wiretop.tui;

/** Ethernet/IPv4 frames built byte by byte for tests (no capture needed). */
final class Frames {
    private Frames() {
    }

    /** Ethernet + IPv4 127.0.0.1 → 127.0.0.1 + UDP srcPort → dstPort with {@code payload} bytes. */
    static byte[] udp(int srcPort, int dstPort, int payload) {
        return ip(17, 8 + payload, srcPort, dstPort);
    }

    /** Ethernet + IPv4 + a 20-byte TCP header (SYN), no payload. */
    static byte[] tcpSyn(int srcPort, int dstPort) {
        return ip(6, 20, srcPort, dstPort);
    }

    private static byte[] ip(int proto, int l4Length, int srcPort, int dstPort) {
        int ipLen = 20 + l4Length;
        byte[] b = new byte[14 + ipLen];
        b[12] = 0x08; // EtherType IPv4
        int ip = 14;
        b[ip] = 0x45;
        b[ip + 2] = (byte) (ipLen >> 8);
        b[ip + 3] = (byte) ipLen;
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
            b[t + 4] = (byte) (l4Length >> 8);
            b[t + 5] = (byte) l4Length;
        } else {
            b[t + 12] = 0x50; // data offset 5
            b[t + 13] = 0x02; // SYN
            b[t + 14] = (byte) 0xff;
        }
        return b;
    }
}
