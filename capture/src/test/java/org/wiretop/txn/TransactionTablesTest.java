package org.wiretop.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The matchers' rules and bounds, table by table: tshark's DNS rules (a query repeated unanswered
 * within 5 s keeps the first one's time, later or after an answer it starts anew; a repeated
 * response matches again), tshark's HTTP rule (a response answers the stream's latest request
 * unless it has its response; a HEAD's response has no body), and the fixed tables forgetting the
 * oldest entry of a full set, counted.
 */
class TransactionTablesTest {
    private static final long MS = 1_000_000L;

    @Test
    void dnsRetransmissionsAndRepeatedResponses() {
        DnsTransactions t = new DnsTransactions(64);
        long k = DnsTransactions.key(false, 3, 0x1234);
        t.query(k, 1, 0, 40);
        t.query(k, 2, 1000 * MS, 40); // again after 1 s, unanswered: a retransmission
        int i = t.response(k, 3);
        assertEquals(1, t.requestFrame(i), "the first query's frame stands");
        assertEquals(0, t.requestNanos(i));
        assertEquals(i, t.response(k, 4), "a repeated response matches the same query");
        t.query(k, 5, 2000 * MS, 40); // answered: a new transaction
        assertEquals(5, t.requestFrame(t.response(k, 6)));
        t.query(k, 7, 3000 * MS, 40);
        t.query(k, 8, 9000 * MS, 40); // 6 s later, unanswered: a new transaction
        assertEquals(8, t.requestFrame(t.response(k, 9)));
        assertEquals(-1, t.response(DnsTransactions.key(true, 3, 0x1234), 10), "the same id over TCP stream 3 is another key");
        assertEquals(0, t.unanswered());
    }

    @Test
    void dnsTableForgetsTheOldestOfAFullSetAndCountsIt() {
        DnsTransactions t = new DnsTransactions(4); // one set of four ways
        for (int id = 0; id < 5; id++) {
            t.query(DnsTransactions.key(false, 0, id), id + 1, id * MS, 40);
        }
        assertEquals(1, t.evicted());
        assertEquals(1, t.evictedUnanswered());
        assertEquals(-1, t.response(DnsTransactions.key(false, 0, 0), 9), "the oldest query was forgotten");
        assertTrue(t.response(DnsTransactions.key(false, 0, 4), 10) >= 0);
        assertEquals(3, t.unanswered());
    }

    @Test
    void httpResponsesAnswerTheLatestRequest() {
        HttpTransactions t = new HttpTransactions(16);
        int i = t.findOrCreate(7, 1);
        assertFalse(t.response(i, 2), "a response with no request");
        t.request(i, 3, 3 * MS, 80, HttpFramer.OTHER);
        t.request(i, 4, 4 * MS, 80, HttpFramer.HEAD); // pipelined: the latest request is the HEAD
        assertEquals(HttpFramer.HEAD, t.latestMethod(i));
        assertTrue(t.response(i, 5));
        assertEquals(4, t.requestFrame(i), "tshark pairs the response with the latest request");
        assertFalse(t.response(i, 6), "the next response finds no request waiting");
        assertEquals(0, t.unanswered());
    }

    @Test
    void httpTableForgetsTheLeastRecentlyUsedStream() {
        HttpTransactions t = new HttpTransactions(4);
        for (int stream = 0; stream < 4; stream++) {
            t.request(t.findOrCreate(stream, stream + 1), stream + 1, stream, 80, HttpFramer.OTHER);
        }
        t.find(0, 10); // stream 0 used again
        t.findOrCreate(9, 11);
        assertEquals(1, t.evicted());
        assertTrue(t.find(0, 12) >= 0, "stream 0 was used lately");
        assertEquals(-1, t.find(1, 13), "stream 1 was the least recently used");
    }

    @Test
    void eachDirectionHasItsFramerSlot() {
        HttpTransactions t = new HttpTransactions(16);
        int i = t.findOrCreate(1, 1);
        int client = t.side(i, 42), server = t.side(i, 43);
        assertTrue(client >= 0 && server >= 0 && client != server);
        assertEquals(client, t.side(i, 42));
        assertEquals(-1, t.side(i, 44), "a stream has two ends");
    }
}
