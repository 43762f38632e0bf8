package org.wiretop.capture.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Ethernet frames byte by byte (IPv4/IPv6, TCP with options, UDP, ICMP, ARP, fragments,
 * cut-short copies) and writes them to a classic pcap, so the formatter's lines can be held
 * against tcpdump reading the very same file. Checksums are computed so tcpdump has nothing
 * to complain about.
 */
final class TextTestPackets {
    static final byte[] MAC_A = {2, 0, 0, 0, 0, 1};
    static final byte[] MAC_B = {2, 0, 0, 0, 0, 2};

    /** One record: the captured bytes and the length on the wire. */
    record Frame(byte[] bytes, int wireLength) {
        Frame(byte[] bytes) {
            this(bytes, bytes.length);
        }

        Frame cut(int capturedLength) {
            return new Frame(java.util.Arrays.copyOf(bytes, capturedLength), wireLength);
        }
    }

    private final List<Frame> frames = new ArrayList<>();

    TextTestPackets add(byte[] frame) {
        frames.add(new Frame(frame));
        return this;
    }

    TextTestPackets add(Frame frame) {
        frames.add(frame);
        return this;
    }

    List<Frame> frames() {
        return frames;
    }

    /** Writes a microsecond pcap, link type EN10MB, packet i stamped 1700000000+i s and i µs. */
    void writePcap(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        out.write(h.array());
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt(1_700_000_000 + i).putInt(i + 1).putInt(f.bytes().length).putInt(f.wireLength());
            out.write(r.array());
            out.write(f.bytes());
        }
        Files.write(file, out.toByteArray());
    }

    static long epochNanos(int index) {
        return (1_700_000_000L + index) * 1_000_000_000L + (index + 1) * 1000L;
    }

    // ---- builders ----

    static byte[] eth(int type, byte[] payload) {
        return eth(MAC_B, MAC_A, type, payload);
    }

    static byte[] eth(byte[] dst, byte[] src, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put(dst).put(src).putShort((short) type).put(payload);
        return b.array();
    }

    static byte[] ip4(String src, String dst, int proto, byte[] payload) {
        return ip4(src, dst, proto, payload, 1, 0, 0);
    }

    /** flags: 1 = more fragments, 2 = don't fragment; offset in 8-byte units. */
    static byte[] ip4(String src, String dst, int proto, byte[] payload, int id, int flags, int offset) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) id);
        int f = (flags & 1) != 0 ? 0x2000 : 0;
        f |= (flags & 2) != 0 ? 0x4000 : 0;
        b.putShort((short) (f | offset)).put((byte) 64).put((byte) proto).putShort((short) 0);
        b.put(addr(src)).put(addr(dst)).put(payload);
        byte[] a = b.array();
        int sum = checksum(a, 0, 20, 0);
        a[10] = (byte) (sum >>> 8);
        a[11] = (byte) sum;
        return a;
    }

    static byte[] ip6(String src, String dst, int next, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(6 << 28).putShort((short) payload.length).put((byte) next).put((byte) 64);
        b.put(addr(src)).put(addr(dst)).put(payload);
        return b.array();
    }

    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, int window, byte[] options, byte[] data) {
        int optLen = (options.length + 3) / 4 * 4;
        ByteBuffer b = ByteBuffer.allocate(20 + optLen + data.length);
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack);
        b.put((byte) (((20 + optLen) / 4) << 4)).put((byte) flags).putShort((short) window);
        b.putShort((short) 0).putShort((short) 0).put(options);
        for (int i = options.length; i < optLen; i++) {
            b.put((byte) 1);
        }
        b.put(data);
        return b.array();
    }

    static byte[] udp(int sport, int dport, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length);
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + data.length)).putShort((short) 0).put(data);
        return b.array();
    }

    static byte[] icmp(int type, int code, int rest, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length);
        b.put((byte) type).put((byte) code).putShort((short) 0).putInt(rest).put(data);
        byte[] a = b.array();
        int sum = checksum(a, 0, a.length, 0);
        a[2] = (byte) (sum >>> 8);
        a[3] = (byte) sum;
        return a;
    }

    static byte[] arp(int op, byte[] senderMac, String senderIp, byte[] targetMac, String targetIp) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) op);
        b.put(senderMac).put(addr(senderIp)).put(targetMac).put(addr(targetIp));
        return b.array();
    }

    static byte[] bytes(int n, char fill) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    static byte[] hex(String hex) {
        String h = hex.replaceAll("\\s", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] addr(String text) {
        try {
            return InetAddress.getByName(text).getAddress(); // literals only: never a lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static int checksum(byte[] a, int off, int len, int initial) {
        int sum = initial;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += (a[off + i] & 0xff) << 8 | (a[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (a[off + len - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }
}
