package org.wiretop.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Runs the real wiretop jar (and the tools it is compared with) as processes, for *IT tests. */
final class Wiretop {
    private Wiretop() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("wiretop.jar", "target/wiretop.jar"));
        assumeTrue(Files.isRegularFile(jar), "the wiretop jar is not built: " + jar);
        return jar;
    }

    /** The command line that runs wiretop with these arguments. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static ProcessBuilder wiretop(String... args) {
        return new ProcessBuilder(command(args));
    }

    static void assumeRoot() {
        assumeTrue(isRoot(), "needs root (capture rights): run the tests as root");
    }

    static boolean isRoot() {
        return org.wiretop.tui.LoopbackPrograms.isRoot();
    }

    static void assumeTool(String name) {
        assumeTrue(onPath(name), name + " is not installed (scripts/setup installs it)");
    }

    static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin:/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", name)) || Files.isExecutable(Path.of("/sbin", name));
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; returns whether it held. */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(20_000_000L);
        }
        return condition.getAsBoolean();
    }

    /** A command run to completion: exit code and its output. */
    record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    static Result run(Duration timeout, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            Lines out = Lines.follow(p.getInputStream());
            Lines err = Lines.follow(p.getErrorStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("did not finish in " + timeout + ": " + cmd + "\n" + err.text());
            }
            out.join();
            err.join();
            return new Result(p.exitValue(), out.text(), err.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result runTool(Duration timeout, String... cmd) {
        return run(timeout, List.of(cmd));
    }

    /** Sends {@code count} UDP datagrams of {@code size} bytes to host:port, one every {@code gapMillis}. */
    static void sendUdp(String host, int port, int count, int size, long gapMillis) {
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] payload = new byte[size];
            InetAddress to = InetAddress.getByName(host);
            for (int i = 0; i < count; i++) {
                payload[0] = (byte) i;
                s.send(new DatagramPacket(payload, size, to, port));
                if (gapMillis > 0) {
                    LockSupport.parkNanos(gapMillis * 1_000_000L);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free UDP port on loopback, for a filter that sees only this test's traffic. */
    static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects the lines of a stream on a thread of its own, as they arrive. */
    static final class Lines {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        private Lines(InputStream in) {
            thread = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process went away: what was read is kept
                }
            }, "lines");
            thread.setDaemon(true);
            thread.start();
        }

        static Lines follow(InputStream in) {
            return new Lines(in);
        }

        int count() {
            return lines.size();
        }

        List<String> snapshot() {
            synchronized (lines) {
                return new ArrayList<>(lines);
            }
        }

        String text() {
            return String.join("\n", snapshot());
        }

        void join() throws InterruptedException {
            thread.join(10_000);
        }
    }
}
