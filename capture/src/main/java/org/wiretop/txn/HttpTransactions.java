package org.wiretop.txn;

/**
 * HTTP/1.x requests and responses on each TCP stream, with tshark 4.0's rules (packet-http.c):
 * every request starts a transaction; a response belongs to the stream's latest transaction
 * unless that one has its response already (then it starts one with no request, so it gets no
 * {@code http.time}). A message counts where tshark's reassembly completes it ({@link HttpFramer}).
 *
 * <p>Per stream: the latest transaction, the latest request's method, and per direction the
 * {@link HttpFramer}'s state of the message arriving. Bounded: a set-associative table of streams allocated once (4 ways a set); a new
 * stream whose set is full replaces the set's least recently used, counted in {@link #evicted()}.
 */
final class HttpTransactions {
    /** Bytes of a request's text kept ({@code GET /path}, cut there). */
    static final int TEXT = 160;
    private final KeySets keys;
    private final long[] key, lastUsed;
    // the stream's latest transaction
    private final long[] requestFrame, requestNanos, responseFrame, requestBytes;
    private final byte[] latestMethod;
    private final byte[] text;
    private final int[] textLength;
    // per stream and direction (2 i + d): the endpoint whose bytes the framer's slot reads
    private final long[] sideFrom;
    private final HttpFramer framer;
    private long evicted;

    HttpTransactions(int capacity) {
        keys = new KeySets(capacity);
        key = keys.key;
        int n = keys.slots();
        lastUsed = new long[n];
        requestFrame = new long[n];
        requestNanos = new long[n];
        responseFrame = new long[n];
        requestBytes = new long[n];
        latestMethod = new byte[n];
        text = new byte[n * TEXT];
        textLength = new int[n];
        sideFrom = new long[2 * n];
        framer = new HttpFramer(2 * n, TEXT);
    }

    /** The stream's entry, or -1. */
    int find(int stream, long frame) {
        int i = keys.find(stream + 1L);
        if (i >= 0) {
            lastUsed[i] = frame;
        }
        return i;
    }

    /** The stream's entry, made when new (replacing the set's least recently used when full). */
    int findOrCreate(int stream, long frame) {
        int i = find(stream, frame);
        if (i >= 0) {
            return i;
        }
        long k = stream + 1L;
        i = keys.emptyOrOldest(k, lastUsed);
        if (key[i] != 0) {
            evicted++;
        }
        key[i] = k;
        lastUsed[i] = frame;
        requestFrame[i] = 0;
        responseFrame[i] = 0;
        latestMethod[i] = HttpFramer.OTHER;
        sideFrom[2 * i] = 0;
        sideFrom[2 * i + 1] = 0;
        return i;
    }

    // ---- the two directions, each framed by the framer's slot 2 i or 2 i + 1 ----

    /** The framer of both directions of every stream. */
    HttpFramer framer() {
        return framer;
    }

    /** The framer slot of {@code from} (an endpoint's key) in entry {@code i}: its own, or a new one (-1 when both are another's). */
    int side(int i, long from) {
        for (int d = 2 * i; d < 2 * i + 2; d++) {
            if (sideFrom[d] == from) {
                return d;
            }
        }
        for (int d = 2 * i; d < 2 * i + 2; d++) {
            if (sideFrom[d] == 0) {
                sideFrom[d] = from;
                framer.reset(d);
                return d;
            }
        }
        return -1;
    }

    /** The method of the stream's latest request (tshark's conv_data->request_method), for a response's body rule. */
    byte latestMethod(int i) {
        return latestMethod[i];
    }

    // ---- the stream's latest transaction (tshark's req_res_tail) ----

    /** A request completed: a new transaction. */
    void request(int i, long frame, long nanos, long bytes, byte method) {
        requestFrame[i] = frame;
        requestNanos[i] = nanos;
        responseFrame[i] = 0;
        requestBytes[i] = bytes;
        latestMethod[i] = method;
        textLength[i] = 0;
    }

    /** A notification (NOTIFY, SUBSCRIBE, UNSUBSCRIBE) completed: no transaction, but the latest method. */
    void notification(int i) {
        latestMethod[i] = HttpFramer.OTHER;
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
}
