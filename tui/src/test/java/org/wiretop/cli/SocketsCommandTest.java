package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code wiretop sockets} run in-process against sockets the test opens on loopback. */
class SocketsCommandTest {
    private final long pid = ProcessHandle.current().pid();
    private ServerSocketChannel v4;
    private ServerSocketChannel v6;
    private SocketChannel client;
    private SocketChannel accepted;

    @BeforeEach
    void open() throws IOException {
        v4 = ServerSocketChannel.open(StandardProtocolFamily.INET);
        v4.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 9);
        v6 = ServerSocketChannel.open(StandardProtocolFamily.INET6);
        v6.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        client = SocketChannel.open(v6.getLocalAddress());
        accepted = v6.accept();
    }

    @AfterEach
    void close() throws IOException {
        for (var c : List.of(accepted, client, v6, v4)) {
            c.close();
        }
    }

    @Test
    void jsonHasTheDesignKeysAndOurPid() {
        Run r = run("sockets", "-tl", "-4", "--format", "json");
        assertEquals(0, r.code, r.err);
        String line = r.lines().stream().filter(l -> l.contains("\"local_port\":" + port(v4) + ","))
                .findFirst().orElseThrow(() -> new AssertionError("listener missing:\n" + r.out));
        assertTrue(line.startsWith("{\"proto\":\"tcp\",\"family\":4,\"state\":\"LISTEN\",\"recv_q\":0,"), line);
        assertTrue(line.contains("\"local_addr\":\"127.0.0.1\""), line);
        assertTrue(line.contains("\"remote_addr\":\"0.0.0.0\",\"remote_port\":0,\"inode\":"), line);
        assertTrue(line.contains("\"pid\":" + pid + ",\"program\":"), line);
        assertFalse(line.contains("rtt_ms"), "tcp_info only with -i: " + line);
        assertTrue(r.lines().stream().noneMatch(l -> l.contains("\"family\":6")), "-4 shows IPv4 only");
    }

    @Test
    void jsonWithInfoAndStateFilterShowsTheIpv6Connection() {
        Run r = run("sockets", "--format=json", "-i", "--state", "established", "-6");
        assertEquals(0, r.code, r.err);
        String line = r.lines().stream().filter(l -> l.contains("\"remote_port\":" + port(v6) + ","))
                .findFirst().orElseThrow(() -> new AssertionError("client missing:\n" + r.out));
        assertTrue(line.contains("\"family\":6,\"state\":\"ESTABLISHED\""), line);
        assertTrue(line.contains("\"local_addr\":\"::1\"") && line.contains("\"remote_addr\":\"::1\""), line);
        assertTrue(line.contains("\"rtt_ms\":") && line.contains("\"cwnd\":") && line.contains("\"retrans\":"), line);
        assertTrue(r.lines().stream().allMatch(l -> l.contains("\"state\":\"ESTABLISHED\"")), r.out);
    }

    @Test
    void textHasNetstatColumnsAndPidProgram() {
        Run r = run("sockets", "-tunap");
        assertEquals(0, r.code, r.err);
        List<String> lines = r.lines();
        assertTrue(lines.get(0).matches(
                "Proto Recv-Q Send-Q Local Address +Foreign Address +State +PID/Program name"), lines.get(0));
        String listener = lines.stream().filter(l -> l.contains(" 127.0.0.1:" + port(v4) + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(r.out));
        assertTrue(listener.matches("tcp +0 +9 127\\.0\\.0\\.1:\\d+ +0\\.0\\.0\\.0:\\* +LISTEN +" + pid + "/.+"),
                listener);
        String conn = lines.stream().filter(l -> l.startsWith("tcp6 ") && l.matches(".* ::1:" + port(client) + " .*")
                        && l.indexOf(" ::1:" + port(client) + " ") < l.indexOf(" ::1:" + port(v6) + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(r.out));
        assertTrue(conn.matches("tcp6 +0 +0 ::1:\\d+ +::1:" + port(v6) + " +ESTABLISHED +" + pid + "/.+"), conn);
    }

    @Test
    void defaultHidesListenersAndInfoAddsColumns() {
        Run r = run("sockets", "-t", "-i");
        assertEquals(0, r.code, r.err);
        assertTrue(r.lines().get(0).contains("RTT(ms)   Cwnd Retrans"), r.lines().get(0));
        assertTrue(r.lines().stream().noneMatch(l -> l.contains("LISTEN")), r.out);
        assertFalse(r.lines().get(0).contains("PID/Program"), "no process column without -p");
    }

    @Test
    void watchRedrawsCountTimes() {
        Run r = run("sockets", "-tl", "--watch", "0.05", "--count", "3");
        assertEquals(0, r.code, r.err);
        assertEquals(3, r.lines().stream().filter(l -> l.startsWith("Proto ")).count(), r.out);
    }

    @Test
    void badStateIsAUsageErrorOnOneLine() {
        Run r = run("sockets", "--state", "ESTABLISHED,NOPE");
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("wiretop: unknown socket state 'NOPE'"), r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
    }

    private static int port(java.nio.channels.NetworkChannel c) {
        try {
            return ((InetSocketAddress) c.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private record Run(int code, String out, String err) {
        List<String> lines() {
            return Arrays.asList(out.split("\n"));
        }
    }

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
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
