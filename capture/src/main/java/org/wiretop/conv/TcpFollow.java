package org.wiretop.conv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedList;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/**
 * Reassembles one TCP stream, both directions, as tshark 4.0's "Follow TCP Stream"
 * ({@code follow_tcp_tap_listener} and {@code check_follow_fragments} in packet-tcp.c), so its
 * chunks are tshark's byte for byte: sequence numbers are the analysis's relative ones; a
 * segment's bytes already delivered are skipped (the first copy wins, a retransmission adds only
 * what is new); a segment beyond the next expected byte is held until the gap fills, or until the
 * other side acknowledges past the gap, when a chunk {@code [N bytes missing in capture file]}
 * (and a NUL, as tshark) stands for the bytes the capture lacks. The client is the source of the
 * stream's first segment.
 *
 * <p>Bounded where tshark is not: a direction holds at most {@code heldLimit} bytes in at most
 * {@value #MAX_FRAGMENTS} segments, and all followers together what their shared
 * {@link HeldBytes} allows. At a limit the gap before the held bytes is reported as missing and
 * reassembly moves on ({@link #forcedGaps()}); a segment that still finds no room is dropped
 * ({@link #droppedBytes()}). In-order bytes go to the sink straight from the packet: nothing is
 * copied or allocated for them.
 */
public final class TcpFollow {
    /** Most held segments a direction. */
    public static final int MAX_FRAGMENTS = 4096;

    private final FollowSink sink;
    private final int heldLimit;
    private final HeldBytes shared;
    private Endpoint client, server;
    private final int[] seq = new int[2];
    private final long[] written = new long[2];
    private final long[] held = new long[2];
    /** Held segments in arrival order (tshark scans them in that order). */
    @SuppressWarnings("unchecked")
    private final LinkedList<Fragment>[] fragments = new LinkedList[] {new LinkedList<Fragment>(), new LinkedList<Fragment>()};
    private long forcedGaps, droppedBytes;

    private record Fragment(int seq, byte[] data) {
    }

    /**
     * @param heldLimit out-of-order bytes a direction may hold
     * @param shared    the budget shared with other followers
     */
    public TcpFollow(FollowSink sink, int heldLimit, HeldBytes shared) {
        this.sink = sink;
        this.heldLimit = heldLimit;
        this.shared = shared;
    }

    /** The stream's client (the source of its first segment), or null before any. */
    public Endpoint client() {
        return client;
    }

    public Endpoint server() {
        return server;
    }

    /** Gaps reported early because a limit was reached (tshark would still have waited). */
    public long forcedGaps() {
        return forcedGaps;
    }

    /** Bytes of segments dropped because no room was left to hold them. */
    public long droppedBytes() {
        return droppedBytes;
    }

    /** Bytes held now, waiting for a gap before them to fill. */
    public long heldBytes() {
        return held[0] + held[1];
    }

    /**
     * True when tshark's follow would see this packet of the stream: a segment the analysis
     * measured (not a fragment nor a quoted one), whose header and options were captured whole.
     */
    public static boolean follows(PacketSummary s) {
        return s.tcpRelSeq >= 0 && s.tcpHeaderLength >= 20 && s.payloadOffset >= 0 && s.payloadOffset <= s.capturedLength
                && !(s.status == Status.TRUNCATED && "tcp".equals(s.reason));
    }

    /** One segment of the followed stream, after decoding and analysis ({@link #follows} true). */
    public void segment(PacketSummary s, byte[] packet) {
        if (client == null) {
            client = Endpoint.of(s, true);
            server = Endpoint.of(s, false);
        }
        int side = client.isSourceOf(s) ? 0 : 1;
        int other = side ^ 1;
        int sequence = (int) s.tcpRelSeq + ((s.tcpFlags & PacketSummary.SYN) != 0 ? 1 : 0);
        int length = Math.max(s.tcpPayloadLength, 0);
        int dataOffset = s.payloadOffset;
        int dataLength = s.payloadOffset < 0 ? 0 : Math.max(0, Math.min(s.payloadLength, packet.length - s.payloadOffset));
        if (!fragments[other].isEmpty()) {
            while (applyFragment(other, (int) s.tcpRelAck, true)) {
                // the other side acknowledged past its gap: deliver what it holds
            }
        }
        if (written[side] == 0 && seq[side] == 0) {
            seq[side] = sequence;
        }
        place(side, sequence, length, packet, dataOffset, dataLength, true);
    }

    /** Delivers the segment's new bytes when they come next, else holds them. */
    private void place(int side, int sequence, int length, byte[] packet, int dataOffset, int dataLength,
                       boolean mayForce) {
        if (lt(sequence, seq[side])) {
            int next = sequence + length;
            if (gt(next, seq[side])) { // a retransmission with more: only the new bytes
                int skip = seq[side] - sequence;
                dataLength = Integer.compareUnsigned(dataLength, skip) <= 0 ? 0 : dataLength - skip;
                dataOffset += skip;
                sequence = seq[side];
                length = next - seq[side];
            }
        }
        if (dataLength == 0 || lt(sequence, seq[side])) {
            return;
        }
        if (sequence == seq[side]) {
            seq[side] += length;
            written[side] += dataLength;
            sink.chunk(side == 1, packet, dataOffset, dataLength, false);
            while (applyFragment(side, 0, false)) {
                // the gap this segment filled may free held ones
            }
        } else if (room(side, dataLength)) {
            held[side] += dataLength;
            fragments[side].add(new Fragment(sequence, Arrays.copyOfRange(packet, dataOffset, dataOffset + dataLength)));
        } else if (mayForce && !fragments[side].isEmpty()) {
            forceGap(side);
            place(side, sequence, length, packet, dataOffset, dataLength, false);
        } else {
            droppedBytes += dataLength;
        }
    }

    private boolean room(int side, int length) {
        if (held[side] + length > heldLimit || fragments[side].size() >= MAX_FRAGMENTS) {
            return false;
        }
        return shared.reserve(length);
    }

    /** A limit was reached: report the gap before the held bytes as missing and deliver them. */
    private void forceGap(int side) {
        if (fragments[side].isEmpty()) {
            return;
        }
        forcedGaps++;
        int lowest = lowest(side);
        while (applyFragment(side, lowest + 1, true)) {
            lowest = fragments[side].isEmpty() ? lowest : lowest(side);
        }
    }

    private int lowest(int side) {
        int lowest = fragments[side].getFirst().seq;
        for (Fragment f : fragments[side]) {
            if (gt(lowest, f.seq)) {
                lowest = f.seq;
            }
        }
        return lowest;
    }

    /**
     * tshark's {@code check_follow_fragments}: delivers the first held segment that now fits (or
     * its new part), or, with {@code useAck} and an acknowledgement past the lowest held one,
     * reports the gap before it as missing. Returns true when it did something.
     */
    private boolean applyFragment(int side, int acknowledged, boolean useAck) {
        LinkedList<Fragment> list = fragments[side];
        if (list.isEmpty()) {
            return false;
        }
        int lowest = list.getFirst().seq;
        for (Iterator<Fragment> it = list.iterator(); it.hasNext(); ) {
            Fragment f = it.next();
            if (gt(lowest, f.seq)) {
                lowest = f.seq;
            }
            int len = f.data.length;
            if (lt(f.seq, seq[side])) {
                if (gt(f.seq + len, seq[side])) {
                    int newPos = seq[side] - f.seq;
                    if (Integer.compareUnsigned(len, newPos) > 0) {
                        sink.chunk(side == 1, f.data, newPos, len - newPos, false);
                    }
                    seq[side] += len - newPos;
                }
                release(side, it, f);
                return true;
            }
            if (f.seq == seq[side]) {
                if (len > 0) {
                    sink.chunk(side == 1, f.data, 0, len, false);
                }
                seq[side] += len;
                release(side, it, f);
                return true;
            }
        }
        if (useAck && gt(acknowledged, lowest)) {
            byte[] text = ("[" + (lowest - seq[side]) + " bytes missing in capture file]\0")
                    .getBytes(StandardCharsets.US_ASCII);
            sink.chunk(side == 1, text, 0, text.length, true);
            seq[side] = lowest;
            return true;
        }
        return false;
    }

    private void release(int side, Iterator<Fragment> it, Fragment f) {
        it.remove();
        held[side] -= f.data.length;
        shared.release(f.data.length);
    }

    // tshark's GT_SEQ / LT_SEQ, modulo 2^32
    private static boolean gt(int x, int y) {
        return y - x < 0;
    }

    private static boolean lt(int x, int y) {
        return x - y < 0;
    }
}
