package org.wiretop.conv;

import static org.wiretop.decode.PacketSummary.*;

import java.util.Arrays;

/**
 * tshark 4.0's TCP sequence analysis ({@code tcp_analyze_sequence_number} and the steps around
 * it in {@code dissect_tcp}, epan/dissectors/packet-tcp.c), rule for rule, over primitive arrays:
 * one "flow" a direction of a conversation (index {@code 2 * conversation + side}), the side being
 * tshark's (flow 1 when the source address, or with equal addresses the source port, is the
 * greater). Sequence numbers are absolute 32-bit values compared modulo 2^32 as tshark's
 * {@code GT_SEQ}/{@code LT_SEQ}; times are epoch nanoseconds, where tshark's "zero time" means
 * "not set" (so is 0 here). Windows are the raw header values; window scaling comes from the
 * handshake (tshark's {@code win_scale}: -1 unknown, -2 not used, else the shift).
 *
 * <p>The expert flags land in {@link org.wiretop.decode.PacketSummary#tcpAnalysis} with tshark's
 * meaning: a fast or spurious retransmission is also a retransmission
 * ({@code tcp.analysis.retransmission} is set with it). Not ported: MPTCP's tolerance of duplicate
 * ACKs, bytes in flight, RTO.
 */
final class TcpAnalysis implements Conversations.Resets {
    /** tshark's TCP_MAX_UNACKED_SEGMENTS: segments remembered a direction. */
    static final int MAX_UNACKED = 10_000;
    private static final int BASE_SEQ_SET = 1, SAW_SYN = 3, SAW_SYNACK = 5;
    private static final long FAST_RETRANSMISSION_WINDOW = 20_000_000L; // 20 ms after the last dup ACK
    private static final long DEFAULT_OOO_THRESHOLD = 3_000_000L; // 3 ms when no handshake RTT is known
    private static final int NO_DATA_FLAGS = SYN | FIN | RST;

    private final UnackedSegments segments;

    // ---- per flow ----
    private byte[] staticFlags = new byte[0];
    private int[] baseSeq = new int[0], nextSeq = new int[0], maxSeqToBeAcked = new int[0];
    private int[] lastAck = new int[0], dupAckNum = new int[0], window = new int[0];
    private int[] lastSegmentFlags = new int[0], segHead = new int[0], segCount = new int[0];
    private long[] nextSeqTime = new long[0], lastAckTime = new long[0];
    private byte[] winScale = new byte[0];
    private boolean[] firstAck = new boolean[0];
    // ---- per conversation ----
    private long[] mruSyn = new long[0], firstRtt = new long[0];

    TcpAnalysis(UnackedSegments segments) {
        this.segments = segments;
    }

    @Override
    public void grow(int capacity) {
        int flows = capacity * 2;
        int old = staticFlags.length;
        staticFlags = Arrays.copyOf(staticFlags, flows);
        baseSeq = Arrays.copyOf(baseSeq, flows);
        nextSeq = Arrays.copyOf(nextSeq, flows);
        maxSeqToBeAcked = Arrays.copyOf(maxSeqToBeAcked, flows);
        lastAck = Arrays.copyOf(lastAck, flows);
        dupAckNum = Arrays.copyOf(dupAckNum, flows);
        window = Arrays.copyOf(window, flows);
        lastSegmentFlags = Arrays.copyOf(lastSegmentFlags, flows);
        segHead = Arrays.copyOf(segHead, flows);
        Arrays.fill(segHead, old, flows, UnackedSegments.NONE);
        segCount = Arrays.copyOf(segCount, flows);
        nextSeqTime = Arrays.copyOf(nextSeqTime, flows);
        lastAckTime = Arrays.copyOf(lastAckTime, flows);
        winScale = Arrays.copyOf(winScale, flows);
        firstAck = Arrays.copyOf(firstAck, flows);
        mruSyn = Arrays.copyOf(mruSyn, capacity);
        firstRtt = Arrays.copyOf(firstRtt, capacity);
    }

    /** A fresh {@code tcp_analysis}: both flows unknown, window "none seen yet" (G_MAXUINT32). */
    @Override
    public void reset(int conversation) {
        for (int f = 2 * conversation; f < 2 * conversation + 2; f++) {
            staticFlags[f] = 0;
            baseSeq[f] = 0;
            nextSeq[f] = 0;
            maxSeqToBeAcked[f] = 0;
            lastAck[f] = 0;
            dupAckNum[f] = 0;
            window[f] = -1;
            lastSegmentFlags[f] = 0;
            segments.releaseAll(segHead[f]);
            segHead[f] = UnackedSegments.NONE;
            segCount[f] = 0;
            nextSeqTime[f] = 0;
            lastAckTime[f] = 0;
            winScale[f] = -1;
            firstAck[f] = false;
        }
        mruSyn[conversation] = 0;
        firstRtt[conversation] = 0;
    }

    /** True for a SYN without ACK that starts a new conversation in this one's place (another ISN). */
    boolean reusesPorts(int flow, int seq) {
        return (staticFlags[flow] & BASE_SEQ_SET) != 0 && seq != baseSeq[flow];
    }

    /**
     * tshark's check of a SYN-ACK on a known conversation before analysis: another initial
     * sequence number than the one seen becomes the direction's base (tshark's issue 16944);
     * returns the flags it sets.
     */
    int synAck(int flow, int seq) {
        if ((staticFlags[flow] & BASE_SEQ_SET) != 0 && seq != baseSeq[flow]) {
            baseSeq[flow] = seq;
            return TA_REUSED_PORTS;
        }
        return 0;
    }

    /**
     * {@code tcp_analyze_sequence_number}: the flags of one segment, given those set before.
     * Also sets the ACK's RTT (0 when it acknowledges no recorded segment exactly) and the
     * duplicate-ACK number into {@code result}.
     */
    int analyze(int conversation, int side, int seq, int ack, int seglen, int flags, int win, long now,
                int ta, Result result) {
        int fwd = 2 * conversation + side, rev = fwd ^ 1;
        if ((staticFlags[fwd] & BASE_SEQ_SET) == 0) {
            if ((flags & SYN) != 0) {
                baseSeq[fwd] = seq;
                staticFlags[fwd] |= (flags & ACK) != 0 ? SAW_SYNACK : SAW_SYN;
            } else {
                baseSeq[fwd] = seq - 1;
            }
            staticFlags[fwd] |= BASE_SEQ_SET;
        }
        if ((staticFlags[rev] & BASE_SEQ_SET) == 0 && (flags & ACK) != 0) {
            baseSeq[rev] = ack - 1;
            staticFlags[rev] |= BASE_SEQ_SET;
        }
        int dupNum = 0;
        boolean plain = (flags & NO_DATA_FLAGS) == 0;
        int fwdNext = nextSeq[fwd];
        sequence:
        {
            if (seglen == 1 && seq == fwdNext && window[rev] == 0) {
                ta |= TA_ZERO_WINDOW_PROBE;
                break sequence;
            }
            if (win == 0 && plain) {
                ta |= TA_ZERO_WINDOW;
            }
            if (fwdNext != 0 && gt(seq, fwdNext) && (flags & RST) == 0) {
                ta |= TA_LOST_SEGMENT;
            }
            if ((seglen == 0 || seglen == 1) && seq == fwdNext - 1 && plain) {
                ta |= TA_KEEP_ALIVE;
            }
            boolean sameAck = seglen == 0 && seq == fwdNext && ack == lastAck[fwd] && plain;
            if (sameAck && win != 0 && win != window[fwd]) {
                ta |= TA_WINDOW_UPDATE;
            }
            if (seglen > 0 && winScale[rev] != -1 && plain
                    && seq + seglen == lastAck[rev] + (window[rev] << (firstAck[rev] || winScale[rev] == -2 ? 0 : winScale[rev]))) {
                ta |= TA_WINDOW_FULL;
            }
            if (sameAck && win != 0 && win == window[fwd] && (lastSegmentFlags[rev] & TA_KEEP_ALIVE) != 0) {
                ta |= TA_KEEP_ALIVE_ACK;
                break sequence;
            }
            if (sameAck && win == 0 && window[fwd] == 0 && (lastSegmentFlags[rev] & TA_ZERO_WINDOW_PROBE) != 0) {
                ta |= TA_ZERO_WINDOW_PROBE_ACK;
                break sequence;
            }
            if (sameAck && win != 0 && win == window[fwd]) {
                dupNum = dupAckNum[fwd] == -1 ? 1 : dupAckNum[fwd] + 1;
                dupAckNum[fwd] = dupNum;
                ta |= TA_DUPLICATE_ACK;
            }
        }
        if (ack != lastAck[fwd]) {
            dupAckNum[fwd] = 0; // a new ACK restarts the count
        }
        if (maxSeqToBeAcked[rev] != 0 && gt(ack, maxSeqToBeAcked[rev]) && (flags & ACK) != 0) {
            // tshark 4.0, as measured: with a gap in the other direction (what it sent is beyond
            // what it sent contiguously) the ACK is flagged and the bound moves; otherwise it is
            // flagged once until that direction acknowledges something new, and its next
            // duplicate ACK counts from 1 again.
            if (Integer.compareUnsigned(maxSeqToBeAcked[rev], nextSeq[rev]) < 0) {
                maxSeqToBeAcked[rev] = nextSeq[rev];
                ta |= TA_ACK_LOST_SEGMENT;
            } else {
                if (dupAckNum[rev] == 0) {
                    ta |= TA_ACK_LOST_SEGMENT;
                }
                dupAckNum[rev] = -1;
            }
        }
        if (seglen > 0 || (flags & (SYN | FIN)) != 0) {
            ta = retransmission(fwd, rev, conversation, seq, seglen, flags, now, ta);
        }
        int segNext = seq + seglen;
        if ((seglen != 0 || (flags & (SYN | FIN)) != 0) && segCount[fwd] < MAX_UNACKED) {
            if ((flags & (SYN | FIN)) != 0) {
                segNext++;
            }
            int n = segments.push(segHead[fwd], seq, segNext, now);
            if (n != UnackedSegments.NONE) {
                segHead[fwd] = n;
                segCount[fwd]++;
            }
        }
        boolean probe = (ta & TA_ZERO_WINDOW_PROBE) != 0;
        if ((gt(segNext, nextSeq[fwd]) || nextSeq[fwd] == 0) && !probe) {
            nextSeq[fwd] = segNext;
            nextSeqTime[fwd] = now;
        }
        if ((seq == maxSeqToBeAcked[fwd] || maxSeqToBeAcked[fwd] == 0) && !probe) {
            maxSeqToBeAcked[fwd] = nextSeq[fwd];
        }
        window[fwd] = win;
        lastAck[fwd] = ack;
        lastAckTime[fwd] = now;
        lastSegmentFlags[fwd] = ta;
        result.ackRtt = acknowledge(rev, ack, now);
        result.dupAckNum = (ta & TA_DUPLICATE_ACK) != 0 ? dupNum : 0;
        return ta;
    }

    /** Retransmission, fast retransmission, spurious retransmission or out-of-order. */
    private int retransmission(int fwd, int rev, int conversation, int seq, int seglen, int flags, long now, int ta) {
        if ((ta & TA_KEEP_ALIVE) != 0) {
            return ta;
        }
        int fwdNext = nextSeq[fwd];
        boolean notAdvanced = fwdNext != 0 && lt(seq, fwdNext);
        if (seglen > 1 && fwdNext - 1 == seq) {
            notAdvanced = false; // after a zero-window probe: new data
        }
        if (seglen > 0 && lastAck[rev] != 0 && le(seq + seglen, lastAck[rev])) {
            return ta | TA_SPURIOUS_RETRANSMISSION | TA_RETRANSMISSION;
        }
        // tshark's dupacknum is unsigned: the -1 an ACKed-unseen-segment leaves counts as >= 2
        if (notAdvanced && Integer.compareUnsigned(dupAckNum[rev], 2) >= 0 && lastAck[rev] == seq
                && Long.compareUnsigned(now - lastAckTime[rev], FAST_RETRANSMISSION_WINDOW) < 0) {
            return ta | TA_FAST_RETRANSMISSION | TA_RETRANSMISSION;
        }
        long threshold = firstRtt[conversation] == 0 ? DEFAULT_OOO_THRESHOLD : firstRtt[conversation];
        if (notAdvanced && Long.compareUnsigned(now - nextSeqTime[fwd], threshold) < 0
                && fwdNext != seq + seglen + ((flags & (SYN | FIN)) != 0 ? 1 : 0)) {
            return ta | TA_OUT_OF_ORDER;
        }
        return notAdvanced ? ta | TA_RETRANSMISSION : ta;
    }

    /**
     * Drops the reverse direction's segments this ACK covers; returns the RTT to the oldest
     * segment it acknowledges exactly (ack == its next sequence number), or 0.
     */
    private long acknowledge(int rev, int ack, long now) {
        long rtt = 0;
        int before = UnackedSegments.NONE;
        int n = segHead[rev];
        UnackedSegments s = segments;
        while (n != UnackedSegments.NONE) {
            int end = s.nextSeq(n);
            if (ack != end) {
                if (gt(ack, s.seq(n)) && le(ack, end)) {
                    s.seq(n, ack); // partly acknowledged: keep the rest
                    continue;
                }
                if (gt(end, ack)) {
                    before = n;
                    n = s.next(n);
                    continue;
                }
            } else {
                rtt = now - s.time(n);
            }
            int after = s.release(n);
            if (before == UnackedSegments.NONE) {
                segHead[rev] = after;
            } else {
                s.next(before, after);
            }
            segCount[rev]--;
            n = after;
        }
        return rtt;
    }

    /**
     * The steps after analysis: handshake time, first-ACK mark, window scale from the options
     * ({@code wscaleOption} -1 when absent); {@code optionsWhole} false when the capture ended
     * inside the options (tshark's option dissection then throws before it checks the scaling).
     */
    void afterAnalysis(int conversation, int side, int flags, int wscaleOption, long now, boolean optionsWhole) {
        int fwd = 2 * conversation + side, rev = fwd ^ 1;
        if ((flags & SYN) != 0) {
            if ((flags & ACK) == 0) {
                mruSyn[conversation] = now;
            }
            firstAck[fwd] = true;
        }
        if ((flags & (SYN | ACK)) == ACK) {
            if (mruSyn[conversation] != 0 && firstRtt[conversation] == 0) {
                firstRtt[conversation] = now - mruSyn[conversation];
            }
            firstAck[fwd] = false;
        }
        if (wscaleOption >= 0) {
            winScale[fwd] = (byte) Math.min(wscaleOption, 14);
        }
        if ((flags & SYN) != 0 && optionsWhole) { // verify_tcp_window_scaling
            if (winScale[fwd] == -1) {
                winScale[fwd] = -2;
                winScale[rev] = -2;
            } else if ((flags & ACK) != 0 && winScale[rev] == -2) {
                winScale[fwd] = -2;
            }
        }
    }

    /** The relative sequence base of a flow (tshark's {@code base_seq}). */
    int baseSeq(int flow) {
        return baseSeq[flow];
    }

    // tshark's GT_SEQ / LT_SEQ / LE_SEQ: comparisons modulo 2^32
    static boolean gt(int x, int y) {
        return y - x < 0;
    }

    static boolean lt(int x, int y) {
        return x - y < 0;
    }

    static boolean le(int x, int y) {
        return x - y <= 0;
    }

    /** What {@link #analyze} reports besides the flags. */
    static final class Result {
        long ackRtt;
        int dupAckNum;
    }
}
