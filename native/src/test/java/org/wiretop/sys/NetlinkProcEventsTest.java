package org.wiretop.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The process connector against real processes: each one started is announced (once, newest
 * first) while its threads are not, and nothing older than asked for is returned.
 */
class NetlinkProcEventsTest {
    @Test
    void announcesEachNewProcessNewestFirstAndNotItsThreads() throws Exception {
        try (NetlinkProcEvents events = openOrSkip()) {
            long since = System.nanoTime();
            List<Long> started = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Process p = new ProcessBuilder("/bin/sleep", "0.2").start();
                started.add(p.pid());
                assertTrue(await(events, since, p.pid()), "process " + p.pid() + " not announced");
            }
            Thread t = new Thread(() -> { });
            t.start();
            t.join();
            int[] out = new int[64];
            int n = events.newest(out, since);
            List<Long> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (started.contains((long) out[i])) {
                    order.add((long) out[i]);
                }
            }
            assertEquals(List.of(started.get(2), started.get(1), started.get(0)), order, "each once, newest first");
            for (int i = 0; i < n; i++) {
                assertFalse(out[i] == ProcessHandle.current().pid(), "a thread of ours announced as a process");
            }
            assertEquals(0, events.newest(out, System.nanoTime() + TimeUnit.HOURS.toNanos(1)), "nothing started later");
        }
    }

    private static boolean await(NetlinkProcEvents events, long since, long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int[] out = new int[64];
        while (System.nanoTime() < deadline) {
            int n = events.newest(out, since);
            for (int i = 0; i < n; i++) {
                if (out[i] == pid) {
                    return true;
                }
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return false;
    }

    private static NetlinkProcEvents openOrSkip() {
        try {
            return NetlinkProcEvents.open();
        } catch (NetlinkException e) {
            assumeTrue(false, "the process connector needs root in the host's namespaces: " + e.getMessage());
            return null;
        }
    }
}
