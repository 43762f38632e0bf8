package org.wiretop.capture.format;

import static org.wiretop.decode.PacketSummary.IP4;
import static org.wiretop.decode.PacketSummary.IP6;
import static org.wiretop.decode.PacketSummary.SYN;

import java.util.Arrays;
import org.wiretop.decode.PacketSummary;

/**
 * tcpdump's relative TCP sequence numbers (its default; {@code -S} turns them off), with its
 * rules, so the lines stay tcpdump's word for word:
 * <ul>
 *   <li>Only segments with ACK set take part; a bare SYN prints its absolute numbers.</li>
 *   <li>The first such segment of a conversation, and any SYN-ACK, records both directions'
 *       bases (its own sequence number, and its acknowledgement minus one) and prints absolute
 *       numbers; later segments print {@code seq - base} and {@code ack - base}, modulo 2^32.</li>
 *   <li>A conversation is keyed by (lower address, higher address, ports in that order),
 *       addresses compared as bytes; with equal addresses (127.0.0.1 to itself) the lower port
 *       comes first.</li>
 *   <li>SACK blocks count in the other direction's sequence space.</li>
 * </ul>
 *
 * <p>Open addressing over primitive arrays: no allocation per packet. tcpdump never forgets a
 * conversation; here the table is cleared once it holds {@value #MAX_ENTRIES} (by default; a long capture
 * of a scan), after which each old conversation prints absolute numbers once more and starts
 * afresh. Not thread-safe: one per output.
 */
public final class RelativeSeq {
    static final int MAX_ENTRIES = 1 << 20;
    private static final long MASK = 0xffffffffL;

    private final int maxEntries;
    private int capacity = 1 << 10;
    private int size;
    /** Per slot: 0 = empty, 4 or 6 = the IP version of the key. */
    private byte[] version = new byte[capacity];
    private long[] lowHi = new long[capacity], lowLo = new long[capacity];
    private long[] highHi = new long[capacity], highLo = new long[capacity];
    private int[] ports = new int[capacity];
    /** tcpdump's th->seq and th->ack: the bases of the key's forward direction. */
    private long[] seqBase = new long[capacity], ackBase = new long[capacity];

    /** Results of the last {@link #track}: what to subtract, modulo 2^32. */
    private long seqDelta, ackDelta, sackDelta;

    RelativeSeq() {
        this(MAX_ENTRIES);
    }

    /** @param maxEntries conversations held before the table is cleared (a power of two) */
    RelativeSeq(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Conversations held. */
    int size() {
        return size;
    }

    /**
     * Looks up (or records) the conversation of a TCP segment with ACK set; afterwards
     * {@link #seq}, {@link #ack} and {@link #sack} give the numbers to print.
     */
    void track(PacketSummary s) {
        seqDelta = ackDelta = sackDelta = 0;
        long srcHi, srcLo, dstHi, dstLo;
        byte v;
        if (s.has(IP4)) {
            v = 4;
            srcHi = dstHi = 0;
            srcLo = s.ip4Src & MASK;
            dstLo = s.ip4Dst & MASK;
        } else if (s.has(IP6)) {
            v = 6;
            srcHi = s.ip6SrcHi;
            srcLo = s.ip6SrcLo;
            dstHi = s.ip6DstHi;
            dstLo = s.ip6DstLo;
        } else {
            return;
        }
        int cmp = Long.compareUnsigned(srcHi, dstHi);
        if (cmp == 0) {
            cmp = Long.compareUnsigned(srcLo, dstLo);
        }
        boolean rev = cmp > 0 || (cmp == 0 && s.srcPort > s.dstPort);
        long kLowHi = rev ? dstHi : srcHi, kLowLo = rev ? dstLo : srcLo;
        long kHighHi = rev ? srcHi : dstHi, kHighLo = rev ? srcLo : dstLo;
        int kPorts = rev ? s.dstPort << 16 | s.srcPort : s.srcPort << 16 | s.dstPort;
        int slot = find(v, kLowHi, kLowLo, kHighHi, kHighLo, kPorts);
        long seq = s.tcpSeq, ack = s.tcpAck;
        if (version[slot] == 0 || (s.tcpFlags & SYN) != 0) {
            if (version[slot] == 0) {
                if (size + 1 > capacity / 2) {
                    grow();
                    slot = find(v, kLowHi, kLowLo, kHighHi, kHighLo, kPorts);
                }
                version[slot] = v;
                lowHi[slot] = kLowHi;
                lowLo[slot] = kLowLo;
                highHi[slot] = kHighHi;
                highLo[slot] = kHighLo;
                ports[slot] = kPorts;
                size++;
            }
            if (rev) {
                ackBase[slot] = seq;
                seqBase[slot] = (ack - 1) & MASK;
            } else {
                seqBase[slot] = seq;
                ackBase[slot] = (ack - 1) & MASK;
            }
        } else {
            seqDelta = rev ? ackBase[slot] : seqBase[slot];
            ackDelta = rev ? seqBase[slot] : ackBase[slot];
        }
        sackDelta = rev ? seqBase[slot] : ackBase[slot];
    }

    long seq(long absolute) {
        return (absolute - seqDelta) & MASK;
    }

    long ack(long absolute) {
        return (absolute - ackDelta) & MASK;
    }

    /** What a SACK block's edges of this segment are relative to. */
    long sackBase() {
        return sackDelta;
    }

    private int find(byte v, long aHi, long aLo, long bHi, long bLo, int p) {
        long h = aLo * 0x9E3779B97F4A7C15L ^ bLo * 0xC2B2AE3D27D4EB4FL ^ aHi ^ Long.rotateLeft(bHi, 17) ^ p * 0x165667B1L;
        int mask = capacity - 1;
        int i = (int) (h ^ h >>> 29) & mask;
        while (version[i] != 0) {
            if (version[i] == v && ports[i] == p && lowLo[i] == aLo && highLo[i] == bLo && lowHi[i] == aHi && highHi[i] == bHi) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        if (capacity >= 2 * maxEntries) { // full: forget every conversation (see the class comment)
            Arrays.fill(version, (byte) 0);
            size = 0;
            return;
        }
        byte[] oldVersion = version;
        long[] oLowHi = lowHi, oLowLo = lowLo, oHighHi = highHi, oHighLo = highLo, oSeq = seqBase, oAck = ackBase;
        int[] oPorts = ports;
        capacity *= 2;
        version = new byte[capacity];
        lowHi = new long[capacity];
        lowLo = new long[capacity];
        highHi = new long[capacity];
        highLo = new long[capacity];
        ports = new int[capacity];
        seqBase = new long[capacity];
        ackBase = new long[capacity];
        for (int i = 0; i < oldVersion.length; i++) {
            if (oldVersion[i] != 0) {
                int j = find(oldVersion[i], oLowHi[i], oLowLo[i], oHighHi[i], oHighLo[i], oPorts[i]);
                version[j] = oldVersion[i];
                lowHi[j] = oLowHi[i];
                lowLo[j] = oLowLo[i];
                highHi[j] = oHighHi[i];
                highLo[j] = oHighLo[i];
                ports[j] = oPorts[i];
                seqBase[j] = oSeq[i];
                ackBase[j] = oAck[i];
            }
        }
    }
}
