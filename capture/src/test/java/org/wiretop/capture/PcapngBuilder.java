package org.wiretop.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds pcapng bytes block by block for the tests (draft-ietf-opsawg-pcapng), in one byte
 * order a section; {@link #shb(ByteOrder)} may switch it. Lengths are computed, so a test
 * corrupts them on purpose with {@link #raw}.
 */
final class PcapngBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    /** A Section Header Block (version 1.0, unknown section length) with a comment option. */
    PcapngBuilder shb(ByteOrder o) {
        order = o;
        ByteBuffer body = buffer(16 + option(1, "wiretop test".getBytes()).length + 4);
        body.putInt(PcapngStreamSource.BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1)
                .put(option(1, "wiretop test".getBytes())).putInt(0);
        return block(PcapngStreamSource.SHB, body.array());
    }

    /** An Interface Description Block; {@code tsresol} < 0 leaves the option out, so do {@code tsoffset} == null. */
    PcapngBuilder idb(int linkType, int snaplen, int tsresol, Long tsoffset) {
        ByteArrayOutputStream opts = new ByteArrayOutputStream();
        opts.writeBytes(option(2, "lo".getBytes())); // if_name, an option the reader must step over
        if (tsresol >= 0) {
            opts.writeBytes(option(9, new byte[] {(byte) tsresol}));
        }
        if (tsoffset != null) {
            opts.writeBytes(option(14, buffer(8).putLong(tsoffset).array()));
        }
        opts.writeBytes(buffer(4).putInt(0).array()); // opt_endofopt
        ByteBuffer body = buffer(8 + opts.size());
        body.putShort((short) linkType).putShort((short) 0).putInt(snaplen).put(opts.toByteArray());
        return block(PcapngStreamSource.IDB, body.array());
    }

    /** An Enhanced Packet Block with an epb_flags option. */
    PcapngBuilder epb(int iface, long ticks, int wire, byte[] data) {
        byte[] flags = option(2, buffer(4).putInt(1).array());
        ByteBuffer body = buffer(20 + pad(data.length) + flags.length + 4);
        body.putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length).putInt(wire)
                .put(data).position(20 + pad(data.length));
        body.put(flags).putInt(0);
        return block(PcapngStreamSource.EPB, body.array());
    }

    /** A Simple Packet Block holding {@code data} (the whole packet unless cut by the writer's snaplen). */
    PcapngBuilder spb(int wire, byte[] data) {
        ByteBuffer body = buffer(4 + pad(data.length));
        body.putInt(wire).put(data);
        return block(PcapngStreamSource.SPB, body.array());
    }

    /** The obsolete Packet Block (type 2). */
    PcapngBuilder pb(int iface, long ticks, int wire, byte[] data) {
        ByteBuffer body = buffer(20 + pad(data.length));
        body.putShort((short) iface).putShort((short) 0).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                .putInt(data.length).putInt(wire).put(data);
        return block(PcapngStreamSource.PB, body.array());
    }

    /** Any block type with the given body (padded to 32 bits). */
    PcapngBuilder block(int type, byte[] body) {
        int length = 12 + pad(body.length);
        ByteBuffer b = buffer(length);
        b.putInt(type).putInt(length).put(body).position(length - 4);
        b.putInt(length);
        out.writeBytes(b.array());
        return this;
    }

    /** Bytes as they are, for corrupt blocks. */
    PcapngBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    ByteOrder order() {
        return order;
    }

    private byte[] option(int code, byte[] value) {
        ByteBuffer b = buffer(4 + pad(value.length));
        b.putShort((short) code).putShort((short) value.length).put(value);
        return b.array();
    }

    private ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    static int pad(int n) {
        return (n + 3) & ~3;
    }
}
