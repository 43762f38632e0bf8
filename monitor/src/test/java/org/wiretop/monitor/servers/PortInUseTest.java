package org.wiretop.monitor.servers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A taken port gives one line naming the port and, when it can be found, the holder. */
class PortInUseTest {
    private static final String OUR_PID = "pid " + ProcessHandle.current().pid() + " (";

    @Test
    void tcpPortInUseNamesThePortAndTheProcess() throws IOException {
        try (ServerSocket holder = new ServerSocket(0, 50, Loopbacks.address("127.0.0.1"));
             ServerManager manager = new ServerManager()) {
            int port = holder.getLocalPort();
            ServerStartException e = assertThrows(ServerStartException.class,
                    () -> manager.start("echo", "127.0.0.1", port));
            String m = e.getMessage();
            assertTrue(m.startsWith("cannot start echo on 127.0.0.1:" + port + ": port " + port + "/tcp is in use by "), m);
            assertTrue(m.contains(OUR_PID), "names this JVM as the holder: " + m);
            assertTrue(!m.contains("\n"), "one line");
            assertTrue(manager.list().isEmpty());
        }
    }

    @Test
    void udpPortInUseNamesThePort() throws IOException {
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress(Loopbacks.address("127.0.0.1"), 0));
             ServerManager manager = new ServerManager()) {
            int port = holder.getLocalPort();
            ServerStartException e = assertThrows(ServerStartException.class,
                    () -> manager.start("upper", "127.0.0.1", port));
            assertTrue(e.getMessage().contains("port " + port + "/udp is in use by " + OUR_PID), e.getMessage());
        }
    }

    @Test
    void unknownNamesAndPortsAreRefusedClearly() {
        try (ServerManager manager = new ServerManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> manager.start("ftp", "127.0.0.1", 0));
            assertTrue(e.getMessage().contains("echo, hello, time, upper, http"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> manager.start("echo", "127.0.0.1", 70000));
        }
    }
}
