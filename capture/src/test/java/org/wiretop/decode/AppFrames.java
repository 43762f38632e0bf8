package org.wiretop.decode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Ethernet/IPv4 frames around an application payload of any size (up to IPv4's 65,535 bytes),
 * for the dissectors' tests against tcpdump and tshark: 10.0.0.1 → 10.0.0.2, a TCP segment with
 * PSH|ACK (seq 1, ack 1) and a correct TCP checksum, or a UDP datagram.
 */
public final class AppFrames {
    private AppFrames() {
    }

    public static byte[] tcp(int srcPort, int dstPort, String ascii) {
        return tcp(srcPort, dstPort, ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static byte[] tcp(int srcPort, int dstPort, byte[] payload) {
        if (payload.length > 65_535 - 40) {
            throw new IllegalArgumentException("a TCP payload of " + payload.length + " bytes does not fit in IPv4");
        }
        ByteBuffer t = ByteBuffer.allocate(20 + payload.length);
        t.putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt(1)
                .put((byte) 0x50).put((byte) 0x18).putShort((short) 0xffff).putShort((short) 0).putShort((short) 0)
                .put(payload);
        byte[] segment = t.array();
        int sum = 0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 6 + segment.length; // pseudo-header
        int checksum = ~fold(sum + Checksum.ones(segment, 0, segment.length)) & 0xffff;
        segment[16] = (byte) (checksum >>> 8);
        segment[17] = (byte) checksum;
        return ipv4(6, segment);
    }

    public static byte[] udp(int srcPort, int dstPort, String ascii) {
        byte[] payload = ascii.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
        u.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        return ipv4(17, u.array());
    }

    private static int fold(int sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return sum;
    }

    private static byte[] ipv4(int protocol, byte[] transport) {
        byte[] head = Fixtures.hex(Fixtures.ETH_IP4 + Fixtures.ipv4(protocol, 20 + transport.length));
        byte[] frame = new byte[head.length + transport.length];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(transport, 0, frame, head.length, transport.length);
        return Fixtures.withIpv4Checksum(frame, 14);
    }
}
