package org.wiretop.txn;

/**
 * DNS queries waiting for (or matched to) their response, keyed by conversation and id, with
 * tshark 4.0's rules (packet-dns.c): a query starts a new transaction unless the id's latest one
 * in the conversation is still unanswered and less than {@link #RETRANSMISSION_NANOS} old (then it
 * is a retransmission and the first query's time stands); a response matches the id's latest
 * transaction, and so does a repeated response ({@code dns.time} again from the same query).
 *
 * <p>Bounded: a set-associative table of {@code capacity} entries (4 ways a set) allocated once; a
 * new transaction whose set is full replaces the set's oldest, counted in {@link #evicted()} (and
 * in {@link #evictedUnanswered()} when it had no response yet).
 */
final class DnsTransactions {
    /** tshark's "retransmission_timer" default: 5 s. */
    static final long RETRANSMISSION_NANOS = 5_000_000_000L;
    private final KeySets keys;
    private final long[] key, requestFrame, requestNanos, responseFrame, requestBytes;
    private long evicted, evictedUnanswered;

    DnsTransactions(int capacity) {
        keys = new KeySets(capacity);
        key = keys.key;
        int n = keys.slots();
        requestFrame = new long[n];
        requestNanos = new long[n];
        responseFrame = new long[n];
        requestBytes = new long[n];
    }

    /** The key of an id in a conversation ({@code tcp} picks the table of stream numbers). */
    static long key(boolean tcp, int stream, int id) {
        return ((long) stream << 17 | (tcp ? 1L << 16 : 0) | id) + 1; // 0 = empty
    }

    /** A query: starts or continues (a retransmission) a transaction. */
    void query(long k, long frame, long nanos, int bytes) {
        int i = find(k);
        if (i >= 0 && responseFrame[i] == 0 && nanos - requestNanos[i] < RETRANSMISSION_NANOS) {
            return; // a retransmission: the first query's time stands
        }
        if (i < 0) {
            i = slotFor(k);
        }
        key[i] = k;
        requestFrame[i] = frame;
        requestNanos[i] = nanos;
        responseFrame[i] = 0;
        requestBytes[i] = bytes;
    }

    /** A response: the index of its transaction, or -1 when no query was seen. */
    int response(long k, long frame) {
        int i = find(k);
        if (i >= 0 && responseFrame[i] == 0) {
            responseFrame[i] = frame;
        }
        return i;
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

    /** Queries held that no response answered. */
    long unanswered() {
        long n = 0;
        for (int i = 0; i < key.length; i++) {
            if (key[i] != 0 && responseFrame[i] == 0) {
                n++;
            }
        }
        return n;
    }

    long evicted() {
        return evicted;
    }

    long evictedUnanswered() {
        return evictedUnanswered;
    }

    private int find(long k) {
        return keys.find(k);
    }

    /** An empty way of the key's set, or its oldest entry (evicted). */
    private int slotFor(long k) {
        int i = keys.emptyOrOldest(k, requestFrame);
        if (key[i] != 0) {
            evicted++;
            if (responseFrame[i] == 0) {
                evictedUnanswered++;
            }
        }
        return i;
    }
}
