package org.wiretop.txn;

/**
 * Drives the HTTP framer from the fuzz target ({@link org.wiretop.fuzz.PacketFuzzTarget}): each
 * input's bytes become the next segment of one of four stream directions, so successive inputs
 * build streams whose messages span segments. The first byte picks the direction and the flags
 * (FIN, cut by the capture, the latest request method, a bare FIN after it). A completion outside
 * the segment, or more completions than bytes, is a finding.
 */
public final class HttpFramerFuzz {
    private static final int SLOTS = 4;
    private static final HttpFramer FRAMER = new HttpFramer(SLOTS, HttpTransactions.TEXT);
    private static final long[] SEQ = new long[SLOTS];

    private HttpFramerFuzz() {
    }

    /** Feeds {@code data[from, to)} as a segment. */
    public static void segment(byte[] data, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int control = data[from] & 0xff;
        int d = control % SLOTS;
        boolean fin = (control & 4) != 0, cut = (control & 8) != 0, bareFin = (control & 64) != 0;
        byte latest = (byte) ((control >> 4) & 3);
        int p = from + 1;
        int skip = FRAMER.begin(d, SEQ[d], to - p, !cut);
        SEQ[d] += to - p;
        if (skip < 0) {
            return;
        }
        int completions = 0;
        for (int q = FRAMER.feed(d, data, p + skip, to, fin, cut, latest); q >= 0;
             q = FRAMER.feed(d, data, q, to, fin, cut, latest)) {
            if (q < p || q > to || ++completions > to - p) {
                throw new IllegalStateException("the framer completed at " + q + " in [" + p + ", " + to + ")");
            }
            if (FRAMER.textLength(d) > HttpTransactions.TEXT || FRAMER.bytes(d) < 0) {
                throw new IllegalStateException("the framer's message facts are out of bounds");
            }
        }
        if (bareFin) {
            FRAMER.fin(d);
        }
    }
}
