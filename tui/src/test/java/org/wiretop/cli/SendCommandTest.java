package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wiretop.monitor.servers.ServerKind;
import org.wiretop.monitor.servers.ServerManager;

/** {@code wiretop send} in-process against the built-in servers on IPv4 and IPv6 loopback. */
class SendCommandTest {
    private final List<ServerManager> managers = new ArrayList<>();

    @AfterEach
    void stop() {
        managers.forEach(ServerManager::close);
    }

    private int start(ServerKind kind, String bind) throws IOException {
        ServerManager m = new ServerManager();
        managers.add(m);
        return m.start(kind, InetAddress.getByName(bind), 0).local().getPort();
    }

    static List<String> loopbacks() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return List.of("127.0.0.1", "::1");
        } catch (IOException e) {
            return List.of("127.0.0.1");
        }
    }

    @Test
    void tcpPrintsExactlyWhatTheEchoSendsBack() throws IOException {
        for (String host : loopbacks()) {
            int port = start(ServerKind.ECHO, host);
            Run r = run("send", "tcp", host, String.valueOf(port), "hello, wire\u00e9");
            assertEquals(0, r.code, r.err);
            assertEquals("hello, wire\u00e9", r.out);
            assertEquals("", r.err);
        }
    }

    @Test
    void tcpPrintsTheGreetingOfHelloAndTime() throws IOException {
        int hello = start(ServerKind.HELLO, "127.0.0.1");
        assertEquals("Hello 127.0.0.1\n", run("send", "tcp", "127.0.0.1", String.valueOf(hello), "").out);
        int time = start(ServerKind.TIME, "127.0.0.1");
        String t = run("send", "tcp", "127.0.0.1", String.valueOf(time), "x").out;
        assertTrue(t.matches("[A-Z][a-z]{2} [A-Z][a-z]{2} [ 123]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\n"), t);
    }

    @Test
    void udpPrintsTheUpperCaseReply() throws IOException {
        for (String host : loopbacks()) {
            int port = start(ServerKind.UPPER, host);
            Run r = run("send", "udp", host, String.valueOf(port), "make me loud");
            assertEquals(0, r.code, r.err);
            assertEquals("MAKE ME LOUD", r.out);
        }
    }

    @Test
    void refusedConnectionIsOneLineWithAHint() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort(); // free again once closed: nothing listens there
        }
        Run r = run("send", "tcp", "127.0.0.1", String.valueOf(port), "hi");
        assertEquals(1, r.code);
        assertEquals("wiretop: cannot connect to 127.0.0.1:" + port + ": connection refused (is a server listening? try"
                + " 'wiretop serve echo --port " + port + "')\n", r.err);
    }

    @Test
    void udpWithoutAReplyTimesOutWithOneLine() throws IOException {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            Run r = run("send", "udp", "127.0.0.1", String.valueOf(silent.getLocalPort()), "anyone?", "--timeout", "0.3");
            assertEquals(1, r.code);
            assertTrue(r.err.startsWith("wiretop: no reply from 127.0.0.1:" + silent.getLocalPort() + " within 0.3 s"), r.err);
            assertEquals(1, r.err.split("\n").length);
        }
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, run("send", "sctp", "127.0.0.1", "1", "x").code);
        assertEquals(2, run("send", "tcp", "127.0.0.1", "70000", "x").code);
        assertEquals(2, run("send", "tcp", "127.0.0.1", "http", "x").code);
        Run r = run("send", "tcp", "no-such-host.invalid", "80", "x");
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("wiretop: unknown host 'no-such-host.invalid'"), r.err);
    }

    record Run(int code, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
