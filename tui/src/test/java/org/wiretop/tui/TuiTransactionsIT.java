package org.wiretop.tui;

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

/**
 * The Transactions view live, in tmux, against the built jar: {@code dig} asks a {@code dnsmasq}
 * and {@code curl} fetches from {@code python3 -m http.server} (its port given with
 * {@code --decode-as}); {@code 5} lists both requests with their status and latency, {@code s}
 * sorts by latency; the Connections view ({@code 2}) has its {@code Exp} column and {@code f} there
 * opens the Follow view on the HTTP connection. Needs root, tmux and the programs; skips otherwise.
 */
class TuiTransactionsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void digAndCurlShowAsTransactions(@TempDir Path dir) throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed (scripts/setup installs it)");
        assumeTrue(isRoot(), "needs root (capture rights): run the tests as root");
        for (String p : List.of("dig", "dnsmasq", "curl", "python3")) {
            assumeTrue(onPath(p) != null, p + " is not installed (scripts/setup installs it)");
        }
        Path jar = Path.of(System.getProperty("wiretop.jar", "target/wiretop.jar"));
        assumeTrue(Files.isRegularFile(jar), "the wiretop jar is not built: " + jar);
        int dnsPort = freeUdpPort(), httpPort = freeTcpPort();
        Files.writeString(dir.resolve("index.html"), "<p>hello from the test</p>\n");
        Process dnsmasq = new ProcessBuilder(onPath("dnsmasq"), "--no-daemon", "--port", Integer.toString(dnsPort),
                "--listen-address", "127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--conf-file=/dev/null", "--pid-file", "--address=/example.test/192.0.2.1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
        Process http = new ProcessBuilder(onPath("python3"), "-m", "http.server", Integer.toString(httpPort),
                "--bind", "127.0.0.1", "--directory", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("http.log").toFile()).start();
        String url = "http://127.0.0.1:" + httpPort + "/index.html";
        try (Tmux t = Tmux.start("wiretop-txn-" + ProcessHandle.current().pid(), 160, 40)) {
            assertTrue(await(() -> dig(dnsPort).contains("192.0.2.1")), "dnsmasq answers on port " + dnsPort);
            assertTrue(await(() -> curl(url).contains("hello from the test")), "the HTTP server answers on " + httpPort);
            t.awaitText(WAIT, "PROMPT$");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            t.type(java + " -jar " + jar.toAbsolutePath() + " --decode-as " + httpPort + "=http,"
                    + dnsPort + "=dns -i lo udp port " + dnsPort + " or tcp port " + httpPort);
            t.keys("Enter");
            t.await(WAIT, x -> x.contains("1 Packets") && x.contains(" lo | bpf: udp port " + dnsPort));

            assertTrue(dig(dnsPort).contains("192.0.2.1"));
            assertTrue(curl(url).contains("hello from the test"));
            t.keys("5");
            // The Packets view shows both lines too: wait for the Transactions view's summary.
            String s = t.await(WAIT, x -> x.contains(" transactions, ") && x.contains("A example.test")
                    && x.contains("GET /index.html"));
            assertTrue(s.matches("(?s).*DNS +127\\.0\\.0\\.1\\.\\d+ +127\\.0\\.0\\.1\\." + dnsPort
                    + " +A example\\.test +NOERROR +\\d+\\.\\d{3} .*"), s);
            assertTrue(s.matches("(?s).*HTTP +127\\.0\\.0\\.1\\.\\d+ +127\\.0\\.0\\.1\\." + httpPort
                    + " +GET /index\\.html +200 +\\d+\\.\\d{3} .*"), s);
            assertTrue(s.contains("2 transactions, 0 errors (red)"), s);
            t.keys("s");
            t.awaitText(WAIT, "Latency msv");

            // Connections: the Exp column, and f follows the HTTP connection
            t.keys("2");
            s = t.await(WAIT, x -> x.contains("Exp") && x.contains("127.0.0.1:" + httpPort));
            assertTrue(s.contains("Exp"), s);
            // select the first row of the HTTP connection (on loopback each end has its row)
            int row = 0;
            for (String line : s.split("\n")) {
                if (line.startsWith(" tcp ") && line.contains(":" + httpPort + " ")) {
                    break;
                }
                if (line.startsWith(" tcp ") || line.startsWith(" udp ")) {
                    row++;
                }
            }
            for (int i = 0; i < row; i++) {
                t.keys("Down");
            }
            t.keys("f");
            s = t.await(WAIT, x -> x.contains("GET /index.html HTTP/1.1") && x.contains("hello from the test"));
            assertTrue(s.contains("HTTP/1.0 200 OK"), s);
            t.keys("Escape"); // alone, and awaited: ESC with the next key would read as Alt-key
            t.await(WAIT, x -> x.contains("Exp") && x.contains("Rate/s"));
            t.keys("q");
            t.await(WAIT, x -> !x.contains("1 Packets") && x.strip().endsWith("PROMPT$"));
        } finally {
            dnsmasq.destroy();
            http.destroy();
            assertTrue(dnsmasq.waitFor(10, TimeUnit.SECONDS), "dnsmasq stops");
            assertTrue(http.waitFor(10, TimeUnit.SECONDS), "the HTTP server stops");
        }
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
        dirs.add("/usr/sbin");
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
