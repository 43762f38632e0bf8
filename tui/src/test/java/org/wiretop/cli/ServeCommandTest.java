package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code wiretop serve}: a real child process serving, logging each connection, and closing
 * every socket on SIGTERM; in-process for the errors.
 */
class ServeCommandTest {
    private static final Pattern LISTENING = Pattern.compile("(\\w+) listening on (\\S+):(\\d+) \\((tcp|udp)\\)");

    /**
     * The child and its output. The output goes to a file, not a pipe: the JDK may drop what is
     * still in a pipe when the child exits, and the last lines (written on SIGTERM) matter here.
     */
    private static final class Child implements AutoCloseable {
        final Process process;
        final Path output;

        Child(String... args) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName()));
            cmd.addAll(List.of(args));
            output = Files.createTempFile("wiretop-serve", ".out");
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        }

        List<String> lines() {
            try {
                return Files.readAllLines(output, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String await(Predicate<String> match) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                boolean alive = process.isAlive();
                List<String> lines = lines();
                for (String l : lines) {
                    if (match.test(l)) {
                        return l;
                    }
                }
                if (!alive || System.nanoTime() - deadline > 0) {
                    throw new AssertionError("no such line; output:\n" + String.join("\n", lines));
                }
                LockSupport.parkNanos(10_000_000);
            }
        }

        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    @Test
    void servesLogsEachConnectionAndClosesEverythingOnSigterm() throws Exception {
        try (Child child = new Child("serve", "echo", "--port", "0")) {
            Matcher m = LISTENING.matcher(child.await(l -> LISTENING.matcher(l).matches()));
            assertTrue(m.matches());
            assertEquals("echo", m.group(1));
            assertEquals("127.0.0.1", m.group(2), "binds to loopback by default");
            int port = Integer.parseInt(m.group(3));

            SendCommandTest.Run r = SendCommandTest.run("send", "tcp", "127.0.0.1", String.valueOf(port), "hello");
            assertEquals("hello", r.out());
            child.await(l -> l.contains("echo  Received connection from ('127.0.0.1', "));
            child.await(l -> l.matches(".*echo  Closed \\('127\\.0\\.0\\.1', \\d+\\): 5 bytes in, 5 bytes out, \\d+\\.\\d{3} s \\(closed by client\\)"));

            Socket held = new Socket();
            held.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            held.setSoTimeout(10_000);
            child.await(l -> l.contains("Received connection from ('127.0.0.1', " + held.getLocalPort() + ")"));
            child.process.destroy(); // SIGTERM
            assertTrue(child.process.waitFor(20, TimeUnit.SECONDS), "serve ends on SIGTERM");
            assertEquals(-1, held.getInputStream().read(), "the open client was closed");
            held.close();
            child.await(l -> l.endsWith("echo  stopped"));
            try (Socket again = new Socket()) {
                again.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                throw new AssertionError("still listening after SIGTERM");
            } catch (ConnectException expected) {
                // nothing listens any more
            }
        }
    }

    /**
     * An IPv4 server is an IPv4 socket: {@code wiretop sockets -tlnp} lists {@code tcp
     * 127.0.0.1:PORT} with the serving JVM's pid, as {@code ss -tlnp} does (not a dual-stack
     * {@code tcp6 [::ffff:127.0.0.1]}); the UDP one likewise.
     */
    @Test
    void ipv4ServersAreIpv4SocketsAsSsSeesThem() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")),
                "needs ss");
        try (Child child = new Child("serve", "echo", "--port", "0");
             Child udpChild = new Child("serve", "upper", "--port", "0")) {
            Matcher tcp = LISTENING.matcher(child.await(l -> l.startsWith("echo listening")));
            Matcher udp = LISTENING.matcher(udpChild.await(l -> l.startsWith("upper listening")));
            assertTrue(tcp.matches() && udp.matches());
            String port = tcp.group(3), udpPort = udp.group(3);
            long pid = child.process.pid(), udpPid = udpChild.process.pid();
            String ours = SendCommandTest.run("sockets", "-tlnp").out().lines()
                    .filter(l -> l.contains(":" + port + " ")).findFirst().orElseThrow();
            assertTrue(ours.matches("tcp +\\d+ +\\d+ 127\\.0\\.0\\.1:" + port + " +0\\.0\\.0\\.0:\\* +LISTEN +" + pid + "/java\\s*"),
                    ours);
            String ss = CliRunner.run(List.of("ss", "-tlnpH", "sport = :" + port));
            assertTrue(ss.contains(" 127.0.0.1:" + port + " ") && ss.contains("pid=" + pid + ","), ss);
            String oursUdp = SendCommandTest.run("sockets", "-ulnp").out().lines()
                    .filter(l -> l.contains(":" + udpPort + " ")).findFirst().orElseThrow();
            assertTrue(oursUdp.startsWith("udp ") && oursUdp.contains(" 127.0.0.1:" + udpPort + " ")
                    && oursUdp.contains(udpPid + "/java"), oursUdp);
            String ssUdp = CliRunner.run(List.of("ss", "-ulnpH", "sport = :" + udpPort));
            assertTrue(ssUdp.contains(" 127.0.0.1:" + udpPort + " ") && ssUdp.contains("pid=" + udpPid + ","), ssUdp);
        }
    }

    @Test
    void servesUdpOnIpv6() throws Exception {
        List<String> loopbacks = SendCommandTest.loopbacks();
        String bind = loopbacks.get(loopbacks.size() - 1);
        // ::1 where the machine has IPv6; port 0 since default ports may be taken here.
        try (Child child = new Child("serve", "upper", "--port", "0", "--bind", bind)) {
            Matcher m = LISTENING.matcher(child.await(l -> LISTENING.matcher(l).matches()));
            assertTrue(m.matches());
            assertEquals("udp", m.group(4));
            String host = m.group(2).replace("[", "").replace("]", "");
            SendCommandTest.Run r = SendCommandTest.run("send", "udp", host, m.group(3), "quiet please");
            assertEquals("QUIET PLEASE", r.out(), r.err());
            child.await(l -> l.contains("upper Datagram from ('" + host + "', "));
        }
    }

    @Test
    void aPortInUseNamesThePortAndItsHolder() throws IOException {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = holder.getLocalPort();
            SendCommandTest.Run r = SendCommandTest.run("serve", "echo", "--port", String.valueOf(port));
            assertEquals(1, r.code());
            assertEquals("wiretop: cannot start echo on 127.0.0.1:" + port + ": port " + port + "/tcp is in use by pid "
                    + ProcessHandle.current().pid() + " (java) (stop it or choose another with --port)\n", r.err());
        }
    }

    @Test
    void usageErrorsExitWith2() {
        SendCommandTest.Run unknown = SendCommandTest.run("serve", "ftp");
        assertEquals(2, unknown.code());
        assertEquals("wiretop: unknown server 'ftp' (choose from echo, hello, time, upper, http)\n", unknown.err());
        assertEquals(2, SendCommandTest.run("serve", "echo", "hello", "--port", "7000").code());
        assertEquals(2, SendCommandTest.run("serve").code());
        assertEquals(2, SendCommandTest.run("serve", "echo", "--port", "-1").code());
        SendCommandTest.Run badBind = SendCommandTest.run("serve", "echo", "--port", "0", "--bind", "nowhere.invalid");
        assertEquals(2, badBind.code(), badBind.err());
    }

}
