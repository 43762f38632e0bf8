package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.decode.Dissectors;

/**
 * The application layer as a user sees it in the UI, in tmux, against the built jar and real
 * programs on loopback: {@code dig} asking a {@code dnsmasq} the test starts shows DNS with
 * Wireshark's Info, filters on a DNS field and opens the DNS layer; {@code curl} fetching from
 * {@code python3 -m http.server} (on a free port, given to the UI with {@code --decode-as}) shows
 * HTTP and its request line. Needs root, tmux and those programs (scripts/setup installs them);
 * skips otherwise. Servers bind to 127.0.0.1 and are stopped by the test.
 */
class TuiAppLayerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void digAgainstDnsmasqShowsDns(@TempDir Path dir) throws Exception {
        Path jar = preconditions("dig", "dnsmasq");
        int port = freeUdpPort();
        Process dnsmasq = new ProcessBuilder(onPath("dnsmasq"), "--no-daemon", "--port", Integer.toString(port),
                "--listen-address", "127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--conf-file=/dev/null", "--pid-file", "--address=/example.test/192.0.2.1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
        try (Tmux t = Tmux.start("wiretop-app-dns-" + ProcessHandle.current().pid(), 160, 40)) {
            assertTrue(await(() -> dig(port).contains("192.0.2.1")), "dnsmasq answers on port " + port);
            openUi(t, jar, "-i lo udp port " + port, " lo | bpf: udp port " + port);

            assertTrue(dig(port).contains("192.0.2.1"));
            String s = t.await(WAIT, x -> x.contains("Standard query response") && x.contains("A example.test"));
            assertTrue(s.matches("(?s).*127\\.0\\.0\\.1:\\d+ +127\\.0\\.0\\.1:" + port
                    + " +DNS +\\d+ +Standard query 0x[0-9a-f]{4} A example\\.test.*"), s);
            assertTrue(s.contains("Standard query response 0x") && s.contains("A example.test A 192.0.2.1"), s);

            // A display filter on a DNS field keeps the response only.
            t.keys("/");
            t.awaitText(WAIT, "display filter:");
            t.type("dns.a == 192.0.2.1 && dns.qry.name contains \"example\"");
            t.keys("Enter");
            s = t.await(WAIT, x -> x.contains("| filter: dns.a == 192.0.2.1") && !x.contains("Standard query 0x"));
            assertTrue(s.contains("Standard query response") && !s.matches("(?s).*DNS +\\d+ +Standard query 0x.*"), s);

            // Its detail: the DNS layer lists its fields, named as a filter takes them.
            t.keys("Enter");
            t.awaitText(WAIT, "Up/Down: layer");
            t.keys("Down", "Down", "Down", "Down");
            s = t.await(WAIT, x -> x.contains("(dns.a)"));
            assertTrue(s.contains("v DNS, Standard query response") && s.contains("Address: 192.0.2.1  (dns.a)")
                    && s.contains("Query name: example.test  (dns.qry.name)"), s);
            t.keys("Escape"); // alone, and awaited: ESC with the next key would read as Alt-key
            t.await(WAIT, x -> x.contains("No. Time"));
            quit(t);
        } finally {
            dnsmasq.destroy();
            assertTrue(dnsmasq.waitFor(10, TimeUnit.SECONDS), "dnsmasq stops");
        }
    }

    @Test
    void curlAgainstAPythonHttpServerShowsHttp(@TempDir Path dir) throws Exception {
        Path jar = preconditions("curl", "python3");
        assumeTrue(Dissectors.names().contains("http"), "no HTTP dissector in the table yet: skipped");
        Files.writeString(dir.resolve("index.html"), "<p>hello from the test</p>\n");
        int port = freeTcpPort();
        Process server = new ProcessBuilder(onPath("python3"), "-m", "http.server", Integer.toString(port),
                "--bind", "127.0.0.1", "--directory", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("http.log").toFile()).start();
        try (Tmux t = Tmux.start("wiretop-app-http-" + ProcessHandle.current().pid(), 160, 40)) {
            String url = "http://127.0.0.1:" + port + "/index.html";
            assertTrue(await(() -> curl(url).contains("hello from the test")), "the HTTP server answers on " + port);
            // The port is not HTTP's: --decode-as names it (as a user would for a server of their own).
            openUi(t, jar, "--decode-as " + port + "=http -i lo tcp port " + port, " lo | bpf: tcp port " + port);

            assertTrue(curl(url).contains("hello from the test"));
            String s = t.await(WAIT, x -> x.contains("GET /index.html HTTP/1.1"));
            assertTrue(s.matches("(?s).*127\\.0\\.0\\.1:\\d+ +127\\.0\\.0\\.1:" + port
                    + " +HTTP +\\d+ +GET /index\\.html HTTP/1\\.1 \\| Flags \\[P\\.\\].*"), s);
            quit(t);
        } finally {
            server.destroy();
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the HTTP server stops");
        }
    }

    /** The jar, after skipping (with the reason) when root, tmux, the jar or a program is missing. */
    private static Path preconditions(String... programs) {
        assumeTrue(Tmux.available(), "tmux is not installed (scripts/setup installs it)");
        assumeTrue(isRoot(), "needs root (capture rights): run the tests as root");
        for (String p : programs) {
            assumeTrue(onPath(p) != null, p + " is not installed (scripts/setup installs it)");
        }
        Path jar = Path.of(System.getProperty("wiretop.jar", "target/wiretop.jar"));
        assumeTrue(Files.isRegularFile(jar), "the wiretop jar is not built: " + jar);
        return jar;
    }

    private static void openUi(Tmux t, Path jar, String args, String statusBar) throws Exception {
        t.awaitText(WAIT, "PROMPT$");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        t.type(java + " -jar " + jar.toAbsolutePath() + " " + args);
        t.keys("Enter");
        String s = t.await(WAIT, x -> x.contains("1 Packets") && x.contains(statusBar));
        assertTrue(s.contains(statusBar), s);
    }

    private static void quit(Tmux t) throws Exception {
        t.keys("q");
        String s = t.await(WAIT, x -> !x.contains("1 Packets") && x.strip().endsWith("PROMPT$"));
        assertTrue(s.strip().endsWith("PROMPT$"), "the shell prompt is back:\n" + s);
    }

    private static String dig(int port) throws Exception {
        return run(List.of("dig", "@127.0.0.1", "-p", Integer.toString(port), "example.test", "A", "+tries=1", "+time=2"));
    }

    private static String curl(String url) throws Exception {
        return run(List.of("curl", "-s", "--max-time", "5", url));
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Retries {@code check} until it holds or {@link #WAIT} passes (servers take a moment to listen). */
    private static boolean await(Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            LockSupport.parkNanos(200_000_000L);
        }
        return false;
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String onPath(String program) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin")
                .split(File.pathSeparator)));
        dirs.add("/usr/sbin"); // dnsmasq lives there, not always on a user's PATH
        for (String d : dirs) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
