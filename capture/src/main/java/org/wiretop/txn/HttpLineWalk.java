package org.wiretop.txn;

/**
 * Walks over lines within one segment, where packet-http.c's dissection (not its reassembly)
 * decides how far a message goes.
 */
final class HttpLineWalk {
    private HttpLineWalk() {
    }

    /**
     * A segment cut by the capture cannot be reassembled: tshark dissects the message starting in
     * it as captured, line by line (the last line running to the captured end), and pairs it unless
     * its headers end in a cut line without a colon, whose missing byte throws ({@code
     * tvb_ensure_bytes_exist}). True when the header lines after the first line (which ends at
     * {@code q}) let the message through.
     */
    static boolean cutPasses(byte[] a, int q, int end) {
        int p = next(a, q, end);
        while (p < end) {
            int e = p;
            while (e < end && a[e] != '\n' && a[e] != '\r') {
                e++;
            }
            if (e == p) {
                return true; // the blank line: the body follows
            }
            if (!hasColon(a, p, e)) {
                return e < end; // not a header: the body starts here, or the cut line throws
            }
            p = next(a, e, end);
        }
        return true;
    }

    /**
     * After the line that follows the last chunk, when it was a trailer field: the dechunking takes
     * the further fields up to the blank line, as far as the segment holds whole lines (a CR ending
     * it waits). Returns where the next message starts.
     */
    static int trailers(byte[] a, int p, int end) {
        int q = p;
        while (q < end) {
            int c = a[q];
            if (c != '\n' && c != '\r') {
                q++;
                continue;
            }
            if (c == '\r' && q + 1 >= end) {
                break;
            }
            boolean blank = q == p;
            p = q = c == '\r' && a[q + 1] == '\n' ? q + 2 : q + 1;
            if (blank) {
                break;
            }
        }
        return p;
    }

    /** After the line end at {@code e}: LF, CR LF, or a lone CR. */
    private static int next(byte[] a, int e, int end) {
        if (e < end && a[e] == '\r') {
            e++;
            return e < end && a[e] == '\n' ? e + 1 : e;
        }
        return e < end ? e + 1 : e;
    }

    private static boolean hasColon(byte[] a, int p, int e) {
        for (int i = p; i < e; i++) {
            if (a[i] == ':') {
                return true;
            }
        }
        return false;
    }
}
