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
        assertSetOnANewThreadOnly(ThreadNice.CAPTURE);
        assertTrue(ThreadNice.CAPTURE < ThreadNice.UI);
    }

    @Test
    void anyoneMayPutAThreadInTheBackground() throws Exception {
        assumeTrue(com.sun.jna.Platform.isLinux(), "nice values a thread are Linux's");
        assertSetOnANewThreadOnly(ThreadNice.BACKGROUND);
    }

    /** A new thread sets {@code nice} and reads it back; this thread's stays as it was. */
    private static void assertSetOnANewThreadOnly(int nice) throws Exception {
        int mine = niceOfThisThread();
        AtomicReference<String> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            boolean ok = ThreadNice.set(nice);
            try {
                seen.set(ok + " " + niceOfThisThread());
            } catch (IOException e) {
                seen.set(e.toString());
            }
        });
        t.start();
        t.join();
        assertEquals("true " + nice, seen.get());
        assertEquals(mine, niceOfThisThread(), "another thread's nice value must not change");
    }

    /** Field 19 of /proc/thread-self/stat (after the command name, which may hold spaces). */
    private static int niceOfThisThread() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]);
    }
}
