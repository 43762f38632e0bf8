package org.wiretop.capture.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Builds Ethernet frames byte by byte (the test's own hex) and writes them as a classic pcap. */
final class Frames {
    static final long BROADCAST = 0xffffffffffffL, HOST_A = 0x001122334455L, HOST_B = 0x02000000000bL;

    private Frames() {
    }

    static byte[] ethernet(long dst, long src, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        putMac(b, dst);
        putMac(b, src);
        return b.putShort((short) type).put(payload).array();
    }

    /** Ethernet with one 802.1Q tag. */
    static byte[] vlan(long dst, long src, int vlanId, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(18 + payload.length);
        putMac(b, dst);
        putMac(b, src);
        return b.putShort((short) 0x8100).putShort((short) vlanId).putShort((short) type).put(payload).array();
    }

    static byte[] ipv4(int src, int dst, int proto, int ttl, boolean df, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) 0x1234)
                .putShort((short) (df ? 0x4000 : 0)).put((byte) ttl).put((byte) proto).putShort((short) 0)
                .putInt(src).putInt(dst);
        b.putShort(10, (short) checksum(b.array(), 20));
        return b.put(payload).array();
    }

    static byte[] ipv6(long srcHi, long srcLo, long dstHi, long dstLo, int next, byte[] payload) {
        return ByteBuffer.allocate(40 + payload.length).putInt(0x60000000).putShort((short) payload.length)
                .put((byte) next).put((byte) 64).putLong(srcHi).putLong(srcLo).putLong(dstHi).putLong(dstLo)
                .put(payload).array();
    }

    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, byte[] payload) {
        return ByteBuffer.allocate(20 + payload.length).putShort((short) sport).putShort((short) dport)
                .putInt((int) seq).putInt((int) ack).putShort((short) (5 << 12 | flags)).putShort((short) 65535)
                .putInt(0).put(payload).array();
    }

    static byte[] udp(int sport, int dport, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) sport).putShort((short) dport)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
    }

    /** ICMP (type 8) or ICMPv6 (type 128) echo request. */
    static byte[] echo(int type, int id, int seq) {
        return ByteBuffer.allocate(8).put((byte) type).put((byte) 0).putShort((short) 0)
                .putShort((short) id).putShort((short) seq).array();
    }

    static byte[] arpRequest(long senderMac, int senderIp, int targetIp) {
        ByteBuffer b = ByteBuffer.allocate(28).putShort((short) 1).putShort((short) 0x0800).put((byte) 6)
                .put((byte) 4).putShort((short) 1);
        putMac(b, senderMac);
        b.putInt(senderIp);
        putMac(b, 0);
        return b.putInt(targetIp).array();
    }

    /**
     * Writes frames as pcap (LINKTYPE_ETHERNET), frame i at second 1000 + i; {@code capLens[i]}
     * below the frame's length cuts it as a small snaplen would.
     */
    static void writePcap(OutputStream out, List<byte[]> frames, int[] capLens) throws IOException {
        int[] wire = new int[frames.size()];
        for (int i = 0; i < wire.length; i++) {
            wire[i] = frames.get(i).length;
        }
        writePcap(out, 1, frames, capLens, wire);
    }

    /** As above for any link type, with each frame's length on the wire. */
    static void writePcap(OutputStream out, int linkType, List<byte[]> frames, int[] capLens, int[] wireLens)
            throws IOException {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xa1b2c3d4)
                .putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(h.array());
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            int cap = Math.min(f.length, capLens[i]);
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(1000 + i).putInt(0)
                    .putInt(cap).putInt(Math.max(cap, wireLens[i]));
            all.write(r.array());
            all.write(f, 0, cap);
        }
        out.write(all.toByteArray());
    }

    private static void putMac(ByteBuffer b, long mac) {
        b.putShort((short) (mac >>> 32)).putInt((int) mac);
    }

    private static int checksum(byte[] data, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return ~sum & 0xffff;
    }
}
