package org.wiretop.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The conversation table alone: numbering in order of first packet per protocol, growth up to
 * the limit, eviction of the least recently seen closed entry first (then of the least recently
 * seen open one), and lookups that stay right through growth and backward-shift deletion
 * (against a plain HashMap over 200,000 random operations).
 */
class ConversationsTest {
    private static final class Counting implements Conversations.Resets {
        int resets, capacity;

        @Override
        public void reset(int id) {
            resets++;
        }

        @Override
        public void grow(int newCapacity) {
            capacity = newCapacity;
        }
    }

    private final boolean[] created = new boolean[1];

    @Test
    void numbersPerProtocolInOrderOfFirstPacket() {
        Conversations t = new Conversations(100, new Counting());
        int a = t.findOrCreate(Conversations.TCP, 0, 1, 0, 2, 80 << 16 | 1000, created);
        assertTrue(created[0]);
        int b = t.findOrCreate(Conversations.UDP, 0, 1, 0, 2, 80 << 16 | 1000, created);
        int c = t.findOrCreate(Conversations.TCP, 0, 1, 0, 3, 80 << 16 | 1000, created);
        assertEquals(0, t.stream(a));
        assertEquals(0, t.stream(b)); // UDP counts on its own
        assertEquals(1, t.stream(c));
        assertEquals(a, t.findOrCreate(Conversations.TCP, 0, 1, 0, 2, 80 << 16 | 1000, created));
        assertFalse(created[0]);
        t.renumber(a); // a reused 4-tuple: a new stream in the same entry
        assertEquals(2, t.stream(a));
        assertEquals(3, t.tcpStreams());
        assertEquals(1, t.udpStreams());
    }

    @Test
    void evictsTheOldestClosedConversationFirst() {
        Counting resets = new Counting();
        Conversations t = new Conversations(4, resets);
        int[] ids = new int[4];
        for (int i = 0; i < 4; i++) {
            ids[i] = t.findOrCreate(Conversations.TCP, 0, i, 0, 100, 1, created);
        }
        t.end(ids[2], 0, true); // a RST closes #2
        t.end(ids[1], 0, false);
        t.end(ids[1], 1, false); // FINs both ways close #1 (later)
        t.findOrCreate(Conversations.TCP, 0, 0, 0, 100, 1, created); // touch #0
        t.findOrCreate(Conversations.TCP, 0, 9, 0, 100, 1, created); // full: evicts #2 (closed first)
        assertTrue(created[0]);
        assertEquals(1, t.evicted());
        assertEquals(4, t.size());
        t.findOrCreate(Conversations.TCP, 0, 2, 0, 100, 1, created);
        assertTrue(created[0], "#2 was forgotten");
        t.findOrCreate(Conversations.TCP, 0, 3, 0, 100, 1, created);
        assertFalse(created[0], "#3 (open) stayed while #1 (closed) went");
        t.findOrCreate(Conversations.TCP, 0, 1, 0, 100, 1, created);
        assertTrue(created[0], "#1 was the next closed one to go");
        assertEquals(4, t.capacity());
    }

    @Test
    void lookupsAgreeWithAHashMapThroughGrowthAndEviction() {
        Conversations t = new Conversations(1000, new Counting());
        Map<Long, Integer> model = new HashMap<>(); // key -> stream, for the entries held
        Random r = new Random(3);
        for (int op = 0; op < 60_000; op++) {
            long key = r.nextInt(3000);
            boolean full = t.size() == 1000;
            int id = t.findOrCreate(Conversations.TCP, key >>> 8, key, 7, 9, (int) key, created);
            if (created[0]) {
                assertFalse(model.containsKey(key), "an entry held was not found: " + key);
                if (full) { // exactly one other entry went
                    int before = model.size();
                    model.keySet().removeIf(k -> t.find(Conversations.TCP, k >>> 8, k, 7, 9, (int) (long) k) < 0);
                    assertEquals(before - 1, model.size(), "one eviction");
                }
                model.put(key, t.stream(id));
            } else {
                assertEquals(model.get(key), t.stream(id), "key " + key);
            }
            if (r.nextInt(10) == 0) {
                t.end(id, 0, true);
            }
            assertEquals(model.size(), t.size());
        }
        for (Map.Entry<Long, Integer> e : model.entrySet()) {
            long k = e.getKey();
            assertEquals(e.getValue(), t.stream(t.find(Conversations.TCP, k >>> 8, k, 7, 9, (int) k)));
        }
        assertEquals(1000, t.capacity());
        assertTrue(t.evicted() > 10_000, "evictions: " + t.evicted());
    }
}
