package org.wiretop.decode.quic;

import java.util.Arrays;
import org.wiretop.decode.PacketSummary;

/**
 * Which connection ID a conversation's Initial keys come from, and which end is the client: what
 * a server's Initial does not carry (its keys are derived from the client's first Destination
 * Connection ID, RFC 9001 §5.2; after a Retry, from the Retry's Source Connection ID, which the
 * client then uses as its Destination). Wireshark keeps the same per connection to show the
 * ServerHello.
 *
 * <p>A conversation is its two UDP endpoints. An entry is written by a client Initial: for sure
 * when its keys opened it (its source is the client), tentatively when the capture cut it short
 * and nothing is known yet. Bounded: {@link #SIZE} entries, the oldest replaced; learning only
 * adds knowledge, so decoding a packet again gives the same result.
 */
final class QuicConnections {
    static final int SIZE = 64, MAX_CID = 20;

    private final long[] clientHi = new long[SIZE], clientLo = new long[SIZE];
    private final long[] serverHi = new long[SIZE], serverLo = new long[SIZE];
    private final int[] clientPort = new int[SIZE], serverPort = new int[SIZE];
    private final byte[] cid = new byte[SIZE * MAX_CID];
    private final int[] cidLength = new int[SIZE];
    private final boolean[] tentative = new boolean[SIZE];
    private int used, next;

    /** The entry of {@code s}'s conversation, or -1. */
    int find(PacketSummary s) {
        long srcHi = hi(s, true), srcLo = lo(s, true), dstHi = hi(s, false), dstLo = lo(s, false);
        for (int i = 0; i < used; i++) {
            if (matches(i, srcHi, srcLo, s.srcPort, dstHi, dstLo, s.dstPort)
                    || matches(i, dstHi, dstLo, s.dstPort, srcHi, srcLo, s.srcPort)) {
                return i;
            }
        }
        return -1;
    }

    /** True when {@code s} was sent by entry {@code i}'s client. */
    boolean fromClient(int i, PacketSummary s) {
        return clientPort[i] == s.srcPort && clientHi[i] == hi(s, true) && clientLo[i] == lo(s, true);
    }

    boolean tentative(int i) {
        return tentative[i];
    }

    /** Entry {@code i}'s key connection ID is {@code data[off, off + length)}. */
    boolean sameCid(int i, byte[] data, int off, int length) {
        return cidLength[i] == length && Arrays.equals(cid, i * MAX_CID, i * MAX_CID + length, data, off, off + length);
    }

    byte[] cids() {
        return cid;
    }

    int cidOffset(int i) {
        return i * MAX_CID;
    }

    int cidLength(int i) {
        return cidLength[i];
    }

    /**
     * Records that {@code s} comes from the client of its conversation and that the Initial keys
     * derive from {@code data[off, off + length)} (overwriting a tentative or older entry).
     */
    void learn(PacketSummary s, byte[] data, int off, int length, boolean sure) {
        if (length > MAX_CID) {
            return;
        }
        int i = find(s);
        if (i >= 0 && !sure && !tentative[i]) {
            return; // a guess never overrides what a decryption proved
        }
        if (i < 0) {
            i = next;
            next = (next + 1) % SIZE;
            used = Math.max(used, i + 1);
        }
        clientHi[i] = hi(s, true);
        clientLo[i] = lo(s, true);
        clientPort[i] = s.srcPort;
        serverHi[i] = hi(s, false);
        serverLo[i] = lo(s, false);
        serverPort[i] = s.dstPort;
        System.arraycopy(data, off, cid, i * MAX_CID, length);
        cidLength[i] = length;
        tentative[i] = !sure;
    }

    private boolean matches(int i, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        return clientPort[i] == aPort && serverPort[i] == bPort && clientLo[i] == aLo && clientHi[i] == aHi
                && serverLo[i] == bLo && serverHi[i] == bHi;
    }

    /** An address's high half: IPv6's first 64 bits, or a mark that it is IPv4. */
    private static long hi(PacketSummary s, boolean source) {
        if (s.has(PacketSummary.IP6)) {
            return source ? s.ip6SrcHi : s.ip6DstHi;
        }
        return 0x4L << 60;
    }

    private static long lo(PacketSummary s, boolean source) {
        if (s.has(PacketSummary.IP6)) {
            return source ? s.ip6SrcLo : s.ip6DstLo;
        }
        return (source ? s.ip4Src : s.ip4Dst) & 0xffffffffL;
    }
}
