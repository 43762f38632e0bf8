package org.wiretop.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs the real command line for the capture/read/interfaces tests: in-process through
 * {@link Main#run} with standard output and error captured, or as a separate JVM
 * ({@code java -cp <test classpath> org.wiretop.cli.Main}) when signals or a second process matter.
 */
final class CliRunner {
    /** What a run printed and returned. */
    record Result(int code, String out, String err) {
        List<String> lines() {
            List<String> l = new ArrayList<>();
            for (String s : out.split("\n")) {
                if (!s.isEmpty()) {
                    l.add(s);
                }
            }
            return l;
        }
    }

    private CliRunner() {
    }

    static synchronized Result inProcess(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** As {@link #inProcess}, keeping standard output's bytes as they are (binary output). */
    static synchronized byte[] inProcessBytes(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.out.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        if (code != 0) {
            throw new AssertionError(String.join(" ", args) + " failed (" + code + "): " + err.toString(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Starts wiretop in its own JVM; stdout and stderr go to the given files. */
    static Process start(Path stdout, Path stderr, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(stderr.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }

    /** The command line that runs wiretop with {@code args} in a JVM of its own. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Boolean.getBoolean("wiretop.debugAttribution")) {
            cmd.add("-Dwiretop.debugAttribution=true"); // each lookup on the child's stderr
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.wiretop.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static boolean tcpdumpInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump"));
    }

    /** Polls {@code condition} until it holds or {@code millis} pass; true when it held. */
    static boolean await(long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return condition.getAsBoolean();
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs a program to its end (bounded) and returns its standard output. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("TZ", "UTC");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
