package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A network namespace of the test's own with its loopback up: servers listen there on their
 * standard ports (80, 22, 6379) without meeting any other test or service, clients talk to them
 * on 127.0.0.1, and a capture of ours runs in it on {@code lo}. Every process started here is
 * stopped (by its id), and the namespace deleted, on {@link #close}.
 */
final class Netns implements AutoCloseable {
    /** A command's end: exit status and output. */
    record Result(int exit, String out) {
    }

    private final String name;
    private final List<Process> started = new ArrayList<>();

    private Netns(String name) {
        this.name = name;
    }

    /** A new namespace, or a skipped test when this machine cannot make one (not root, no iproute2). */
    static Netns create() throws IOException, InterruptedException {
        CaptureTestSupport.assumeRoot();
        CaptureTestSupport.assumeTool("ip");
        String name = "wtapp" + ProcessHandle.current().pid() % 100_000 + "x" + ThreadLocalRandom.current().nextInt(1000);
        Result add = host(List.of("ip", "netns", "add", name));
        assumeTrue(add.exit() == 0, "cannot create a network namespace here: " + add.out());
        Netns ns = new Netns(name);
        Result up = host(List.of("ip", "-n", name, "link", "set", "lo", "up"));
        assertTrue(up.exit() == 0, "ip link set lo up: " + up.out());
        return ns;
    }

    /** Runs a command in the namespace to its end (coreutils' timeout ends it after 20 s). */
    Result run(String... command) throws IOException, InterruptedException {
        List<String> bounded = new ArrayList<>(List.of("timeout", "20"));
        bounded.addAll(List.of(command));
        return host(inside(bounded.toArray(new String[0])));
    }

    /** Starts a long-running command in the namespace (a server); it is stopped on {@link #close}. */
    Process start(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(inside(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    /** Starts our capture ({@link LoopbackCapture}) on the namespace's lo and waits until it captures. */
    Process capture(Path file, String filter, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(inside(java, "-cp", cp, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                LoopbackCapture.class.getName(), "lo", file.toString(), filter))
                .redirectError(log.toFile()).start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine(); // "capturing", or null when it failed (see the log)
        assertTrue("capturing".equals(first), "our capture did not start: see " + log);
        return p;
    }

    /** Stops a capture started by {@link #capture}: closes its input and waits for it to write and exit. */
    static void stopCapture(Process capture) throws IOException, InterruptedException {
        capture.getOutputStream().close();
        assertTrue(capture.waitFor(30, TimeUnit.SECONDS), "the capture did not stop");
        assertTrue(capture.exitValue() == 0, "the capture failed: " + capture.exitValue());
    }

    /** Polls {@code condition} every 20 ms until it holds; fails after {@code seconds}. */
    static void await(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            LockSupport.parkNanos(20_000_000L);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process p : started) {
            p.destroy(); // SIGTERM to the server itself: `ip netns exec` execs it
        }
        for (Process p : started) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        host(List.of("ip", "netns", "del", name));
    }

    private List<String> inside(String... command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(List.of(command));
        return all;
    }

    private static Result host(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("did not finish in 30 s: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
