package org.wiretop.txn;

/**
 * HTTP/1.x requests and responses on each TCP stream, with tshark 4.0's rules (packet-http.c):
 * every request starts a transaction; a response belongs to the stream's latest transaction
 * unless that one has its response already (then it starts one with no request, so it gets no
 * {@code http.time}). A message counts where tshark's reassembly completes it: on the segment
 * that brings its last byte by its headers (Content-Length; none after a HEAD request, for 1xx,
 * 204 and 304), so a body spread over segments times on its last.
 *
 * <p>Per stream: the latest transaction, and per direction the message whose body is still
 * arriving. Bounded: a set-associative table of streams allocated once (4 ways a set); a new
 * stream whose set is full replaces the set's least recently used, counted in {@link #evicted()}.
 */
final class HttpTransactions {
    /** Bytes of a request's text kept ({@code GET /path}, cut there). */
    static final int TEXT = 160;
    private static final int WAYS = 4;

    private final int mask;
    private final long[] key, lastUsed;
    // the stream's latest transaction
    private final long[] requestFrame, requestNanos, responseFrame, requestBytes;
    private final boolean[] head;
    private final byte[] text;
    private final int[] textLength;
    // per stream and direction (2 i + d): a message whose last byte has not come yet
    private final long[] pendingFrom, pendingEnd, pendingBytes;
    private final boolean[] pendingRequest;
    private final int[] pendingStatus;
    private final byte[] pendingText;
    private final int[] pendingTextLength;
    private long evicted;

    HttpTransactions(int capacity) {
        int sets = Integer.highestOneBit(Math.max(WAYS, capacity) / WAYS);
        mask = sets - 1;
        int n = sets * WAYS;
        key = new long[n];
        lastUsed = new long[n];
        requestFrame = new long[n];
        requestNanos = new long[n];
        responseFrame = new long[n];
        requestBytes = new long[n];
        head = new boolean[n];
        text = new byte[n * TEXT];
        textLength = new int[n];
        pendingFrom = new long[2 * n];
        pendingEnd = new long[2 * n];
        pendingBytes = new long[2 * n];
        pendingRequest = new boolean[2 * n];
        pendingStatus = new int[2 * n];
        pendingText = new byte[2 * n * TEXT];
        pendingTextLength = new int[2 * n];
    }

    /** The stream's entry, or -1. */
    int find(int stream, long frame) {
        long k = stream + 1L;
        int base = set(k);
        for (int w = 0; w < WAYS; w++) {
            if (key[base + w] == k) {
                lastUsed[base + w] = frame;
                return base + w;
            }
        }
        return -1;
    }

    /** The stream's entry, made when new (replacing the set's least recently used when full). */
    int findOrCreate(int stream, long frame) {
        int i = find(stream, frame);
        if (i >= 0) {
            return i;
        }
        long k = stream + 1L;
        int base = set(k);
        i = base;
        for (int w = 0; w < WAYS; w++) {
            if (key[base + w] == 0) {
                i = base + w;
                break;
            }
            if (lastUsed[base + w] < lastUsed[i]) {
                i = base + w;
            }
        }
        if (key[i] != 0) {
            evicted++;
        }
        key[i] = k;
        lastUsed[i] = frame;
        requestFrame[i] = 0;
        responseFrame[i] = 0;
        head[i] = false;
        pendingFrom[2 * i] = 0;
        pendingFrom[2 * i + 1] = 0;
        return i;
    }

    // ---- the message of a direction still arriving ----

    /** The direction slot of {@code from} (an endpoint's key) in entry {@code i}, or -1. */
    int pending(int i, long from) {
        if (pendingFrom[2 * i] == from) {
            return 2 * i;
        }
        return pendingFrom[2 * i + 1] == from ? 2 * i + 1 : -1;
    }

    /** Remembers a message of {@code from} that ends at relative sequence number {@code end}. */
    int hold(int i, long from, boolean request, long end, long bytes, int status) {
        int d = pending(i, from);
        if (d < 0) {
            d = pendingFrom[2 * i] == 0 ? 2 * i : 2 * i + 1;
        }
        pendingFrom[d] = from;
        pendingRequest[d] = request;
        pendingEnd[d] = end;
        pendingBytes[d] = bytes;
        pendingStatus[d] = status;
        pendingTextLength[d] = 0;
        return d;
    }

    void release(int d) {
        pendingFrom[d] = 0;
    }

    long pendingEnd(int d) {
        return pendingEnd[d];
    }

    boolean pendingRequest(int d) {
        return pendingRequest[d];
    }

    long pendingBytes(int d) {
        return pendingBytes[d];
    }

    int pendingStatus(int d) {
        return pendingStatus[d];
    }

    /** The pending request's text buffer (offset {@code d * TEXT}); its length set with {@link #pendingText(int, int)}. */
    byte[] pendingTextBuffer() {
        return pendingText;
    }

    void pendingText(int d, int length) {
        pendingTextLength[d] = length;
    }

    int pendingTextLength(int d) {
        return pendingTextLength[d];
    }

    // ---- the stream's latest transaction (tshark's req_res_tail) ----

    /** A request completed: a new transaction. */
    void request(int i, long frame, long nanos, long bytes, boolean isHead) {
        requestFrame[i] = frame;
        requestNanos[i] = nanos;
        responseFrame[i] = 0;
        requestBytes[i] = bytes;
        head[i] = isHead;
        textLength[i] = 0;
    }

    /** A response completed: true when it answers the latest request (which then has its response). */
    boolean response(int i, long frame) {
        boolean matched = requestFrame[i] > 0 && responseFrame[i] == 0;
        if (!matched) {
            requestFrame[i] = 0; // a transaction with no request
        }
        responseFrame[i] = frame;
        return matched;
    }

    /** True when the latest request, still unanswered, was a HEAD (its response has no body). */
    boolean awaitsHead(int i) {
        return requestFrame[i] > 0 && responseFrame[i] == 0 && head[i];
    }

    long requestFrame(int i) {
        return requestFrame[i];
    }

    long requestNanos(int i) {
        return requestNanos[i];
    }

    long requestBytes(int i) {
        return requestBytes[i];
    }

    byte[] textBuffer() {
        return text;
    }

    void textLength(int i, int length) {
        textLength[i] = length;
    }

    int textLength(int i) {
        return textLength[i];
    }

    /** Requests held that no response answered. */
    long unanswered() {
        long n = 0;
        for (int i = 0; i < key.length; i++) {
            if (key[i] != 0 && requestFrame[i] > 0 && responseFrame[i] == 0) {
                n++;
            }
        }
        return n;
    }

    long evicted() {
        return evicted;
    }

    private int set(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return ((int) (h >>> 40) & mask) * WAYS;
    }
}
