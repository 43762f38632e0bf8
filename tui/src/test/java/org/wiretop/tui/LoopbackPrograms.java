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

/**
 * What the UI's end-to-end tests with real programs share: their preconditions (tmux, root, the
 * programs, the built jar), a {@code dnsmasq} answering {@code example.test} with 192.0.2.1 and
 * python3's {@code http.server}, both bound to 127.0.0.1 (the test stops them), the {@code dig}
 * and {@code curl} that ask them, and opening and quitting the UI in tmux.
 */
public final class LoopbackPrograms {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String ANSWER = "192.0.2.1";

    private LoopbackPrograms() {
    }

    /** The jar, after skipping (with the reason) when root, tmux, the jar or a program is missing. */
    static Path preconditions(String... programs) {
        assumeTrue(Tmux.available(), "tmux is not installed (scripts/setup installs it)");
        assumeTrue(isRoot(), "needs root (capture rights): run the tests as root");
        for (String p : programs) {
            assumeTrue(onPath(p) != null, p + " is not installed (scripts/setup installs it)");
        }
        Path jar = Path.of(System.getProperty("wiretop.jar", "target/wiretop.jar"));
        assumeTrue(Files.isRegularFile(jar), "the wiretop jar is not built: " + jar);
        return jar;
    }

    /** Types wiretop's command line in the tmux shell and waits for its status bar. */
    static void openUi(Tmux t, Path jar, String args, String statusBar) throws Exception {
        t.awaitText(WAIT, "PROMPT$");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        t.type(java + " -jar " + jar.toAbsolutePath() + " " + args);
        t.keys("Enter");
        String s = t.await(WAIT, x -> x.contains("1 Packets") && x.contains(statusBar));
        assertTrue(s.contains(statusBar), s);
    }

    /** {@code q}, and the shell's prompt is back. */
    static void quit(Tmux t) throws Exception {
        t.keys("q");
        String s = t.await(WAIT, x -> !x.contains("1 Packets") && x.strip().endsWith("PROMPT$"));
        assertTrue(s.strip().endsWith("PROMPT$"), "the shell prompt is back:\n" + s);
    }

    /** dnsmasq on 127.0.0.1:{@code port}, answering example.test with {@link #ANSWER}, its log in {@code dir}. */
    static Process dnsmasq(Path dir, int port) throws IOException {
        return new ProcessBuilder(onPath("dnsmasq"), "--no-daemon", "--port", Integer.toString(port),
                "--listen-address", "127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--conf-file=/dev/null", "--pid-file", "--address=/example.test/" + ANSWER)
                .redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
    }

    /** python3's http.server on 127.0.0.1:{@code port}, serving {@code dir}. */
    static Process httpServer(Path dir, int port) throws IOException {
        return new ProcessBuilder(onPath("python3"), "-m", "http.server", Integer.toString(port),
                "--bind", "127.0.0.1", "--directory", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("http.log").toFile()).start();
    }

    /** Stops a server the test started, and checks that it stopped. */
    static void stop(Process server, String name) throws InterruptedException {
        server.destroy();
        assertTrue(server.waitFor(10, TimeUnit.SECONDS), name + " stops");
    }

    /** dig's output for {@code A example.test} asked of 127.0.0.1:{@code port}. */
    static String dig(int port) throws Exception {
        return run(List.of("dig", "@127.0.0.1", "-p", Integer.toString(port), "example.test", "A", "+tries=1", "+time=2"));
    }

    static String curl(String url) throws Exception {
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
    static boolean await(Check check) throws Exception {
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
    interface Check {
        boolean holds() throws Exception;
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The program's path on PATH or in /usr/sbin (dnsmasq lives there, not always on a user's PATH), or null. */
    static String onPath(String program) {
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

    /** Whether this JVM runs as root (the capture tests' precondition). */
    public static boolean isRoot() {
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
