package org.wiretop.txn;

/**
 * A segment cut by the capture cannot be reassembled: tshark dissects the message starting in it
 * as captured, line by line (the last line running to the captured end), and pairs it unless its
 * headers end in a cut line without a colon, whose missing byte throws ({@code
 * tvb_ensure_bytes_exist} in packet-http.c).
 */
final class HttpCutLines {
    private HttpCutLines() {
    }

    /** True when the header lines after the first line (which ends at {@code q}) let the message through. */
    static boolean pass(byte[] a, int q, int end) {
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
