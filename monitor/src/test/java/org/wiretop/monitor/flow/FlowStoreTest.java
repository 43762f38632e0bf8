package org.wiretop.monitor.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The open-addressing store against a HashMap, through random inserts and removals. */
class FlowStoreTest {

    record Key(long meta, long aHi, long aLo, long bHi, long bLo) {
        int hash() {
            return FlowStore.hash(meta, aHi, aLo, bHi, bLo);
        }
    }

    @Test
    void agreesWithAHashMapThroughRandomInsertsAndRemovals() {
        int capacity = 500;
        FlowStore store = new FlowStore(capacity, FlowStore.KEY_WORDS + 1);
        Map<Key, Long> reference = new HashMap<>();
        List<Key> keys = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(42);
        for (int step = 0; step < 200_000; step++) {
            // Few distinct values, so keys collide on every field but one, and hashes cluster.
            Key k = new Key(FlowStore.meta(6, 4, rnd.nextInt(40), 80), 0, rnd.nextInt(8), 0, rnd.nextInt(8));
            int e = store.find(k.meta, k.aHi, k.aLo, k.bHi, k.bLo, k.hash());
            Long want = reference.get(k);
            if (want == null) {
                assertEquals(-1, e, "absent key found at step " + step);
                if (store.size() < capacity) {
                    int n = store.insert(k.meta, k.aHi, k.aLo, k.bHi, k.bLo, k.hash());
                    store.data[store.base(n) + FlowStore.KEY_WORDS] = step;
                    reference.put(k, (long) step);
                    keys.add(k);
                }
            } else {
                assertEquals(want, store.data[store.base(e) + FlowStore.KEY_WORDS], "value at step " + step);
                if (rnd.nextInt(3) == 0) {
                    store.remove(e);
                    reference.remove(k);
                }
            }
            assertEquals(reference.size(), store.size());
        }
        for (Map.Entry<Key, Long> entry : reference.entrySet()) {
            Key k = entry.getKey();
            int e = store.find(k.meta, k.aHi, k.aLo, k.bHi, k.bLo, k.hash());
            assertEquals(entry.getValue(), store.data[store.base(e) + FlowStore.KEY_WORDS]);
        }
    }

    @Test
    void fullStoreRefusesInsteadOfGrowing() {
        FlowStore store = new FlowStore(3, FlowStore.KEY_WORDS);
        for (int i = 0; i < 3; i++) {
            store.insert(FlowStore.meta(17, 4, i, 53), 0, 1, 0, 2, FlowStore.hash(FlowStore.meta(17, 4, i, 53), 0, 1, 0, 2));
        }
        int before = store.data.length;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> store.insert(1, 0, 0, 0, 0, FlowStore.hash(1, 0, 0, 0, 0)));
        assertEquals(before, store.data.length);
    }
}
