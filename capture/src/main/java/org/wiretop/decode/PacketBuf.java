package org.wiretop.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A reusable, bounds-checked view over one packet's captured bytes (design §4 rule 1), in the
 * manner of Netty's flyweight buffers and Wireshark's tvbuff.
 *
 * <p>Two limits are kept, both narrowed by each header's declared length and never widened:
 * {@link #end()} bounds what may be read (the captured bytes), {@link #reportedEnd()} is where
 * the packet ended on the wire (so a TCP payload length comes from the IP length even when the
 * capture was cut short, and Ethernet padding never counts as payload). Every read checks
 * {@code end}; running past it throws the preallocated {@link Truncated} signal, after the
 * current layer name was recorded with {@link #enter} so the result can say {@code [|tcp]}.
 */
public final class PacketBuf {
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L;

    /** The decoder's own layers, named by index ({@link #enter(int)}): an int store, unlike a String's, costs no GC barrier. */
    static final int FRAME = 0, ETHER = 1, IP = 2, IP6 = 3, TCP = 4, UDP = 5, ICMP = 6, ICMP6 = 7, ARP = 8,
            VLAN = 9, QINQ = 10, MPLS = 11, SLL = 12, SLL2 = 13, NULL = 14;
    private static final String[] LAYERS = {"frame", "ether", "ip", "ip6", "tcp", "udp", "icmp", "icmp6", "arp",
            "vlan", "802.1ad", "mpls", "sll", "sll2", "null"};

    private byte[] data;
    private int end;
    private int reportedEnd;
    /** The layer being decoded: an index into {@link #LAYERS}, or -1 for {@link #namedLayer}. */
    private int layer = FRAME;
    private String namedLayer;

    /** Points this view at {@code data[0, capturedLength)} of a packet {@code wireLength} long. */
    public PacketBuf wrap(byte[] data, int capturedLength, int wireLength) {
        this.data = data;
        this.end = Math.max(0, Math.min(capturedLength, data.length));
        this.reportedEnd = Math.max(this.end, wireLength);
        this.layer = FRAME;
        return this;
    }

    /** Exclusive end of the readable (captured) bytes. */
    public int end() {
        return end;
    }

    /** Exclusive end of the packet as it was on the wire, narrowed by the headers' lengths. */
    public int reportedEnd() {
        return reportedEnd;
    }

    /** The layer being decoded: the name reported when the bytes run out. */
    public String layer() {
        return layer >= 0 ? LAYERS[layer] : namedLayer;
    }

    /** The bytes under this view (read only through the checked accessors on untrusted paths). */
    public byte[] array() {
        return data;
    }

    /** Names the layer being decoded (tcpdump's name: {@code "tcp"}, {@code "domain"}), for {@code [|name]}. */
    public void enter(String layerName) {
        this.layer = -1;
        this.namedLayer = layerName;
    }

    /** {@link #enter(String)} for the decoder's own layers ({@link #TCP}, ...). */
    void enter(int layerIndex) {
        this.layer = layerIndex;
    }

    /** Narrows both ends to {@code newEnd} when a header declares a shorter length. */
    void narrow(int newEnd) {
        if (newEnd < reportedEnd) {
            reportedEnd = newEnd;
        }
        if (newEnd < end) {
            end = newEnd;
        }
    }

    /** Throws {@link Truncated} unless {@code [offset, offset + length)} was captured. */
    public void require(int offset, int length) {
        if (offset < 0 || length < 0 || offset > end - length) {
            throw Truncated.INSTANCE;
        }
    }

    /** True when {@code [offset, offset + length)} was captured (no signal). */
    public boolean has(int offset, int length) {
        return offset >= 0 && length >= 0 && offset <= end - length;
    }

    public int u8(int offset) {
        if (offset < 0 || offset >= end) {
            throw Truncated.INSTANCE;
        }
        return data[offset] & 0xff;
    }

    public int u16(int offset) {
        if (offset < 0 || offset > end - 2) {
            throw Truncated.INSTANCE;
        }
        return (data[offset] & 0xff) << 8 | (data[offset + 1] & 0xff);
    }

    /** 16 bits, little-endian (for host-order link headers). */
    public int u16le(int offset) {
        if (offset < 0 || offset > end - 2) {
            throw Truncated.INSTANCE;
        }
        return (data[offset + 1] & 0xff) << 8 | (data[offset] & 0xff);
    }

    public int i32(int offset) {
        if (offset < 0 || offset > end - 4) {
            throw Truncated.INSTANCE;
        }
        return int32(offset);
    }

    /** Unchecked; the caller checked {@code [offset, offset + 4)}. */
    private int int32(int offset) {
        return (int) INT_BE.get(data, offset); // one load, where C2 in Java 17 would not merge four
    }

    public long u32(int offset) {
        return i32(offset) & 0xffffffffL;
    }

    /** Six bytes (a MAC address) in the low 48 bits. */
    public long u48(int offset) {
        if (offset < 0 || offset > end - 6) {
            throw Truncated.INSTANCE;
        }
        return ((long) ((data[offset] & 0xff) << 8 | (data[offset + 1] & 0xff)) << 32)
                | (int32(offset + 2) & 0xffffffffL);
    }

    public long i64(int offset) {
        if (offset < 0 || offset > end - 8) {
            throw Truncated.INSTANCE;
        }
        return (long) LONG_BE.get(data, offset);
    }

    /**
     * The offset of the first byte equal to {@code value} in {@code [from, limit)}, or -1; as a
     * loop of {@link #u8} reads would, throws {@link Truncated} when it has to read past the
     * captured bytes. Eight bytes a load while eight remain (one bounds check a block, not a
     * byte): what makes scanning text lines (HTTP headers) cheap.
     */
    public int indexOf(int value, int from, int limit) {
        if (from >= limit) {
            return -1;
        }
        if (from < 0) {
            throw Truncated.INSTANCE;
        }
        int to = Math.min(limit, end);
        long pattern = ONES * (value & 0xff);
        int i = from;
        for (; i <= to - 8; i += 8) {
            long x = (long) LONG_LE.get(data, i) ^ pattern; // a zero byte where data[i..i+8) holds the value
            // Mycroft's test: the lowest flagged byte is the first zero (a borrow flags only higher bytes)
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if ((data[i] & 0xff) == (value & 0xff)) {
                return i;
            }
        }
        if (limit > end) {
            throw Truncated.INSTANCE;
        }
        return -1;
    }
}
