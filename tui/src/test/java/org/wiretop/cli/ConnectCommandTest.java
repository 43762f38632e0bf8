package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wiretop.monitor.servers.ServerKind;
import org.wiretop.monitor.servers.ServerManager;

/** {@code wiretop connect}: standard input to the socket, the socket to standard output. */
class ConnectCommandTest {
    private final ServerManager manager = new ServerManager();

    @AfterEach
    void stop() {
        manager.close();
    }

    private static synchronized SendCommandTest.Run connect(InputStream stdin, String... args) {
        InputStream oldIn = System.in;
        try {
            System.setIn(stdin);
            return SendCommandTest.run(args);
        } finally {
            System.setIn(oldIn);
        }
    }

    @Test
    void inputEndsThenTheEchoComesBackAndItEnds() throws IOException {
        for (String host : SendCommandTest.loopbacks()) {
            int port = manager.start(ServerKind.ECHO, InetAddress.getByName(host), 0).local().getPort();
            String typed = "line one\nline two\n";
            SendCommandTest.Run r = connect(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                    "connect", host, String.valueOf(port));
            assertEquals(0, r.code(), r.err());
            assertEquals(typed, r.out());
            manager.stop("echo");
        }
    }

    @Test
    void endsWhenTheServerClosesEvenIfInputStaysOpen() throws IOException {
        int port = manager.start(ServerKind.HELLO, InetAddress.getByName("127.0.0.1"), 0).local().getPort();
        try (PipedOutputStream keyboard = new PipedOutputStream(); PipedInputStream stdin = new PipedInputStream(keyboard)) {
            SendCommandTest.Run r = connect(stdin, "connect", "127.0.0.1", String.valueOf(port));
            assertEquals(0, r.code(), r.err());
            assertEquals("Hello 127.0.0.1\n", r.out());
        }
    }

    @Test
    void refusedIsOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        SendCommandTest.Run r = connect(new ByteArrayInputStream(new byte[0]), "connect", "127.0.0.1", String.valueOf(port));
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("wiretop: cannot connect to 127.0.0.1:" + port + ": connection refused"), r.err());
        assertEquals(1, r.err().split("\n").length);
    }
}
