package org.wiretop.cli;

import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.flow.FlowEndpoint;
import org.wiretop.monitor.flow.FlowProcessMemo;
import org.wiretop.monitor.flow.FlowRecord;
import org.wiretop.monitor.flow.FlowSnapshot;
import org.wiretop.monitor.socket.SocketOwner;

/**
 * An immutable index from a TCP/UDP conversation to its ready-made JSON fragment
 * {@code ,"wiretop.process":{"pid":N,"name":"..."}}, built off the capture thread from a flow
 * snapshot and the {@link FlowProcessMemo}. The capture thread looks packets up by their own
 * 5-tuple (both directions find the same entry) without allocating: open addressing over flat
 * arrays, the whole key compared.
 */
final class ProcessTags {
    static final ProcessTags EMPTY = new ProcessTags(0);
    private static final int WORDS = 5; // meta, aHi, aLo, bHi, bLo
    private static final int TCP = 6, UDP = 17;

    private final long[] keys;
    private final String[] tags;
    private final int mask;

    private ProcessTags(int entries) {
        int slots = Integer.highestOneBit(Math.max(2, entries * 2 + 1)) << 1;
        this.keys = new long[slots * WORDS];
        this.tags = new String[slots];
        this.mask = slots - 1;
    }

    /** The tags of every flow of the snapshot whose owner the memo knows. */
    static ProcessTags build(FlowSnapshot flows, FlowProcessMemo memo) {
        ProcessTags t = new ProcessTags(flows.flows().size());
        for (FlowRecord f : flows.flows()) {
            if (f.protocol() != TCP && f.protocol() != UDP) {
                continue;
            }
            SocketOwner owner = memo.ownerOf(f).orElse(null);
            if (owner != null) {
                FlowEndpoint c = f.client(), s = f.server();
                t.put(f.protocol(), c.family(), c.hi(), c.lo(), c.port(), s.hi(), s.lo(), s.port(), fragment(owner));
            }
        }
        return t;
    }

    /** The fragment for this decoded packet's flow, or null when its owner is not known (yet). */
    String tagOf(PacketSummary s) {
        int proto = s.transportProtocol;
        if ((proto != TCP && proto != UDP) || s.laterFragment || s.srcPort < 0 || s.dstPort < 0) {
            return null;
        }
        if ((s.layers & PacketSummary.IP4) != 0) {
            return find(proto, 4, 0, s.ip4Src & 0xFFFFFFFFL, s.srcPort, 0, s.ip4Dst & 0xFFFFFFFFL, s.dstPort);
        }
        if ((s.layers & PacketSummary.IP6) != 0) {
            return find(proto, 6, s.ip6SrcHi, s.ip6SrcLo, s.srcPort, s.ip6DstHi, s.ip6DstLo, s.dstPort);
        }
        return null;
    }

    private void put(int proto, int family, long xHi, long xLo, int xPort, long yHi, long yLo, int yPort,
                     String tag) {
        boolean xFirst = first(xHi, xLo, xPort, yHi, yLo, yPort);
        long meta = xFirst ? meta(proto, family, xPort, yPort) : meta(proto, family, yPort, xPort);
        long aHi = xFirst ? xHi : yHi, aLo = xFirst ? xLo : yLo, bHi = xFirst ? yHi : xHi, bLo = xFirst ? yLo : xLo;
        int i = hash(meta, aHi, aLo, bHi, bLo) & mask;
        while (tags[i] != null && !matches(i, meta, aHi, aLo, bHi, bLo)) {
            i = (i + 1) & mask;
        }
        int k = i * WORDS;
        keys[k] = meta;
        keys[k + 1] = aHi;
        keys[k + 2] = aLo;
        keys[k + 3] = bHi;
        keys[k + 4] = bLo;
        tags[i] = tag;
    }

    private String find(int proto, int family, long xHi, long xLo, int xPort, long yHi, long yLo, int yPort) {
        boolean xFirst = first(xHi, xLo, xPort, yHi, yLo, yPort);
        long meta = xFirst ? meta(proto, family, xPort, yPort) : meta(proto, family, yPort, xPort);
        long aHi = xFirst ? xHi : yHi, aLo = xFirst ? xLo : yLo, bHi = xFirst ? yHi : xHi, bLo = xFirst ? yLo : xLo;
        for (int i = hash(meta, aHi, aLo, bHi, bLo) & mask; tags[i] != null; i = (i + 1) & mask) {
            if (matches(i, meta, aHi, aLo, bHi, bLo)) {
                return tags[i];
            }
        }
        return null;
    }

    private boolean matches(int i, long meta, long aHi, long aLo, long bHi, long bLo) {
        int k = i * WORDS;
        return keys[k] == meta && keys[k + 1] == aHi && keys[k + 2] == aLo && keys[k + 3] == bHi && keys[k + 4] == bLo;
    }

    /** Whether endpoint x sorts before y (unsigned address, then port): one orientation per flow. */
    private static boolean first(long xHi, long xLo, int xPort, long yHi, long yLo, int yPort) {
        int c = Long.compareUnsigned(xHi, yHi);
        if (c == 0) {
            c = Long.compareUnsigned(xLo, yLo);
        }
        return c < 0 || (c == 0 && xPort <= yPort);
    }

    private static long meta(int proto, int family, int aPort, int bPort) {
        return (long) proto << 40 | (long) family << 32 | (long) aPort << 16 | bPort;
    }

    private static int hash(long meta, long aHi, long aLo, long bHi, long bLo) {
        long h = meta * 0x9E3779B97F4A7C15L;
        h = (h ^ aHi) * 0x9E3779B97F4A7C15L;
        h = (h ^ aLo) * 0x9E3779B97F4A7C15L;
        h = (h ^ bHi) * 0x9E3779B97F4A7C15L;
        h = (h ^ bLo) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** {@code ,"wiretop.process":{"pid":N,"name":"..."}} with the name escaped for JSON. */
    static String fragment(SocketOwner owner) {
        StringBuilder b = new StringBuilder(48).append(",\"wiretop.process\":{\"pid\":").append(owner.pid())
                .append(",\"name\":\"");
        String name = owner.program() == null ? "" : owner.program();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append("\"}").toString();
    }
}
