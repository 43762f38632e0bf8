package org.wiretop.monitor.flow;

/**
 * The order of a {@link FlowTable} entry's words in its {@link FlowStore}, by how often a packet
 * touches them, so that a packet of a flow out of the caches (the common case with tens of
 * thousands of flows) misses on few, adjacent cache lines of one page.
 *
 * <p><b>Hot</b> (the first {@value #HOT_STRIDE} words, two cache lines): what every packet reads
 * or writes — the key, {@link #INFO}, the last packet's time, the rate window's epoch and both
 * sides' counters. Then the rate buckets (one line, every packet), the TCP sequence analysis (one
 * line, TCP packets), then what only a new flow, the handshake, a snapshot or an export touches.
 */
final class FlowLayout {
    private FlowLayout() {
    }

    // ---- hot ----
    /** Bit field, below. */
    static final int INFO = FlowStore.KEY_WORDS;
    static final int LAST_NS = INFO + 1;
    /** The rate window's latest bucket number (see {@link RateWindow}). */
    static final int BUCKET_EPOCH = INFO + 2;
    /** Per-side counters: what side A sent, then what side B sent (same layout). */
    static final int SIDE_A = INFO + 3;
    /** Packets; wire bytes; IP-layer bytes (IPFIX octets); TCP/UDP payload bytes. */
    static final int PKTS = 0, BYTES = 1, IP_BYTES = 2, PAYLOAD = 3;
    static final int SIDE_WORDS = 4;
    static final int SIDE_B = SIDE_A + SIDE_WORDS;
    static final int HOT_STRIDE = SIDE_B + SIDE_WORDS;

    // ---- the rest ----
    /** {@link FlowTable#RATE_BUCKETS} × 2 sides, each {@code packets << 40 | bytes}. */
    static final int BUCKETS = HOT_STRIDE;
    /** Per-side TCP sequence analysis ({@link TcpTracking}): side A's words, then side B's. */
    static final int SEQ_A = BUCKETS + FlowTable.RATE_BUCKETS * 2;
    static final int NEXT_SEQ = 0, NEXT_SEQ_NS = 1, RETRANS = 2, OOO = 3;
    static final int SEQ_B = SEQ_A + 4;
    static final int FIRST_NS = SEQ_B + 4;
    static final int SYN_NS = FIRST_NS + 1, SYNACK_NS = FIRST_NS + 2, HS_ACK_NS = FIRST_NS + 3,
            SERVER_ISN = FIRST_NS + 4;
    /** With export state: {@value #EXPORT_WORDS} words from here, see {@link FlowExporter}. */
    static final int EXPORT = SERVER_ISN + 1;
    static final int EXPORT_WORDS = 6;
    /** Words an entry, rounded up to whole cache lines (so every entry sits alike in its lines). */
    static final int STRIDE = lines(EXPORT), STRIDE_EXPORTABLE = lines(EXPORT + EXPORT_WORDS);

    // ---- INFO bits ----
    static final long STATE_MASK = 0x7;
    static final long CLIENT_IS_A = 1 << 3;
    static final long LOCAL_A = 1 << 4, LOCAL_B = 1 << 5;
    // bits 6-10: the FINs and handshake steps seen, TcpTracking's
    /** Packets came since the last export (the exporter's interval start is set). */
    static final long OPEN = 1 << 11;
    /**
     * Each side's L4 word, 20 bits: TCP flags ORed since the last export (12 bits), or for ICMP
     * 1 + type × 256 + code of the first message (0: none yet).
     */
    static final int L4_A_SHIFT = 24, L4_B_SHIFT = 44;
    static final long L4_MASK = 0xFFFFF;

    static int l4Shift(boolean sideA) {
        return sideA ? L4_A_SHIFT : L4_B_SHIFT;
    }

    private static int lines(int words) {
        return (words + 7) & ~7;
    }
}
