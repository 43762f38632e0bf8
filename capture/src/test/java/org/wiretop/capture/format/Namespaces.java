package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * Network namespaces and the processes a test starts in them: made with {@code ip netns}, each
 * process kept by handle and ended by it, the namespaces deleted on {@link #close}. Every wait
 * has a deadline; nothing sleeps.
 */
final class Namespaces implements AutoCloseable {
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    /** Skips the test unless it runs as root with {@code ip} and every tool named. */
    static void assume(String... tools) throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        id.waitFor();
        Assumptions.assumeTrue(uid.equals("0"), "not root: network namespaces need root, skipping");
        for (String tool : tools) {
            boolean found = false;
            for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
                found |= Files.isExecutable(Path.of(dir, tool));
            }
            Assumptions.assumeTrue(found, tool + " is not installed (scripts/setup installs it): skipping");
        }
    }

    /** A new namespace with its loopback up; the name carries this JVM's pid. */
    String add(String prefix) throws IOException, InterruptedException {
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + namespaces.size();
        run(10, "ip", "netns", "add", name);
        namespaces.add(name);
        run(10, "ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /** Runs a command to its end (deadline in seconds); fails on a non-zero exit; returns stdout+stderr. */
    static String run(int seconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p));
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String text = new String(out.join(), StandardCharsets.UTF_8);
        assertTrue(done && p.exitValue() == 0, String.join(" ", command) + " failed: " + text);
        return text;
    }

    /** Runs a command in {@code ns} to its end; returns its exit status (-1 when it timed out). */
    static int attempt(int seconds, String ns, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return -1;
        }
        return p.exitValue();
    }

    /**
     * Starts a command in {@code ns} and waits until a line of its standard error contains
     * {@code ready} (a server's or tcpdump's "listening" line); its other output is discarded.
     */
    Process start(String ns, String ready, int seconds, String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    if (line.contains(ready)) {
                        drain(err);
                        return true;
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            return false;
        });
        try {
            assertTrue(seen.get(seconds, TimeUnit.SECONDS), String.join(" ", command) + " ended before '" + ready + "'");
        } catch (TimeoutException e) {
            throw new AssertionError(String.join(" ", command) + ": no '" + ready + "' within " + seconds + " s", e);
        }
        return p;
    }

    /** Keeps reading a process's stream so it never blocks on a full pipe. */
    private static void drain(BufferedReader r) {
        CompletableFuture.runAsync(() -> {
            try {
                while (r.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    private static byte[] readAll(Process p) {
        try {
            return p.getInputStream().readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Ends the processes this test started (by handle), then deletes its namespaces. */
    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        for (String ns : namespaces) {
            new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
