package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadNiceTest {
    @Test
    void setsTheCallingThreadsNiceValueAndNoOtherThreads() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root may lower a nice value");
        int mine = niceOfThisThread();
        AtomicReference<String> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            boolean ok = ThreadNice.set(ThreadNice.CAPTURE);
            try {
                seen.set(ok + " " + niceOfThisThread());
            } catch (IOException e) {
                seen.set(e.toString());
            }
        });
        t.start();
        t.join();
        assertEquals("true " + ThreadNice.CAPTURE, seen.get());
        assertEquals(mine, niceOfThisThread(), "another thread's nice value must not change");
        assertTrue(ThreadNice.CAPTURE < ThreadNice.UI);
    }

    @Test
    void anyoneMayPutAThreadInTheBackground() throws Exception {
        assumeTrue(com.sun.jna.Platform.isLinux(), "nice values a thread are Linux's");
        int mine = niceOfThisThread();
        AtomicReference<String> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            boolean ok = ThreadNice.set(ThreadNice.BACKGROUND);
            try {
                seen.set(ok + " " + niceOfThisThread());
            } catch (IOException e) {
                seen.set(e.toString());
            }
        });
        t.start();
        t.join();
        assertEquals("true " + ThreadNice.BACKGROUND, seen.get());
        assertEquals(mine, niceOfThisThread(), "another thread's nice value must not change");
    }

    /** Field 19 of /proc/thread-self/stat (after the command name, which may hold spaces). */
    private static int niceOfThisThread() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]);
    }
}
